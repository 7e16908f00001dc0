#!/usr/bin/python3
"""The layout model's word logits on a set of FUNSD forms, annotated and as our OCR reads them, pickled for
run_typer.py: {'gold': preds, 'ocr': preds} (train_layout.predict's dicts, without the link scores).

    /usr/bin/python3 training/oof_predictions.py MODEL_DIR OUT.pkl [FORM_NAMES_FILE]
    /usr/bin/python3 training/oof_predictions.py --folds K DIR

Without FORM_NAMES_FILE the 30 validation forms; with it, those of the training forms it names (a fold left out of
MODEL_DIR's training by train_layout.py --exclude-forms). The OCR'd forms come from training/runs/funsd-ocr.
--folds writes DIR/f0.txt ... the names of the 119 training forms (the validation split of train_layout.py left
out) cut into K folds: sorted, shuffled with seed 0, every K-th name from the k-th."""
import os
import pickle
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
DATA = os.path.join(HERE, "..", "..", "shared", "datasets", "funsd", "training_data")
OCR = os.path.join(HERE, "runs", "funsd-ocr")


def layout_split(data=DATA):
    import funsd_data as fd
    import pretrained
    import train_layout as tl
    from wordpiece import WordPiece
    args = tl.parse_args(["--encoder", "minilm", "--layers", "6", "--data", data, "--out", "/dev/null"])
    tok = WordPiece(pretrained.vocab_path(args.encoder), lower_case=True)
    fd.set_special_ids(tok.cls_id, tok.sep_id)
    kw = dict(box_mode="segment", seg_gap=args.seg_gap, line_overlap=args.line_overlap)
    train, val = fd.load_split(args.data, tok, n_val=args.val_forms, seed=args.seed, order=args.order, **kw)
    return args, tok, kw, train, val


def write_folds(k, out_dir):
    import random
    names = sorted(f.name for f in layout_split()[3])
    random.Random(0).shuffle(names)
    os.makedirs(out_dir, exist_ok=True)
    for i in range(k):
        with open(os.path.join(out_dir, "f%d.txt" % i), "w") as f:
            f.write("\n".join(names[i::k]) + "\n")
    print("%d training forms in %d folds of %s" % (len(names), k, [len(names[i::k]) for i in range(k)]))


def predict(model_dir, names_file, data=DATA, ocr_dump=OCR):
    import torch
    import ocr_forms
    import pretrained
    import train_layout as tl
    from layout_model import LayoutTagger
    args, tok, kw, train, val = layout_split(data)
    if names_file is None:
        forms = val
    else:
        with open(names_file) as f:
            names = set(f.read().split())
        forms = [f for f in train if f.name in names]
    ocr = ocr_forms.load_ocr_forms(ocr_dump, args.data, [f.name for f in forms], tok, **kw)
    torch.set_num_threads(args.threads)
    cfg = tl.encoder_config(args.encoder, args.layers, args.coords, args.link_dim, args.dropout)
    m = LayoutTagger(cfg)
    pretrained.load_pretrained(m, args.encoder, cfg["layers"])
    tl.load_onnx(m, cfg, os.path.join(model_dir, "model.onnx"))
    with torch.no_grad():
        out = {"gold": tl.predict(m, forms, tok, args), "ocr": tl.predict(m, ocr, tok, args)}
    for p in out["gold"] + out["ocr"]:
        p.pop("link_probs")
        p.pop("link_logits")
    return out


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--folds":
        write_folds(int(sys.argv[2]), sys.argv[3])
        raise SystemExit(0)
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    res = predict(sys.argv[1], sys.argv[3] if len(sys.argv) == 4 else None)
    with open(sys.argv[2], "wb") as f:
        pickle.dump(res, f)
    print("%d forms, %d OCR'd" % (len(res["gold"]), len(res["ocr"])))
