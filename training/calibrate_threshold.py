"""Sets the QA model's no-answer threshold from rows the Java runtime wrote on the pages the model was trained on.

    ./readout eval docvqa --data ../shared/datasets/docvqa_val_ocr_qa/docvqa_val_squad_format.shared.json \
        --split train --calibration-rows /tmp/qa-calibration/train.tsv
    /usr/bin/python3 training/calibrate_threshold.py --rows /tmp/qa-calibration/train.tsv \
        [--test /tmp/qa-calibration/heldout.tsv] [--min-refused 0.85] [--model models/qa-bert] [--write]

Rows (`DocVqaEvaluation.calibrationRows`): every DocVQA question of the --split asked of its own page ("own") and of
another page ("other", where its answer is almost never printed), with the margin of the model's best span (best span
score minus the [CLS] score, as `OnnxQaModel` computes it on the shipped int8 graph) and the ANLS of that span. The rule
is calibrate_qa.py's: the threshold keeping the most own-page ANLS among those refusing at least --min-refused of the
other-page questions — and since a higher threshold only refuses more, that is the least one refusing that share.
calibrate_qa.py drew it from 200 held-out questions in PyTorch (3.0, which refuses 90.3 % of all 534 held-out
questions' unrelated asks, not 85 %); here it comes from every question of the 300 training pages (1,221) in the Java
runtime itself, and the held-out pages are left for measuring. --test reports the threshold's ANLS and refusals on other
rows (--split heldout). --write puts no_answer_threshold and no_answer_calibration into MODEL/config.json.
"""
import argparse
import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
RULE = "the most anls(own) among thresholds refusing >= min_refused of the other-page questions"


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or not {"kind", "margin", "anls"} <= set(rows[0]):
        sys.exit(f"{path}: expected rows with kind, margin and anls columns (readout eval docvqa --calibration-rows)")
    own = [(float(r["margin"]), float(r["anls"])) for r in rows if r["kind"] == "own"]
    other = [float(r["margin"]) for r in rows if r["kind"] == "other"]
    if not own or not other:
        sys.exit(f"{path}: needs both own-page and other-page rows")
    return own, other


def point(own, other, t):
    """(mean own-page ANLS answering when margin >= t, share of other-page questions refused)."""
    return sum(a for m, a in own if m >= t) / len(own), sum(m < t for m in other) / len(other)


def choose(other, min_refused):
    """The least threshold (2 decimals) refusing at least min_refused of the other-page questions."""
    ms = sorted(other)
    k = math.ceil(min_refused * len(ms)) - 1  # margins below t must number at least k + 1
    t = math.floor(ms[k] * 100) / 100 + 0.01
    while sum(m < t for m in ms) < min_refused * len(ms):
        t += 0.01
    return round(t, 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", required=True, help="rows to calibrate on (--split train)")
    ap.add_argument("--test", help="rows to report on (--split heldout)")
    ap.add_argument("--model", default=os.path.join(REPO, "models", "qa-bert"))
    ap.add_argument("--min-refused", type=float, default=0.85)
    ap.add_argument("--write", action="store_true", help="write the threshold into MODEL/config.json")
    a = ap.parse_args()
    own, other = read(a.rows)
    t = choose(other, a.min_refused)
    kept, refused = point(own, other, t)
    always = sum(x for _, x in own) / len(own)
    print(f"calibration rows: {len(own)} own-page, {len(other)} other-page questions; always answering ANLS {always:.4f}")
    print(f"threshold {t:.2f}: ANLS kept {kept:.4f}, other pages refused {refused:.4f}")
    table = []
    for i in range(-12, 41):
        x = i / 2
        k, r = point(own, other, x)
        table.append({"threshold": x, "anls_own": round(k, 4), "refused_other": round(r, 4)})
    cal = {"source": "DocVQA training pages (the 300 the model was trained on), every question asked of its own page "
                     "and of another page, margins from the Java runtime (readout eval docvqa --split train "
                     "--calibration-rows)",
           "own": len(own), "other": len(other), "objective": RULE, "min_refused": a.min_refused,
           "threshold": t, "anls_always_answer": round(always, 4), "anls_kept": round(kept, 4),
           "refused_other": round(refused, 4), "table": table,
           "command": "training/calibrate_threshold.py " + " ".join(sys.argv[1:])}
    if a.test:
        town, tother = read(a.test)
        tk, tr = point(town, tother, t)
        print(f"test rows: {len(town)} own-page, {len(tother)} other-page; always answering ANLS "
              f"{sum(x for _, x in town) / len(town):.4f}; at {t:.2f}: ANLS {tk:.4f}, other pages refused {tr:.4f}")
        cal["test"] = {"rows": a.test, "own": len(town), "other": len(tother), "anls": round(tk, 4),
                       "refused_other": round(tr, 4)}
    if a.write:
        path = os.path.join(a.model, "config.json")
        cfg = json.load(open(path))
        cfg["no_answer_threshold"] = t
        cfg["no_answer_calibration"] = cal
        with open(path, "w") as f:
            json.dump(cfg, f, indent=1)
            f.write("\n")
        print("wrote", path)


if __name__ == "__main__":
    main()
