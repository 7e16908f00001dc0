"""FUNSD forms as our own OCR reads them: training data that looks like what the layout model gets at run time.

The layout model is trained on FUNSD's annotated words, but end to end (`readout eval funsd --words ocr`, `readout
extract` on a scan) it reads Tesseract's words: other boxes, other splits, misreadings, and our reading order instead of
the annotation order. This module turns a `readout batch --formats json --no-layout` output of the FUNSD images into
funsd_data.Form objects in that run-time form, with labels projected from the annotation:

- words in the order the Java layout stage feeds them (OnnxLayoutModel.inReadingOrder: the page's lines in reading
  order, each line's words in their order, then words no line holds);
- each OCR word takes the entity of the annotated word it overlaps most, when that overlap covers at least
  MIN_COVER of the smaller of the two boxes; otherwise it is `other` (O);
- entities: the OCR words of one annotated entity (header/question/answer); BIO over the input order as in
  funsd_data.load_form (a word continues a chunk only when the previous input word belongs to the same entity);
- links: the annotated question -> answer links between entities that kept at least one OCR word.

No label is taken from anything but the annotation, and no box from anything but our OCR.
"""
import json
import os

import funsd_data as fd

MIN_COVER = 0.5


def _inter(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _area(b):
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def runtime_order(page):
    """The page's words as the Java layout stage reads them (see module doc)."""
    words = {w["id"]: w for w in page["words"]}
    lines = {l["id"]: l for l in page["lines"]}
    out, seen = [], set()
    order = page.get("readingOrder") or []
    if not order:
        return list(page["words"])
    for lid in order:
        line = lines.get(lid)
        if line is None:
            continue
        for wid in line["wordIds"]:
            if wid not in seen and wid in words:
                seen.add(wid)
                out.append(words[wid])
    out.extend(w for w in page["words"] if w["id"] not in seen)
    return out


def load_ocr_form(dump_path, ann_path, tok, box_mode="segment", seg_gap=1.0, line_overlap=0.5, order="runtime"):
    """order: 'runtime' (as the Java layout stage feeds the words, see runtime_order) or 'geometric' (lines top to
    bottom, words left to right: funsd_data.build_words without a permutation, as the QA model reads a page)."""
    if order not in ("runtime", "geometric"):
        raise ValueError(order)
    name = os.path.splitext(os.path.basename(ann_path))[0]
    with open(dump_path, encoding="utf-8") as f:
        doc = json.load(f)
    page = doc["pages"][0]
    width, height = page["width"], page["height"]
    with open(ann_path, encoding="utf-8") as f:
        form = json.load(f)["form"]
    ent_label = {}
    gold = []  # (box, entity id)
    for ent in form:
        ent_label[ent["id"]] = ent["label"]
        for w in ent.get("words", []):
            if w["text"].strip():
                x0, y0, x1, y1 = w["box"]
                gold.append(((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), ent["id"]))
    ocr = [w for w in runtime_order(page) if w["text"].strip()]
    raw = []
    for w in ocr:
        box = tuple(w["box"])
        best, best_cover = None, 0.0
        for gb, eid in gold:
            inter = _inter(box, gb)
            if inter <= 0:
                continue
            cover = inter / max(1e-6, min(_area(box), _area(gb)))
            if cover > best_cover:
                best, best_cover = eid, cover
        raw.append((w["text"], box, best if best_cover >= MIN_COVER else ("ocr-other", len(raw))))
    perm = list(range(len(raw))) if order == "runtime" else None
    words = fd.build_words(raw, width, height, tok, box_mode, seg_gap, line_overlap, perm)
    entities, links = fd.label_words(words, form, ent_label)
    return fd.Form(name + "#ocr", words, entities, links)


def load_ocr_forms(dump_dir, data_dir, names, tok, **kw):
    """OCR versions of the named forms (names as in funsd_data: annotation file names without .json) that the dump
    holds (`<name>.png.json`); forms missing from the dump are skipped."""
    out = []
    for n in names:
        dump = os.path.join(dump_dir, n + ".png.json")
        if os.path.exists(dump):
            out.append(load_ocr_form(dump, os.path.join(data_dir, "annotations", n + ".json"), tok, **kw))
    return out
