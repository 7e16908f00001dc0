#!/usr/bin/python3
"""Learned entity continuations for the layout model's segment decoding.

Segment decoding (training/README.md, "Decoding entities") gives each run of words sharing a segment box one type; a
run of type X then either starts a new entity or continues the entity of the run before it (also of type X). The
shipped rule continued only where Viterbi labelled the run's first word I-X and the run `follows` the previous one on
the page. With every run's true type that rule loses 0.12 entity F1 on the validation forms (0.919 -> 0.803); most of
it are multi-line entities cut in two.

This script learns the decision instead: a random forest (forest.py; Java dev.readout.core.ml.Forest) over FEATURES of
the pair of runs — their geometry in units of the smaller word height, their texts' ends and starts, the `follows`
rule, and the type they share — none of them from the model, so the forest is trained on the gold runs of the
training forms (the annotated words in annotation order, and our own OCR of the same forms in our reading order:
`--ocr-dump`, as train_layout.py takes it), never on the validation forms. Each training pair is two consecutive runs of
the same gold type; the target is whether the second continues the first's entity. At run time (Java
dev.readout.layout.decode.Continuation) a run continues when the forest's probability is at least `threshold`.

    /usr/bin/python3 training/continuation_forest.py --data ../shared/datasets/funsd/training_data \
        --ocr-dump training/runs/funsd-ocr --model models/layout-minilm-funsd \
        --fixture layout/src/test/resources/dev/readout/layout/continuation-parity.json

writes MODEL/continuation.json, names it in MODEL/config.json (`decoding_continuation`), and prints the validation
entity F1 of the model in MODEL (PyTorch, fp32) decoded with the old rule and with the forest, on the annotated words
and on the OCR'd validation forms.
"""
import argparse
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import forest  # noqa: E402
import metrics  # noqa: E402

FEATURES = ["gap", "voverlap", "xoverlap", "dx0", "dx_end", "dx1", "wratio", "hratio", "ha", "hb", "follows",
            "a_colon", "a_joiner", "a_dot", "b_lower", "b_upper", "b_digit", "a_words", "b_words", "a_caps", "b_caps",
            "a_len", "b_len", "type"]
# with --oof: the network's probabilities of I-X and B-X at the second run's first word (X the pair's type)
NET_FEATURES = ["p_inside", "p_begin"]
TYPES = ["HEADER", "QUESTION", "ANSWER"]
FOREST = {"n_estimators": 100, "max_depth": 10, "min_samples_leaf": 3, "random_state": 0}
THRESHOLD = 0.5


def caps(t):
    """A cased letter and no lower-case one."""
    return any(c.isupper() for c in t) and not any(c.islower() for c in t)


def net_inputs(probs, ty):
    """P(I-X), P(B-X) from a word's label probabilities (metrics.LABELS order)."""
    return [float(probs[metrics.LABELS.index("I-" + ty)]), float(probs[metrics.LABELS.index("B-" + ty)])]


def features(prev, run, ty, net=False):
    """The pair's features. prev, run: (pixel box x0 y0 x1 y1, smallest word height, text[, the label probabilities
    of the run's first word]); ty: their type; net: add NET_FEATURES (run must then carry the probabilities)."""
    p, hp, tp = prev[:3]
    c, hc, tc = run[:3]
    h = max(1.0, min(hp, hc))
    first = tc[:1]
    return [
        (c[1] - p[3]) / h,                                     # gap: the second's top below the first's bottom
        (min(p[3], c[3]) - max(p[1], c[1])) / h,               # vertical overlap
        (min(p[2], c[2]) - max(p[0], c[0])) / h,               # horizontal overlap
        (c[0] - p[0]) / h, (c[0] - p[2]) / h, (c[2] - p[2]) / h,
        (c[2] - c[0]) / max(1.0, p[2] - p[0]),                 # width of the second against the first
        hc / max(1.0, hp),
        (p[3] - p[1]) / h, (c[3] - c[1]) / h,
        1.0 if metrics.follows(p, c, hc) else 0.0,
        1.0 if tp.endswith(":") else 0.0,
        1.0 if tp[-1:] in (",", "-", "&") else 0.0,
        1.0 if tp.endswith(".") else 0.0,
        1.0 if first.islower() else 0.0, 1.0 if first.isupper() else 0.0, 1.0 if first.isdigit() else 0.0,
        float(len(tp.split())), float(len(tc.split())),
        1.0 if caps(tp) else 0.0, 1.0 if caps(tc) else 0.0,
        float(len(tp)), float(len(tc)),
        float(1 + TYPES.index(ty)),
    ] + (net_inputs(run[3], ty) if net else [])


def runs(words):
    """(start, end) of each run of consecutive words sharing a model (segment) box."""
    out, t = [], 0
    while t < len(words):
        e = t + 1
        while e < len(words) and tuple(words[e]["model_box"]) == tuple(words[t]["model_box"]):
            e += 1
        out.append((t, e))
        t = e
    return out


def run_of(words, t, e):
    bs = [words[k]["pbox"] for k in range(t, e)]
    box = (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
    return box, min(b[3] - b[1] for b in bs), " ".join(words[k]["text"] for k in range(t, e)).strip()


def pairs(forms, logits=None):
    """Training pairs of the forms' gold runs: consecutive runs of one type; target: the second continues the first.
    logits: per form, the network's word logits (out-of-fold) for NET_FEATURES, or None."""
    X, y = [], []
    for i, f in enumerate(forms):
        ws = f.words
        rs = runs(ws)
        for (pt, pe), (ct, ce) in zip(rs, rs[1:]):
            a, b = ws[pt]["label"], ws[ct]["label"]
            if a == "O" or b == "O" or a[2:] != b[2:]:
                continue
            run = run_of(ws, ct, ce)
            if logits is not None:
                run = run + (metrics.softmax(logits[i][ct]),)
            X.append(features(run_of(ws, pt, pe), run, b[2:], logits is not None))
            y.append(1.0 if b.startswith("I-") else 0.0)
    return np.array(X, dtype=np.float64), np.array(y)


def continuation(model, threshold=THRESHOLD, net=False):
    """continues(prev, run, ty) of segment decoding (metrics.segment_vote), the forest deciding; net: the forest
    takes NET_FEATURES (the runs carry their first word's label probabilities)."""
    def continues(prev, run, ty):
        return forest.probabilities(model, [features(prev, run, ty, net)])[0] >= threshold
    return continues


def read(path):
    """The decision of a continuation.json (format, NET_FEATURES or not, threshold)."""
    with open(path) as f:
        j = json.load(f)
    return continuation(j, j["threshold"], j["features"] == FEATURES + NET_FEATURES)


def write_into_model(model_dir, key, name, content, **dump):
    """Writes content as JSON to model_dir/name and names it in model_dir/config.json under key."""
    path = os.path.join(model_dir, name)
    with open(path, "w") as f:
        json.dump(content, f, **dump)
    print("wrote", path)
    cfg_path = os.path.join(model_dir, "config.json")
    with open(cfg_path) as f:
        cfg = json.load(f)
    cfg[key] = name
    with open(cfg_path, "w") as f:
        json.dump(cfg, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("named it in", cfg_path)


def fixture(model, path, net=False):
    """Synthetic pairs of runs (a two-line answer, a key and its value on one row, a heading over a line of text, a
    question ending in a colon over an indented line) with their features and the forest's probabilities; net: each
    second run carries made-up label probabilities of its first word."""
    cases = [
        (((100, 100, 400, 120), 18, "Research and Development"), ((100, 124, 380, 144), 18, "department, Winston-Salem"), "ANSWER"),
        (((100, 200, 180, 220), 20, "DATE:"), ((220, 200, 330, 220), 20, "10/12/98"), "ANSWER"),
        (((300, 40, 700, 80), 36, "QUARTERLY REPORT"), ((100, 100, 900, 120), 18, "The results of the"), "HEADER"),
        (((100, 300, 260, 318), 17, "Name of the company:"), ((140, 322, 400, 340), 17, "mailing address"), "QUESTION"),
        (((500, 500, 520, 540), 40, "X"), ((60, 900, 120, 905), 4, ""), "QUESTION"),
    ]
    if net:
        made_up = [[0.05, 0.0, 0.0, 0.05, 0.0, 0.2, 0.7], [0.1, 0.0, 0.0, 0.0, 0.05, 0.8, 0.05],
                   [0.3, 0.3, 0.2, 0.1, 0.1, 0.0, 0.0], [0.1, 0.0, 0.0, 0.3, 0.5, 0.1, 0.0],
                   [0.2, 0.1, 0.1, 0.2, 0.2, 0.1, 0.1]]
        cases = [(p, r + (np.array(m),), t) for (p, r, t), m in zip(cases, made_up)]
    feats = [features(p, r, t, net) for p, r, t in cases]
    probs = forest.probabilities(model, feats)
    json.dump({"pairs": [{"prev": {"box": list(p[0]), "h": p[1], "text": p[2]},
                          "run": {"box": list(r[0]), "h": r[1], "text": r[2],
                                  **({"probabilities": list(r[3])} if net else {})}, "type": t}
                         for p, r, t in cases],
               "features": feats, "probabilities": probs.tolist()}, open(path, "w"), indent=1)


def validation_scores(model_dir, sets, tok, args, model, threshold, net=False):
    """Entity F1 of the layout model in model_dir on each (name, validation forms) of sets, decoded with the old rule
    and with the forest; tok and args: the tokenizer and train_layout settings the forms were loaded with."""
    import torch
    import pretrained
    import train_layout as tl
    from layout_model import LayoutTagger
    torch.set_num_threads(args.threads)
    cfg = tl.encoder_config(args.encoder, args.layers, args.coords, args.link_dim, args.dropout)
    m = LayoutTagger(cfg)
    pretrained.load_pretrained(m, args.encoder, cfg["layers"])
    tl.load_onnx(m, cfg, os.path.join(model_dir, "model.onnx"))
    cont = continuation(model, threshold, net)
    with torch.no_grad():
        for what, forms in sets:
            preds = tl.predict(m, forms, tok, args)
            gold = [p["gold"] for p in preds]
            for how, fn in (("Viterbi + follows", None), ("forest", cont)):
                seqs = [tl.segment_decode(p, p["word_logits"], fn) for p in preds]
                r = metrics.entity_scores(gold, seqs)
                print("validation, %s, %-17s entity F1 %.4f (P %.3f R %.3f; header %.3f, question %.3f, answer %.3f)"
                      % (what, how + ":", r["f1"], r["precision"], r["recall"], r["f1_header"], r["f1_question"],
                         r["f1_answer"]), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="FUNSD training_data (annotations/, images/)")
    ap.add_argument("--ocr-dump", help="our OCR of the FUNSD images (train_layout.py --ocr-dump): also train on it")
    ap.add_argument("--model", required=True, help="the layout model folder (model.onnx, config.json): written into")
    ap.add_argument("--fixture", help="also write a parity fixture for the Java test")
    ap.add_argument("--no-eval", action="store_true", help="skip the validation figures")
    ap.add_argument("--oof", nargs="+", help="out-of-fold predictions of the training forms (oof_predictions.py, "
                    "make_segment_decoding.sh): train on their forms with the network's NET_FEATURES too")
    a = ap.parse_args()
    import funsd_data as fd
    import pretrained
    from wordpiece import WordPiece
    import train_layout as tl
    args = tl.parse_args(["--encoder", "minilm", "--layers", "6", "--data", a.data, "--out", "/dev/null"])
    tok = WordPiece(pretrained.vocab_path(args.encoder), lower_case=True)
    fd.set_special_ids(tok.cls_id, tok.sep_id)
    kw = dict(box_mode="segment", seg_gap=args.seg_gap, line_overlap=args.line_overlap)
    train, val = fd.load_split(a.data, tok, n_val=args.val_forms, seed=args.seed, order=args.order, **kw)
    forms = list(train)
    sets = [("annotated words", val)]
    if a.ocr_dump:
        import ocr_forms
        forms += ocr_forms.load_ocr_forms(a.ocr_dump, a.data, [f.name for f in train], tok, **kw)
        sets.append(("OCR'd forms", ocr_forms.load_ocr_forms(a.ocr_dump, a.data, [f.name for f in val], tok, **kw)))
    logits = None
    if a.oof:
        import pickle
        annotated, ocr = [], []
        for path in a.oof:
            with open(path, "rb") as f:
                d = pickle.load(f)
            annotated += d["gold"]
            ocr += d["ocr"]
        train = [p["form"] for p in annotated]
        forms = train + [p["form"] for p in ocr]
        logits = [p["word_logits"] for p in annotated + ocr]
    net = logits is not None
    X, y = pairs(forms, logits)
    print("training forms %d (%d of them OCR'd), pairs of same-type runs %d, continuations %d"
          % (len(forms), len(forms) - len(train), len(y), int(y.sum())))
    model = forest.fit(X, y, FOREST)
    drift = np.abs(model["sklearn"].predict_proba(X.astype(np.float32))[:, 1] - forest.probabilities(model, X)).max()
    print("tree walk vs scikit-learn: max |diff| %.2g" % drift)
    if not a.no_eval:
        validation_scores(a.model, sets, tok, args, model, THRESHOLD, net)
    out = {"format": "readout-continuation-forest/1", "features": FEATURES + (NET_FEATURES if net else []),
           "types": TYPES, "threshold": THRESHOLD, "forest": FOREST, "trees": model["trees"],
           "trained_on": "FUNSD training split less the %d validation forms: %d forms%s, %d pairs of same-type runs%s"
                         % (args.val_forms, len(train), " and our OCR of them" if a.ocr_dump or net else "", len(y),
                            "; the network's probabilities out of fold (4 folds)" if net else "")}
    write_into_model(a.model, "decoding_continuation", "continuation.json", out, separators=(",", ":"))
    if a.fixture:
        fixture(model, a.fixture, net)
        print("wrote", a.fixture)


if __name__ == "__main__":
    main()
