"""FUNSD loading: words, 0-1000 boxes, geometric line/segment grouping, BIO labels, entities, links, windows."""
import json
import os
import random
import struct

LABELS = ["O", "B-HEADER", "I-HEADER", "B-QUESTION", "I-QUESTION", "B-ANSWER", "I-ANSWER"]
LABEL2ID = {l: i for i, l in enumerate(LABELS)}
ENTITY_TYPES = {"header": "HEADER", "question": "QUESTION", "answer": "ANSWER"}
CLS_BOX = (0, 0, 0, 0)
SEP_BOX = (1000, 1000, 1000, 1000)
PAD_BOX = (0, 0, 0, 0)


def png_size(path):
    """(width, height) from the PNG IHDR chunk (bytes 16..24, big-endian)."""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"not a PNG: {path}")
    return struct.unpack(">II", head[16:24])


def normalize_box(box, width, height):
    """Pixel box -> 0..1000 grid: floor(1000*x/width), floor(1000*y/height), clamped to [0, 1000]."""
    x0, y0, x1, y1 = box
    c = lambda v: max(0, min(1000, v))
    return (c(int(1000 * x0 / width)), c(int(1000 * y0 / height)),
            c(int(1000 * x1 / width)), c(int(1000 * y1 / height)))


def group_lines(boxes, overlap=0.5, gap=1.0):
    """Geometric line grouping and segment splitting (the Java side must do exactly the same).

    boxes: list of (x0, y0, x1, y1) (any consistent unit, here pixels).
    1. Visit words sorted by (vertical centre, x0, original index). A word joins the existing line with the largest
       vertical overlap ratio  ov = overlap_len(word.y, line.y) / min(word height, line height)  if ov >= `overlap`
       (ties: the earlier-created line); otherwise it starts a new line. A line's y-extent grows to the union of
       its words' boxes. Heights are max(y1 - y0, 1).
    2. Words of a line are sorted by (x0, original index). A new segment starts wherever the horizontal gap
       x0(next) - x1(prev) > gap * median word height of the line (median of the sorted heights: element n//2).
       gap <= 0 means "never split" (segment = whole line).
    Returns (line_of_word, segment_of_word, lines, segments): lines / segments are lists of word-index lists;
    lines are ordered top to bottom by (line y0, line x0); segments by line then x.
    """
    n = len(boxes)
    order = sorted(range(n), key=lambda i: ((boxes[i][1] + boxes[i][3]) / 2.0, boxes[i][0], i))
    lines, ext = [], []  # ext: [y0, y1]
    for i in order:
        x0, y0, x1, y1 = boxes[i]
        h = max(y1 - y0, 1)
        best, best_ov = -1, 0.0
        for li, (ly0, ly1) in enumerate(ext):
            ov = (min(y1, ly1) - max(y0, ly0)) / min(h, max(ly1 - ly0, 1))
            if ov > best_ov:
                best, best_ov = li, ov
        if best >= 0 and best_ov >= overlap:
            lines[best].append(i)
            ext[best] = [min(ext[best][0], y0), max(ext[best][1], y1)]
        else:
            lines.append([i])
            ext.append([y0, y1])
    for ln in lines:
        ln.sort(key=lambda i: (boxes[i][0], i))
    lines.sort(key=lambda ln: (min(boxes[i][1] for i in ln), boxes[ln[0]][0]))
    segments = []
    line_of, seg_of = [0] * n, [0] * n
    for li, ln in enumerate(lines):
        hs = sorted(max(boxes[i][3] - boxes[i][1], 1) for i in ln)
        med = hs[len(hs) // 2]
        cur = [ln[0]]
        for prev, nxt in zip(ln, ln[1:]):
            if gap > 0 and boxes[nxt][0] - boxes[prev][2] > gap * med:
                segments.append(cur)
                cur = []
            cur.append(nxt)
        segments.append(cur)
        for i in ln:
            line_of[i] = li
    for si, seg in enumerate(segments):
        for i in seg:
            seg_of[i] = si
    return line_of, seg_of, lines, segments


def union_box(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


class Form:
    """One page: words in model input order, with boxes, gold word-level BIO, entities and q->a links."""

    def __init__(self, name, words, entities, links):
        self.name = name
        self.words = words        # list of dict(text, box, seg_box, tokens, label, entity)
        self.entities = entities  # {entity_id: dict(label, words=[word positions in input order])}
        self.links = links        # set of (question_entity_id, answer_entity_id)


def load_form(ann_path, image_dir, tok, box_mode="word", order="json", seg_gap=1.0, line_overlap=0.5):
    """box_mode: 'word' (the word's own box), 'line' (union box of the word's geometric line) or 'segment' (union
    box of the word's run within its line, split at gaps > seg_gap * line median height; see group_lines).
    order: 'json' (annotation order) or 'geometric' (lines top to bottom, words left to right)."""
    name = os.path.splitext(os.path.basename(ann_path))[0]
    width, height = png_size(os.path.join(image_dir, name + ".png"))
    with open(ann_path, encoding="utf-8") as f:
        form = json.load(f)["form"]
    raw = []  # (text, pixel box, entity id)
    ent_label = {}
    for ent in form:
        ent_label[ent["id"]] = ent["label"]
        for w in ent.get("words", []):
            if not w["text"].strip():
                continue  # blank words are dropped (as the Java FunsdReader does)
            x0, y0, x1, y1 = w["box"]
            raw.append((w["text"], (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), ent["id"]))
    if order == "json":
        perm = list(range(len(raw)))
    elif order == "geometric":
        perm = None
    else:
        raise ValueError(order)
    words = build_words(raw, width, height, tok, box_mode, seg_gap, line_overlap, perm)
    entities, links = label_words(words, form, ent_label)
    return Form(name, words, entities, links)


def build_words(raw, width, height, tok, box_mode, seg_gap, line_overlap, perm=None):
    """Word dicts of raw [(text, pixel box, entity)]: 0-1000 word, segment and line boxes (group_lines over all raw
    boxes), the model box of box_mode, word pieces. perm: the input order as indices into raw (None: the segments'
    geometric order)."""
    pix = [r[1] for r in raw]
    line_of, seg_of, lines, segments = group_lines(pix, overlap=line_overlap, gap=seg_gap)
    seg_box = {si: union_box([pix[i] for i in seg]) for si, seg in enumerate(segments)}
    line_box = {li: union_box([pix[i] for i in ln]) for li, ln in enumerate(lines)}
    if perm is None:
        perm = [i for seg in segments for i in seg]
    words = []
    for i in perm:
        text, box, eid = raw[i]
        wb = normalize_box(box, width, height)
        sb = normalize_box(seg_box[seg_of[i]], width, height)
        lb = normalize_box(line_box[line_of[i]], width, height)
        mb = {"word": wb, "segment": sb, "line": lb}[box_mode]
        words.append(dict(text=text, box=wb, seg_box=sb, line_box=lb, tokens=tok.encode_word(text), entity=eid,
                          model_box=mb, pbox=box))
    return words


def label_words(words, form, ent_label):
    """Sets each word's gold BIO label over the input order (seqeval semantics: a word starts a chunk unless it
    directly continues the same entity) from its "entity" (an annotation entity id; ids not in ent_label are O) and
    returns (entities, links): the header/question/answer entities with their word positions, and the annotated
    question -> answer links between entities that have words. form: the annotation's "form" list."""
    entities = {}
    prev_e = None
    for pos, w in enumerate(words):
        lab = ent_label.get(w["entity"])
        if lab in ENTITY_TYPES:
            entities.setdefault(w["entity"], dict(label=ENTITY_TYPES[lab], words=[]))["words"].append(pos)
            w["label"] = ("I-" if prev_e == w["entity"] else "B-") + ENTITY_TYPES[lab]
        else:
            w["label"] = "O"
        prev_e = w["entity"]
    links = set()
    for ent in form:
        for a, b in ent.get("linking", []):
            la, lb = ent_label.get(a), ent_label.get(b)
            if la == "question" and lb == "answer":
                pair = (a, b)
            elif la == "answer" and lb == "question":
                pair = (b, a)
            else:
                continue
            if pair[0] in entities and pair[1] in entities:
                links.add(pair)
    return entities, links


def load_split(data_dir, tok, n_val=30, seed=13, limit=None, **kw):
    """All forms of data_dir/annotations, split into (train, val) by a seeded shuffle of the sorted names."""
    ann_dir = os.path.join(data_dir, "annotations")
    img_dir = os.path.join(data_dir, "images")
    names = sorted(f for f in os.listdir(ann_dir) if f.endswith(".json"))
    rng = random.Random(seed)
    shuffled = names[:]
    rng.shuffle(shuffled)
    val_names, train_names = sorted(shuffled[:n_val]), sorted(shuffled[n_val:])
    if limit:
        train_names, val_names = train_names[:limit], val_names[:max(1, limit // 2)]
    load = lambda ns: [load_form(os.path.join(ann_dir, n), img_dir, tok, **kw) for n in ns]
    return load(train_names), load(val_names)


class Window:
    """Up to max_len tokens of one form: [CLS] word tokens [SEP]; words [ws, we)."""

    def __init__(self, form, ws, we, input_ids, bbox, labels, first_tok, word_tokens, link_entities, types=None):
        self.form, self.ws, self.we = form, ws, we
        self.types = types                # per token: 1 when its word is written in capitals (case_type), else 0
        self.input_ids, self.bbox, self.labels = input_ids, bbox, labels
        self.first_tok = first_tok        # token position of each word's first sub-token (words ws..we-1)
        self.word_tokens = word_tokens    # (start, end) token positions of each word
        self.link_entities = link_entities  # entity ids (question/answer) fully inside this window

    def __len__(self):
        return len(self.input_ids)


def make_windows(form, tok, max_len=512, overlap=128, box_jitter=0, rng=None):
    """Split a form into windows at word boundaries. Each window holds at most max_len-2 word tokens; the next
    window starts at the earliest word such that the repeated tokens are <= overlap (and always moves forward).
    A word longer than max_len-2 tokens is truncated."""
    n = len(form.words)
    budget = max_len - 2
    counts = [min(len(w["tokens"]), budget) for w in form.words]
    windows, ws = [], 0
    while True:
        we, tot = ws, 0
        while we < n and tot + counts[we] <= budget:
            tot += counts[we]
            we += 1
        windows.append(_build(form, ws, we, counts, box_jitter, rng))
        if we >= n:
            break
        nxt, back = we, 0
        while nxt - 1 > ws and back + counts[nxt - 1] <= overlap:
            nxt -= 1
            back += counts[nxt]
        ws = nxt
    return windows


def _jitter_box(b, j, rng):
    x0, y0, x1, y1 = (v + rng.randint(-j, j) for v in b)
    c = lambda v: max(0, min(1000, v))
    x0, x1 = sorted((c(x0), c(x1)))
    y0, y1 = sorted((c(y0), c(y1)))
    return (x0, y0, x1, y1)


def case_type(text):
    """1 for a word written in capitals (at least two letters, none lower-case: "INVOICE", "TO:", "R&D"), else 0.
    The uncased word pieces lose this; headers and keys are often set in capitals. Java: PageEncoder.caseType."""
    letters = [c for c in text if c.isalpha()]
    return 1 if len(letters) >= 2 and not any(c.islower() for c in letters) else 0


def _build(form, ws, we, counts, box_jitter, rng):
    ids, bbox, labels = [form_cls_id()], [CLS_BOX], [-100]
    types = [0]
    first_tok, word_tokens = [], []
    # augmentation: one page shift (+-J) per window, plus +-J/4 noise per distinct box (words sharing a line or
    # segment box keep sharing it)
    jittered = {}
    if box_jitter and rng is not None:
        dx, dy = rng.randint(-box_jitter, box_jitter), rng.randint(-box_jitter, box_jitter)
    for k in range(ws, we):
        w = form.words[k]
        toks = w["tokens"][:counts[k]]
        b = w["model_box"]
        if box_jitter and rng is not None:
            if b not in jittered:
                jittered[b] = _jitter_box((b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy), max(1, box_jitter // 4), rng)
            b = jittered[b]
        first_tok.append(len(ids))
        word_tokens.append((len(ids), len(ids) + len(toks)))
        ct = case_type(w["text"])
        for t, tid in enumerate(toks):
            ids.append(tid)
            types.append(ct)
            bbox.append(b)
            labels.append(LABEL2ID[w["label"]] if t == 0 else -100)
    ids.append(form_sep_id())
    types.append(0)
    bbox.append(SEP_BOX)
    labels.append(-100)
    inside = {}
    for k in range(ws, we):
        e = form.words[k]["entity"]
        inside[e] = inside.get(e, 0) + 1
    link_entities = [e for e, ent in form.entities.items()
                     if ent["label"] in ("QUESTION", "ANSWER") and inside.get(e, 0) == len(ent["words"])]
    return Window(form, ws, we, ids, bbox, labels, first_tok, word_tokens, link_entities, types)


_SPECIAL = {"cls": 101, "sep": 102}


def set_special_ids(cls_id, sep_id):
    _SPECIAL["cls"], _SPECIAL["sep"] = cls_id, sep_id


def form_cls_id():
    return _SPECIAL["cls"]


def form_sep_id():
    return _SPECIAL["sep"]


def entity_token_spans(window, eid):
    """Token positions of an entity inside a window (all sub-tokens of all its words)."""
    pos = []
    for k in window.form.entities[eid]["words"]:
        s, e = window.word_tokens[k - window.ws]
        pos.extend(range(s, e))
    return pos
