"""Layout models together, measured on the validation forms (segment decoding, as shipped).

    /usr/bin/python3 training/ensemble_layout.py A B [C ...] [--soup 0.5,0.7] [--continuation models/layout-minilm-funsd/continuation.json]

Each of A, B, ... is a model.onnx of train_layout.py (int8 word table de-quantised) or a best.pt checkpoint; all must
have the shipped architecture (MiniLM, 6 layers, defaults). Prints each model's entity F1, the F1 of their averaged
word logits, and with --soup (two models only) the F1 of one model whose weights are alpha*A + (1-alpha)*B. With
--continuation the runs' continuations are decided by that continuation forest (continuation_forest.py), as shipped.
"""
import argparse
import os
import sys
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import funsd_data as fd  # noqa: E402
import metrics  # noqa: E402
import pretrained  # noqa: E402
import train_layout as tl  # noqa: E402
from layout_model import LayoutTagger  # noqa: E402
from wordpiece import WordPiece  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="+")
    ap.add_argument("--soup", default="")
    ap.add_argument("--continuation", default=None, help="a continuation.json (continuation_forest.py) to decode with")
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "datasets", "funsd", "training_data"))
    a = ap.parse_args()
    args = tl.parse_args(["--encoder", "minilm", "--layers", "6", "--data", a.data, "--out", "/dev/null"])
    torch.set_num_threads(args.threads)
    tok = WordPiece(pretrained.vocab_path(args.encoder), lower_case=True)
    fd.set_special_ids(tok.cls_id, tok.sep_id)
    _, val = fd.load_split(args.data, tok, n_val=args.val_forms, seed=args.seed, limit=args.limit,
                           box_mode=args.boxes, order=args.order, seg_gap=args.seg_gap, line_overlap=args.line_overlap)
    cfg = tl.encoder_config(args.encoder, args.layers, args.coords, args.link_dim, args.dropout)

    def load(path):
        m = LayoutTagger(cfg)
        if path.endswith(".onnx"):
            pretrained.load_pretrained(m, args.encoder, cfg["layers"])
            tl.load_onnx(m, cfg, path)
        else:
            m.load_state_dict(torch.load(path, map_location="cpu")["state_dict"])
        return m

    cont = None
    if a.continuation:
        import continuation_forest
        cont = continuation_forest.read(a.continuation)

    def report(what, preds, logits):
        r = metrics.entity_scores(gold, [tl.segment_decode(p, lg, cont) for p, lg in zip(preds, logits)])
        print(f"{what}: entity F1 {r['f1']:.4f} (header {r['f1_header']:.3f}, question {r['f1_question']:.3f}, "
              f"answer {r['f1_answer']:.3f})", flush=True)

    models = [load(p) for p in a.models]
    preds = [tl.predict(m, val, tok, args) for m in models]
    gold = [p["gold"] for p in preds[0]]
    for path, pr in zip(a.models, preds):
        report(path, pr, [p["word_logits"] for p in pr])
    report("averaged logits", preds[0], [np.mean([pr[k]["word_logits"] for pr in preds], 0) for k in range(len(val))])
    if a.soup:
        if len(models) != 2:
            raise SystemExit("--soup takes two models")
        sa, sb = models[0].state_dict(), models[1].state_dict()
        for alpha in (float(x) for x in a.soup.split(",")):
            soup = LayoutTagger(cfg)
            soup.load_state_dict({k: (alpha * sa[k].float() + (1 - alpha) * sb[k].float()).to(sa[k].dtype) for k in sa})
            sp = tl.predict(soup, val, tok, args)
            report(f"weights {alpha:g} A + {1 - alpha:g} B", sp, [p["word_logits"] for p in sp])


if __name__ == "__main__":
    main()
