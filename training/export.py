"""ONNX export (opset 14, dynamic batch/sequence), numerical check against PyTorch, model folder writing.

    /usr/bin/python3 training/export.py --checkpoint training/runs/NAME/best.pt --out models/NAME
"""
import argparse
import json
import os
import shutil
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx_ref  # noqa: E402
from funsd_data import LABELS  # noqa: E402
from layout_model import LayoutTagger  # noqa: E402

INPUTS = ["input_ids", "attention_mask", "bbox"]
OUTPUTS = ["logits", "link_q", "link_a"]


def sample_inputs(batch=2, seq=24, seed=0):
    """A padded batch: row 0 full, row 1 padded after seq//2 tokens ([CLS] ... [SEP] [PAD]...)."""
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(1000, 30000, (batch, seq), generator=g)
    x0 = torch.randint(0, 900, (batch, seq), generator=g)
    y0 = torch.randint(0, 950, (batch, seq), generator=g)
    bbox = torch.stack([x0, y0, x0 + torch.randint(1, 100, (batch, seq), generator=g),
                        y0 + torch.randint(1, 50, (batch, seq), generator=g)], -1)
    mask = torch.ones(batch, seq, dtype=torch.long)
    ids[:, 0] = 101
    bbox[:, 0] = 0
    ids[0, -1] = 102
    bbox[0, -1] = 1000
    if batch > 1:
        half = seq // 2
        ids[1, half - 1] = 102
        bbox[1, half - 1] = 1000
        ids[1, half:] = 0
        bbox[1, half:] = 0
        mask[1, half:] = 0
    return ids, mask, bbox


def sample_types(ids, mask, seed=0):
    """Case types for sample_inputs: random 0/1 on real word tokens, 0 on [CLS], [SEP] and padding."""
    g = torch.Generator().manual_seed(seed + 7)
    t = torch.randint(0, 2, ids.shape, generator=g)
    return torch.where((mask == 1) & (ids != 101) & (ids != 102), t, torch.zeros_like(t))


def uses_case(model):
    return bool(getattr(model, "cfg", {}).get("case_types"))


def export_onnx(model, path):
    model.eval()
    ids, mask, bbox = sample_inputs()
    dyn = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
           "bbox": {0: "batch", 1: "sequence"}, "logits": {0: "batch", 1: "sequence"},
           "link_q": {0: "batch", 1: "sequence"}, "link_a": {0: "batch", 1: "sequence"}}
    args, names = (ids, mask, bbox), INPUTS
    if uses_case(model):      # the model reads which words are in capitals: a fourth input, token_type_ids
        args, names = (ids, mask, bbox, sample_types(ids, mask)), INPUTS + ["token_type_ids"]
        dyn["token_type_ids"] = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        torch.onnx.export(model, args, path, input_names=names, output_names=OUTPUTS,
                          dynamic_axes=dyn, opset_version=14, do_constant_folding=True)


def check_onnx(model, path, tol=1e-4, shapes=((2, 24), (1, 7), (3, 64))):
    """Runs the ONNX graph with the numpy reference interpreter on padded batches of several shapes and compares
    with PyTorch. Returns the max abs difference over real (unpadded) positions; raises if > tol."""
    import onnx
    m = onnx.load(path)
    onnx.checker.check_model(m)
    worst = 0.0
    for b, s in shapes:
        ids, mask, bbox = sample_inputs(b, s, seed=b * 100 + s)
        feeds = {"input_ids": ids.numpy(), "attention_mask": mask.numpy(), "bbox": bbox.numpy()}
        types = sample_types(ids, mask, seed=b * 100 + s) if uses_case(model) else None
        if types is not None:
            feeds["token_type_ids"] = types.numpy()
        with torch.no_grad():
            ref = [t.numpy() for t in model(ids, mask, bbox, types)]
        got = onnx_ref.run(m, feeds)
        keep = mask.numpy().astype(bool)
        for name, r in zip(OUTPUTS, ref):
            g = got[name]
            assert g.shape == r.shape and g.dtype == np.float32, (name, g.shape, r.shape, g.dtype)
            worst = max(worst, float(np.abs(g[keep] - r[keep]).max()))
    if worst > tol:
        raise AssertionError(f"ONNX differs from PyTorch by {worst:.2e} > {tol}")
    return worst


def io_contract(path):
    import onnx
    g = onnx.load(path).graph
    fmt = lambda vi: dict(name=vi.name, dtype=onnx.TensorProto.DataType.Name(vi.type.tensor_type.elem_type).lower(),
                          shape=[d.dim_param or d.dim_value for d in vi.type.tensor_type.shape.dim])
    return dict(inputs=[fmt(v) for v in g.input], outputs=[fmt(v) for v in g.output])


def write_model_dir(out, model, meta, vocab_file, model_md):
    os.makedirs(out, exist_ok=True)
    onnx_path = os.path.join(out, "model.onnx")
    export_onnx(model, onnx_path)
    diff = check_onnx(model, onnx_path)
    shutil.copyfile(vocab_file, os.path.join(out, "vocab.txt"))
    meta = dict(meta)
    meta["onnx_check_max_abs_diff"] = diff
    meta["io"] = io_contract(onnx_path)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "MODEL.md"), "w") as f:
        f.write(model_md(meta))
    return diff


def main():
    import train_layout
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    ck = torch.load(a.checkpoint, map_location="cpu")
    model = LayoutTagger(ck["cfg"])
    model.load_state_dict(ck["state_dict"])
    model.eval()
    import pretrained
    diff = write_model_dir(a.out, model, ck["meta"], pretrained.vocab_path(ck["cfg"]["encoder"]), train_layout.model_card)
    print(f"wrote {a.out} (ONNX vs PyTorch max abs diff {diff:.2e})")


if __name__ == "__main__":
    main()
