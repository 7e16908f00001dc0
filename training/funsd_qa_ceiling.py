#!/usr/bin/python3
"""How many FUNSD question -> answer links of the validation forms an answerer reading our OCR could get right at
all: the share whose gold answer, normalised as `readout eval funsd-qa` does (lower case, white space collapsed and
removed beside punctuation, punctuation trimmed at the ends), occurs as a run of up to 15 consecutive OCR words in
our reading order (the OCR dump of make_layout_model.sh, training/runs/funsd-ocr).

    /usr/bin/python3 training/funsd_qa_ceiling.py
"""
import json
import os
import re
import string
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ocr_forms  # noqa: E402
import oof_predictions as op  # noqa: E402

PUNCT = re.escape(string.punctuation)


def norm(t):
    t = re.sub(r"\s+", " ", t.lower()).strip()
    t = re.sub(r"\s*([%s])\s*" % PUNCT, r"\1", t)
    return t.strip(string.punctuation + " ")


def main():
    args, tok, kw, _, val = op.layout_split()
    ocr = ocr_forms.load_ocr_forms(op.OCR, args.data, [f.name for f in val], tok, **kw)
    total = present = 0
    for form, read in zip(val, ocr):
        with open(os.path.join(args.data, "annotations", form.name + ".json")) as f:
            ann = json.load(f)["form"]
        ents = {e["id"]: e for e in ann}
        words = [w["text"] for w in read.words]
        spans = {norm(" ".join(words[i:j])) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 15) + 1)}
        for e in ann:
            if e["label"] != "question":
                continue
            for a, b in e["linking"]:
                if a == e["id"] and ents[b]["label"] == "answer":
                    total += 1
                    present += norm(" ".join(w["text"] for w in ents[b]["words"])) in spans
    print("validation forms %d, question -> answer links %d, gold answer among the OCR word runs %d (%.4f)"
          % (len(val), total, present, present / max(1, total)))


if __name__ == "__main__":
    main()
