"""Reference dump for the Java parity test (dev.readout.layout.onnx.ReferenceParityTest).

Encodes FUNSD forms with the training code (training/funsd_data.py, training/wordpiece.py,
train_layout.choose_windows) exactly as a model folder's config.json says, and runs the ONNX graph through
training/onnx_ref.py (numpy) on the windows of one or more forms. Writes one JSON file:

  {"model": DIR, "forms": [{"name", "width", "height", "words": [[text, x0, y0, x1, y1], ...] (raw order, blank
   words dropped), "order": [...], "windows": [{"start", "end", "input_ids", "bbox"}], "chosen": [...],
   "outputs": {"logits": [[...]], "link_q": ..., "link_a": ...} (only for --run forms; per window, unpadded)}]}

    /usr/bin/python3 layout/src/test/resources/reference/onnx_reference.py --model models/layout-minilm-funsd \
        --data /work/shared/datasets/funsd/training_data --run 0000971160 --out /tmp/layout-reference.json
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "training"))
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import funsd_data as fd  # noqa: E402
import onnx_ref  # noqa: E402
from wordpiece import WordPiece  # noqa: E402


def choose_windows(windows, n_words):
    # copied from train_layout.choose_windows (importing train_layout would import torch)
    best = [None] * n_words
    for wi, w in enumerate(windows):
        for k in range(w.ws, w.we):
            s, e = w.word_tokens[k - w.ws]
            left = s - 1 if w.ws > 0 else 10 ** 9
            right = (len(w) - 1) - e if w.we < n_words else 10 ** 9
            score = min(left, right)
            if best[k] is None or score > best[k][0]:
                best[k] = (score, wi)
    return [b[1] for b in best]


def raw_words(ann_path):
    with open(ann_path, encoding="utf-8") as f:
        form = json.load(f)["form"]
    out = []
    for ent in form:
        for w in ent.get("words", []):
            if not w["text"].strip():
                continue
            x0, y0, x1, y1 = w["box"]
            out.append([w["text"], min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--run", nargs="*", default=[], help="forms whose windows go through onnx_ref")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    cfg = json.load(open(os.path.join(a.model, "config.json")))
    tok = WordPiece(os.path.join(a.model, cfg["vocab"]), lower_case=cfg["tokenizer"]["lower_case"])
    fd.set_special_ids(tok.cls_id, tok.sep_id)
    ann_dir, img_dir = os.path.join(a.data, "annotations"), os.path.join(a.data, "images")
    names = sorted(f[:-5] for f in os.listdir(ann_dir) if f.endswith(".json"))
    if a.limit:
        names = sorted(set(names[:a.limit]) | set(a.run))
    graph = None
    forms = []
    for name in names:
        ann = os.path.join(ann_dir, name + ".json")
        form = fd.load_form(ann, img_dir, tok, box_mode=cfg["boxes"]["mode"], order=cfg["word_order"],
                            seg_gap=cfg["boxes"]["segment_gap"], line_overlap=cfg["boxes"]["line_overlap"])
        raw = raw_words(ann)
        # the permutation load_form applied (it keeps no index): recompute it the same way
        pix = [tuple(r[1:]) for r in raw]
        _, _, _, segments = fd.group_lines(pix, overlap=cfg["boxes"]["line_overlap"], gap=cfg["boxes"]["segment_gap"])
        order = list(range(len(raw))) if cfg["word_order"] == "json" else [i for s in segments for i in s]
        assert [raw[i][0] for i in order] == [w["text"] for w in form.words]
        wins = fd.make_windows(form, tok, cfg["max_length"], cfg["window"]["overlap_tokens"])
        width, height = fd.png_size(os.path.join(img_dir, name + ".png"))
        entry = dict(name=name, width=width, height=height, words=raw, order=order,
                     windows=[dict(start=w.ws, end=w.we, input_ids=w.input_ids, bbox=[list(b) for b in w.bbox],
                                   token_type_ids=w.types) for w in wins],
                     chosen=choose_windows(wins, len(form.words)) if form.words else [])
        if name in a.run:
            if graph is None:
                import onnx
                graph = onnx.load(os.path.join(a.model, cfg["onnx"]))
            L = max(len(w) for w in wins)
            ids = np.full((len(wins), L), tok.pad_id, dtype=np.int64)
            mask = np.zeros((len(wins), L), dtype=np.int64)
            bbox = np.zeros((len(wins), L, 4), dtype=np.int64)
            types = np.zeros((len(wins), L), dtype=np.int64)
            for i, w in enumerate(wins):
                ids[i, :len(w)] = w.input_ids
                mask[i, :len(w)] = 1
                bbox[i, :len(w)] = w.bbox
                types[i, :len(w)] = w.types
            feeds = dict(input_ids=ids, attention_mask=mask, bbox=bbox)
            if any(i.name == "token_type_ids" for i in graph.graph.input):
                feeds["token_type_ids"] = types
            res = onnx_ref.run(graph, feeds)
            entry["outputs"] = {k: [res[k][i, :len(w)].astype(float).round(6).tolist() for i, w in enumerate(wins)]
                                for k in ("logits", "link_q", "link_a")}
        forms.append(entry)
    with open(a.out, "w") as f:
        json.dump(dict(model=os.path.abspath(a.model), forms=forms), f)
    print(f"{len(forms)} forms, {sum(1 for f in forms if 'outputs' in f)} run through onnx_ref -> {a.out}")


if __name__ == "__main__":
    main()
