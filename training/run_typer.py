#!/usr/bin/python3
"""Learned run types for the layout model's segment decoding.

Segment decoding (training/README.md, "Decoding entities") gives each run of words sharing a segment box one type:
the type (or O) with the largest summed probability over the run's words. With every run's true type and the
model's continuations entity F1 on the validation forms would be 0.803 instead of 0.694: the types lose more than
the joins. The network sees a window of word pieces; it does not see, as a whole, that a run ends in a colon and has
a run of answer-like text to its right, or that a run in capitals stands alone above a block of questions.

This script learns the type of a run from the network's own probabilities (the run's mean, its first word's) and
those of its neighbours (the runs before and after it in the input, the nearest runs left and right of it on its row
and the nearest above it), with the run's text and geometry (FEATURES): a multinomial logistic regression on
standardised inputs. The network's probabilities must be the ones it gives on forms it has not seen, so the
regression is trained on **out-of-fold** predictions: the 119 training forms cut into 4 folds, a layout model
trained by the shipped recipe on the other three folds predicts each (train_layout.py --exclude-forms;
training/make_segment_decoding.sh), on the annotated words and on our OCR of the forms. The 30 validation forms are never
used for training it; they are scored with the shipped model's predictions.

    /usr/bin/python3 training/run_typer.py --oof /tmp/oof/k0.pkl ... --model models/layout-minilm-funsd \
        --fixture layout/src/test/resources/dev/readout/layout/run-typer-parity.json

writes MODEL/run_typer.json, names it in MODEL/config.json (`decoding_typer`) and prints the validation entity F1 of
the model in MODEL decoded with and without it. Java: dev.readout.layout.decode.RunTyper.
"""
import argparse
import json
import os
import pickle
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import continuation_forest as cf  # noqa: E402
import metrics  # noqa: E402

FORMAT = "readout-run-typer/1"
TYPES = ["", "HEADER", "QUESTION", "ANSWER"]          # "" = O; the mass of X is P(B-X) + P(I-X)
SIDES = ("before", "after", "left", "right", "above")
FEATURES = (["m_o", "m_header", "m_question", "m_answer", "f_o", "f_header", "f_question", "f_answer",
             "words", "length", "colon", "caps", "digits", "upper_first", "height", "x0", "y0", "x1", "y1"]
            + ["%s_%s" % (s, t) for s in SIDES for t in ("o", "header", "question", "answer", "far")]
            + ["left_colon"])
ROW_OVERLAP = 0.3       # two runs share a row when their vertical overlap is over this share of the smaller height
SIDE_SLACK = 0.2        # a run left of another may reach this many line heights into it
C = 1.0                 # inverse L2 strength of the regression


def grouped(logits):
    """Softmax of one word's 7 label logits (O, B-H, I-H, B-Q, I-Q, B-A, I-A) grouped by type: O, H, Q, A."""
    p = metrics.softmax(logits)
    return [p[0], p[1] + p[2], p[3] + p[4], p[5] + p[6]]


def page_runs(words, logits):
    """The page's runs (consecutive words sharing a segment box) as dicts: start, end, pixel box, smallest word height,
    text, segment box (0-1000), mean grouped probabilities m and the first word's f."""
    out = []
    for t, e in cf.runs(words):
        box, h, text = cf.run_of(words, t, e)
        m = np.mean([grouped(logits[k]) for k in range(t, e)], axis=0)
        out.append(dict(t=t, e=e, box=box, h=h, text=text, seg=tuple(words[t]["model_box"]), m=list(m),
                        f=grouped(logits[t]), p1=metrics.softmax(logits[t])))
    return out


def neighbours(rs, i, unit):
    """Indices (or None) of the nearest run left and right of run i on its row and of the nearest run above it
    (overlapping it horizontally), with the distances to them in units of `unit`."""
    b = rs[i]["box"]
    left = right = above = None
    for j, s in enumerate(rs):
        if j == i:
            continue
        c = s["box"]
        ov = min(b[3], c[3]) - max(b[1], c[1])
        if ov > ROW_OVERLAP * min(b[3] - b[1], c[3] - c[1]):
            if c[2] <= b[0] + SIDE_SLACK * unit and (left is None or c[2] > rs[left]["box"][2]):
                left = j
            if c[0] >= b[2] - SIDE_SLACK * unit and (right is None or c[0] < rs[right]["box"][0]):
                right = j
        elif c[3] <= b[1] and min(b[2], c[2]) - max(b[0], c[0]) > 0:
            if above is None or c[3] > rs[above]["box"][3]:
                above = j
    out = []
    for j, d in ((left, lambda c: b[0] - c[2]), (right, lambda c: c[0] - b[2]), (above, lambda c: b[1] - c[3])):
        out.append((j, None if j is None else d(rs[j]["box"]) / unit))
    return out


def unit_of(rs):
    """The page's line height: the median (element n // 2 of the sorted) of its runs' smallest word heights, >= 1."""
    hs = sorted(r["h"] for r in rs)
    return max(1.0, hs[len(hs) // 2]) if hs else 1.0


def features(rs, i, unit):
    """Run i's FEATURES among the page's runs rs (page_runs)."""
    r = rs[i]
    tx = r["text"]
    n = max(1, len(tx))
    f = list(r["m"]) + list(r["f"])
    f += [float(len(tx.split())), float(len(tx)), 1.0 if tx.endswith(":") else 0.0, 1.0 if cf.caps(tx) else 0.0,
          sum(c.isdigit() for c in tx) / n, 1.0 if tx[:1].isupper() else 0.0, r["h"] / unit]
    f += [float(v) for v in r["seg"]]
    for j in (i - 1, i + 1):
        f += (list(rs[j]["m"]) if 0 <= j < len(rs) else [0.0] * 4) + [0.0]
    side = neighbours(rs, i, unit)
    for j, d in side:
        f += [0.0] * 4 + [-1.0] if j is None else list(rs[j]["m"]) + [d]
    left = side[0][0]
    f.append(1.0 if left is not None and rs[left]["text"].endswith(":") else 0.0)
    return f


def page_features(words, logits):
    rs = page_runs(words, logits)
    unit = unit_of(rs)
    return rs, [features(rs, i, unit) for i in range(len(rs))]


def gold_type(words, r):
    """The type most of the run's words have in the annotation (O counted as a type; the first on ties)."""
    n = [0] * len(TYPES)
    for k in range(r["t"], r["e"]):
        lab = words[k]["label"]
        n[0 if lab == "O" else TYPES.index(lab[2:])] += 1
    return int(np.argmax(n))


def fit(X, y):
    from sklearn.linear_model import LogisticRegression
    mean = X.mean(0)
    scale = X.std(0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=5000).fit((X - mean) / scale, y)
    assert list(lr.classes_) == list(range(len(TYPES))), lr.classes_
    return {"mean": mean.tolist(), "scale": scale.tolist(), "weights": lr.coef_.tolist(),
            "bias": lr.intercept_.tolist()}


def probabilities(model, X):
    Z = (np.asarray(X, dtype=np.float64) - np.array(model["mean"])) / np.array(model["scale"])
    s = Z @ np.array(model["weights"]).T + np.array(model["bias"])
    s = np.exp(s - s.max(1, keepdims=True))
    return s / s.sum(1, keepdims=True)


def decode(words, rs, types, continues):
    """BIO tags of the page's words: each run its type (an index into TYPES); a run of type X after a run of type X
    continues its entity where continues(prev, run, X) says so (continuation_forest.continuation)."""
    out = []
    prev = prev_run = None
    for r, k in zip(rs, types):
        name = TYPES[k]
        this = (r["box"], r["h"], r["text"], r["p1"])
        if name == "":
            out += ["O"] * (r["e"] - r["t"])
        else:
            cont = name == prev and continues(prev_run, this, name)
            out.append(("I-" if cont else "B-") + name)
            out += ["I-" + name] * (r["e"] - r["t"] - 1)
        prev, prev_run = name, this
    return out


def scores(preds, continues, model=None):
    gold, seqs = [], []
    for p in preds:
        ws = p["form"].words
        rs, X = page_features(ws, p["word_logits"])
        if model is None:
            ty = [int(np.argmax(r["m"])) for r in rs]
        else:
            ty = [int(k) for k in probabilities(model, X).argmax(1)] if rs else []
        seqs.append(decode(ws, rs, ty, continues))
        gold.append(p["gold"])
    return metrics.entity_scores(gold, seqs)


def fixture(model, path):
    """Synthetic runs (a key with a colon and its value on one row, a heading in capitals above them, a second row)
    with made-up word probabilities; their features and the regression's probabilities."""
    words = [
        dict(text="APPLICATION", pbox=(300, 40, 520, 70), model_box=(300, 40, 520, 70)),
        dict(text="FORM", pbox=(530, 40, 620, 70), model_box=(300, 40, 620, 70)),
        dict(text="Name:", pbox=(100, 120, 170, 140), model_box=(100, 120, 170, 140)),
        dict(text="John", pbox=(220, 120, 280, 140), model_box=(220, 120, 380, 140)),
        dict(text="Smith", pbox=(290, 121, 380, 141), model_box=(220, 120, 380, 140)),
        dict(text="Date", pbox=(100, 160, 150, 180), model_box=(100, 160, 150, 180)),
        dict(text="12/03/98", pbox=(200, 160, 300, 180), model_box=(200, 160, 300, 180)),
    ]
    words[0]["model_box"] = words[1]["model_box"]
    logits = [[0.1, 2.0, 0.5, 0.3, 0.1, 0.0, 0.2], [0.2, 0.3, 1.8, 0.1, 0.4, 0.0, 0.1],
              [0.0, 0.1, 0.2, 2.5, 0.3, 0.4, 0.1], [0.3, 0.0, 0.1, 0.5, 0.2, 2.0, 0.6],
              [0.1, 0.0, 0.2, 0.1, 0.3, 0.4, 2.2], [0.5, 0.2, 0.1, 1.0, 0.2, 0.9, 0.1],
              [0.4, 0.0, 0.0, 0.2, 0.1, 1.7, 0.3]]
    logits = np.array(logits, dtype=np.float32)          # as the runtime gets them
    rs, X = page_features(words, logits)
    json.dump({"words": [{"text": w["text"], "box": list(w["pbox"]), "segment": list(w["model_box"])} for w in words],
               "logits": logits.astype(np.float64).tolist(), "features": X, "probabilities": probabilities(model, X).tolist()},
              open(path, "w"), indent=1)


def cross_validate(paths):
    """The whole decoding in k-fold cross-validation over the training forms (k = len(paths), one pickle a fold): fold
    k is decoded with its own network's predictions (trained without it) and with a continuation forest and a run typer
    fitted on the other folds' out-of-fold predictions; printed per fold and pooled, for three decodings: Viterbi and
    follows, the network's types with the forest, the run typer with the forest."""
    import forest
    folds = []
    for path in paths:
        with open(path, "rb") as f:
            folds.append(pickle.load(f))
    pooled = {w: [[], [], [], []] for w in ("gold", "ocr")}
    for k in range(len(folds)):
        others = [p for j, d in enumerate(folds) if j != k for p in d["gold"] + d["ocr"]]
        X, y = cf.pairs([p["form"] for p in others], [p["word_logits"] for p in others])
        cont = cf.continuation(forest.fit(X, y, cf.FOREST), cf.THRESHOLD, True)
        TX, TY = [], []
        for p in others:
            rs, F = page_features(p["form"].words, p["word_logits"])
            TX += F
            TY += [gold_type(p["form"].words, r) for r in rs]
        typer = fit(np.array(TX, dtype=np.float64), np.array(TY))
        line = []
        for what in ("gold", "ocr"):
            seqs = [[], [], [], []]
            for p in folds[k][what]:
                ws, L = p["form"].words, p["word_logits"]
                rs, F = page_features(ws, L)
                seqs[0].append(p["gold"])
                seqs[1].append(metrics.segment_vote(L, metrics.decode(L, "viterbi"), [w["model_box"] for w in ws],
                                                    [w["pbox"] for w in ws]))
                seqs[2].append(decode(ws, rs, [int(np.argmax(r["m"])) for r in rs], cont))
                seqs[3].append(decode(ws, rs, [int(t) for t in probabilities(typer, F).argmax(1)] if rs else [], cont))
            for i in range(4):
                pooled[what][i] += seqs[i]
            line.append(" / ".join("%.4f" % metrics.entity_scores(seqs[0], s)["f1"] for s in seqs[1:]))
        print("fold %d (%d forms): annotated words %s; OCR'd %s" % (k, len(folds[k]["gold"]), line[0], line[1]),
              flush=True)
    for what in ("gold", "ocr"):
        g = pooled[what][0]
        f1 = tuple(metrics.entity_scores(g, s)["f1"] for s in pooled[what][1:])
        print("pooled, %s: Viterbi + follows %.4f, network's types + forest %.4f, run typer + forest %.4f"
              % ((("annotated words", "OCR'd forms")[what == "ocr"],) + f1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oof", nargs="+", required=True,
                    help="out-of-fold predictions (oof_predictions.py): pickles of {'gold': preds, 'ocr': preds}")
    ap.add_argument("--model", required=True, help="the layout model folder: scored on validation, written into")
    ap.add_argument("--val", help="the model's validation predictions (oof_predictions.py --split val); computed "
                    "when not given")
    ap.add_argument("--fixture", help="also write a parity fixture for the Java test")
    ap.add_argument("--no-write", action="store_true", help="only print the validation figures")
    ap.add_argument("--cross-validate", action="store_true",
                    help="only the k-fold cross-validation of the decoding over the --oof folds (cross_validate)")
    a = ap.parse_args()
    if a.cross_validate:
        cross_validate(a.oof)
        return
    X, y, forms = [], [], 0
    for path in a.oof:
        with open(path, "rb") as f:
            d = pickle.load(f)
        for p in d["gold"] + d["ocr"]:
            ws = p["form"].words
            rs, F = page_features(ws, p["word_logits"])
            X += F
            y += [gold_type(ws, r) for r in rs]
            forms += 1
    X, y = np.array(X, dtype=np.float64), np.array(y)
    print("out-of-fold pages %d (annotated and OCR'd), runs %d, by type %s" % (forms, len(y), np.bincount(y).tolist()))
    model = fit(X, y)
    print("training accuracy %.4f (the network alone %.4f)"
          % ((probabilities(model, X).argmax(1) == y).mean(), (X[:, 0:4].argmax(1) == y).mean()))
    cont = cf.read(os.path.join(a.model, "continuation.json"))
    if a.val:
        with open(a.val, "rb") as f:
            val = pickle.load(f)
    else:
        import oof_predictions
        val = oof_predictions.predict(a.model, None)
    for what in ("gold", "ocr"):
        for how, m in (("network's types", None), ("run typer", model)):
            r = scores(val[what], cont, m)
            print("validation, %s, %-16s entity F1 %.4f (P %.3f R %.3f; header %.3f, question %.3f, answer %.3f)"
                  % ({"gold": "annotated words", "ocr": "OCR'd forms"}[what], how + ":", r["f1"], r["precision"],
                     r["recall"], r["f1_header"], r["f1_question"], r["f1_answer"]), flush=True)
    if a.no_write:
        return
    out = {"format": FORMAT, "features": FEATURES, "types": TYPES, "row_overlap": ROW_OVERLAP, "side_slack": SIDE_SLACK,
           "C": C, **model,
           "trained_on": "out-of-fold predictions (4 folds) on the FUNSD training split less the validation forms: "
                         "%d pages (annotated and as our OCR reads them), %d runs" % (forms, len(y))}
    cf.write_into_model(a.model, "decoding_typer", "run_typer.json", out, indent=1)
    if a.fixture:
        fixture(model, a.fixture)
        print("wrote", a.fixture)


if __name__ == "__main__":
    main()
