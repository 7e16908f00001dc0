"""Data for the layout-aware extractive QA model (models/qa-bert; earlier models/qa-minilm): pages as words with 0-1000 boxes, questions,
gold answer word spans, and the windows the model sees.

Sources (all read from ../shared/datasets, never copied):
- SQuAD v1.1 dev (plain-text paragraphs, CC BY-SA 4.0): the text is laid out in lines (``text_page``).
- DocVQA val OCR text (research only): the same line layout; answers located verbatim in the lower-cased context.
  Split BY PAGE: a seeded shuffle of the pages, the last ``heldout`` share is never trained on (``docvqa_split``).
- FUNSD training forms (research only): words with their own boxes in geometric order (lines top to bottom, words
  left to right); each question -> answer link is a question (the question entity's text) with the answer
  entity's words as the span. The layout model's 30 validation forms are excluded.

Text layout (the Java ``TextPage`` reproduces it exactly): the context is split on white space; words fill lines of
at most ``LINE_CHARS`` characters (a word longer than that gets a line of its own); each character is ``CHAR_W``
pixels wide, a line ``LINE_H`` pixels high (word boxes ``WORD_H`` high), margins ``MARGIN``; the page is
``2*MARGIN + LINE_CHARS*CHAR_W`` pixels wide and ``max(MIN_H, 2*MARGIN + lines*LINE_H)`` high. Lengths are counted
in code points.

Window (the Java ``QaEncoder`` reproduces it): ``[CLS] question [SEP] context-window [SEP]``; the question's word
pieces are cut to ``MAX_QUERY`` tokens; token types 0 up to and including the first [SEP], 1 after; boxes: [CLS]
and question tokens (0,0,0,0), both [SEP] (1000,1000,1000,1000), a context token its word's box. Context windows
hold ``max_len - len(question) - 3`` tokens, a window starting every ``that - stride`` tokens... (see windows()).
"""
import json
import os
import random

LINE_CHARS = 100
CHAR_W = 10
LINE_H = 30
WORD_H = 20
MARGIN = 50
MIN_H = 1400
MAX_QUERY = 64


def text_page(text):
    """Words (text, pixel box) of a text laid out in lines, and the page size (width, height)."""
    words = text.split()
    out = []
    line, col = 0, 0
    for w in words:
        n = len(w)
        if col > 0 and col + 1 + n > LINE_CHARS:
            line, col = line + 1, 0
        x = col if col == 0 else col + 1
        x0 = MARGIN + x * CHAR_W
        y0 = MARGIN + line * LINE_H
        out.append((w, (x0, y0, x0 + n * CHAR_W, y0 + WORD_H)))
        col = x + n
    lines = line + 1 if words else 0
    width = 2 * MARGIN + LINE_CHARS * CHAR_W
    height = max(MIN_H, 2 * MARGIN + lines * LINE_H)
    return out, (width, height)


def norm_box(b, width, height):
    f = lambda v, s: max(0, min(1000, int(1000 * v // s)))
    return [f(b[0], width), f(b[1], height), f(b[2], width), f(b[3], height)]


def norm_answer(s):
    return " ".join(s.lower().split())


def find_span(words, answer):
    """First word span whose words, joined by one space, contain exactly the answer (lower case) with only
    punctuation around it. Returns (first word, last word) or None."""
    a = norm_answer(answer)
    if not a:
        return None
    lw = [w.lower() for w in words]
    n = len(a.split())
    strip = lambda s: s.strip(".,;:!?()[]\"'")
    for i in range(len(lw)):
        for k in (n, n + 1):
            j = i + k - 1
            if j >= len(lw):
                break
            cand = " ".join(lw[i:j + 1])
            if cand == a or strip(cand) == strip(a) and strip(cand):
                if strip(lw[i]) == "" or strip(lw[j]) == "":
                    continue
                return (i, j)
    return None


class Example:
    """One question over one page: words (text), 0-1000 boxes, the gold answers, the gold span (or None)."""

    def __init__(self, qid, source, question, words, boxes, answers, span, page_id):
        self.qid, self.source, self.question = qid, source, question
        self.words, self.boxes, self.answers, self.span, self.page_id = words, boxes, answers, span, page_id


def text_examples(context, qas, source, page_id):
    wb, (W, H) = text_page(context)
    words = [w for w, _ in wb]
    boxes = [norm_box(b, W, H) for _, b in wb]
    out = []
    for qa in qas:
        answers = [a["text"] for a in qa["answers"]]
        span = None
        for a in answers:
            span = find_span(words, a)
            if span:
                break
        out.append(Example(qa["id"], source, qa["question"], words, boxes, answers, span, page_id))
    return out


def docvqa_split(path, heldout=0.3, seed=13):
    """(train pages, held-out pages) of the DocVQA JSON, split by page with a seeded shuffle."""
    pages = json.load(open(path, encoding="utf-8"))
    idx = list(range(len(pages)))
    random.Random(seed).shuffle(idx)
    n_held = round(len(pages) * heldout)
    held = sorted(idx[len(idx) - n_held:])
    held_set = set(held)
    return [pages[i] for i in idx if i not in held_set], [pages[i] for i in held]


def docvqa_examples(pages):
    out = []
    for p in pages:
        out += text_examples(p["context"], p["qas"], "docvqa", "docvqa-%d" % p["qas"][0]["id"])
    return out


def squad_examples(path, limit=None, seed=13, negatives=0.1):
    data = json.load(open(path, encoding="utf-8"))["data"]
    paras = [p for art in data for p in art["paragraphs"]]
    rng = random.Random(seed)
    out = []
    for pi, p in enumerate(paras):
        out += text_examples(p["context"], p["qas"], "squad", "squad-%d" % pi)
    rng.shuffle(out)
    if limit:
        out = out[:limit]
    # questions asked of another paragraph: no answer there (teaches the [CLS] = no-answer target)
    negs = []
    for e in out[:int(len(out) * negatives)]:
        other = paras[rng.randrange(len(paras))]
        ex = text_examples(other["context"], [dict(id="neg-" + str(e.qid), question=e.question, answers=[])],
                           "squad-neg", "squad-neg")
        negs += ex
    return out + negs


def answer_span(apos):
    """(first, last) input position of an answer whose words are at the sorted positions apos; a scattered answer
    (its span over twice its length) keeps its first word's run only."""
    lo, hi = apos[0], apos[-1]
    if hi - lo + 1 > 2 * len(apos):
        hi = lo
        while hi + 1 in apos:
            hi += 1
    return lo, hi


def funsd_examples(data_dir, tok, val_names):
    import funsd_data as fd
    ann_dir = os.path.join(data_dir, "annotations")
    img_dir = os.path.join(data_dir, "images")
    out = []
    for n in sorted(os.listdir(ann_dir)):
        if not n.endswith(".json") or n in val_names:
            continue
        form = fd.load_form(os.path.join(ann_dir, n), img_dir, tok, box_mode="word", order="geometric")
        words = [w["text"] for w in form.words]
        boxes = [w["box"] for w in form.words]
        for k, (q, a) in enumerate(sorted(form.links)):
            qpos = form.entities[q]["words"]
            apos = sorted(form.entities[a]["words"])
            question = " ".join(words[i] for i in sorted(qpos))
            answer = " ".join(words[i] for i in apos)
            out.append(Example("%s-%d" % (n, k), "funsd", question, words, boxes, [answer], answer_span(apos), "funsd-" + n))
    return out


def funsd_ocr_examples(dump_dir, data_dir, tok, val_names):
    """The FUNSD training forms (val_names excluded) as our own OCR reads them (`readout batch ... --formats json
    --no-layout` output in dump_dir, see ocr_forms): OCR words and boxes in geometric order, one example per annotated
    question -> answer link whose answer kept OCR words; the question is the annotated question text (what `readout
    eval funsd-qa` asks), the target span the OCR words of the answer (first run only when scattered)."""
    import ocr_forms
    ann_dir = os.path.join(data_dir, "annotations")
    out = []
    for n in sorted(os.listdir(ann_dir)):
        if not n.endswith(".json") or n in val_names:
            continue
        dump = os.path.join(dump_dir, n[:-5] + ".png.json")
        if not os.path.exists(dump):
            continue
        with open(os.path.join(ann_dir, n), encoding="utf-8") as f:
            gold = {e["id"]: e for e in json.load(f)["form"]}
        form = ocr_forms.load_ocr_form(dump, os.path.join(ann_dir, n), tok, box_mode="word", order="geometric")
        words = [w["text"] for w in form.words]
        boxes = [w["box"] for w in form.words]
        for k, (q, a) in enumerate(sorted(form.links)):
            question = " ".join(w["text"] for w in gold[q].get("words", []) if w["text"].strip())
            apos = sorted(form.entities[a]["words"])
            answer = " ".join(words[i] for i in apos)
            out.append(Example("%s-ocr-%d" % (n, k), "funsd-ocr", question, words, boxes, [answer], answer_span(apos),
                               "funsd-ocr-" + n))
    return out


class Feature:
    def __init__(self, ex, input_ids, token_types, bbox, tok_word, start, end):
        self.ex, self.input_ids, self.token_types, self.bbox = ex, input_ids, token_types, bbox
        self.tok_word, self.start, self.end = tok_word, start, end

    def __len__(self):
        return len(self.input_ids)


def question_ids(tok, question):
    ids = [i for w in question.split() for i in tok.encode_word(w)]
    return ids[:MAX_QUERY]


def windows(ex, tok, max_len=384, stride=128):
    """Features of one example. Context windows of C = max_len - len(q) - 3 tokens start at 0, C - stride,
    2(C - stride), ... until one reaches the end. Target: the gold span's first and last token when both lie in
    the window, else [CLS] (index 0)."""
    q = question_ids(tok, ex.question)
    ctx, tw = [], []
    first_tok, last_tok = [], []
    for wi, w in enumerate(ex.words):
        ids = tok.encode_word(w)
        first_tok.append(len(ctx))
        ctx += ids
        tw += [wi] * len(ids)
        last_tok.append(len(ctx) - 1)
    C = max_len - len(q) - 3
    step = max(1, C - stride)
    feats = []
    start = 0
    while True:
        end = min(len(ctx), start + C)
        ids = [tok.cls_id] + q + [tok.sep_id] + ctx[start:end] + [tok.sep_id]
        off = len(q) + 2
        types = [0] * off + [1] * (end - start + 1)
        bbox = [[0, 0, 0, 0]] * (len(q) + 1) + [[1000] * 4] + [ex.boxes[tw[t]] for t in range(start, end)] + [[1000] * 4]
        tok_word = [-1] * off + tw[start:end] + [-1]
        s = e = 0
        if ex.span is not None:
            ts, te = first_tok[ex.span[0]], last_tok[ex.span[1]]
            if ts >= start and te < end:
                s, e = ts - start + off, te - start + off
        feats.append(Feature(ex, ids, types, bbox, tok_word, s, e))
        if end >= len(ctx):
            break
        start += step
    return feats
