"""Entity F1 (seqeval default semantics, exact span + type) and q->a linking P/R/F1; BIO decoding."""
import numpy as np

from funsd_data import LABELS

TYPES = ["HEADER", "QUESTION", "ANSWER"]


def chunks(tags):
    """Entities from a BIO tag sequence as a set of (type, start, end_exclusive), like seqeval's default
    (non-strict) mode: a chunk starts at B-X, or at I-X when the previous tag is not B-X/I-X; it ends before the
    next tag that is not I-X."""
    out, start, typ = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        p, _, ty = t.partition("-")
        if start is not None and not (p == "I" and ty == typ):
            out.add((typ, start, i))
            start = typ = None
        if p == "B" or (p == "I" and start is None):
            start, typ = i, ty
    return out


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def entity_scores(gold_seqs, pred_seqs):
    """Micro P/R/F1 over all entities of all pages, plus per-type F1."""
    tp = {t: 0 for t in TYPES}
    npred = dict(tp)
    ngold = dict(tp)
    for g, p in zip(gold_seqs, pred_seqs):
        gc, pc = chunks(g), chunks(p)
        for c in gc:
            ngold[c[0]] += 1
        for c in pc:
            npred[c[0]] += 1
            if c in gc:
                tp[c[0]] += 1
    P, R, F = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    res = dict(precision=P, recall=R, f1=F, n_gold=sum(ngold.values()), n_pred=sum(npred.values()))
    for t in TYPES:
        res[f"f1_{t.lower()}"] = prf(tp[t], npred[t], ngold[t])[2]
    return res


def _allowed():
    """allowed[i, j]: tag j may follow tag i; start[j]: tag j may begin a page. I-X only after B-X or I-X."""
    n = len(LABELS)
    allowed = np.ones((n, n), dtype=bool)
    start = np.ones(n, dtype=bool)
    for j, tj in enumerate(LABELS):
        if tj.startswith("I-"):
            start[j] = False
            for i, ti in enumerate(LABELS):
                allowed[i, j] = ti[2:] == tj[2:] and ti != "O"
    return allowed, start


_ALLOWED, _START = _allowed()


def decode(word_logits, method="viterbi"):
    """word_logits [N,7] (the first sub-token's logits of each word, in input order) -> tags.
    argmax: per word. viterbi: the tag sequence maximising the sum of log-softmax scores subject to the BIO
    constraint (I-X only after B-X or I-X; not first)."""
    if len(word_logits) == 0:
        return []
    if method == "argmax":
        return [LABELS[i] for i in word_logits.argmax(-1)]
    x = word_logits - word_logits.max(-1, keepdims=True)
    lp = x - np.log(np.exp(x).sum(-1, keepdims=True))
    neg = -1e9
    trans = np.where(_ALLOWED, 0.0, neg)
    score = np.where(_START, lp[0], neg)
    back = []
    for t in range(1, len(lp)):
        cand = score[:, None] + trans          # [prev, cur]
        best = cand.argmax(0)
        back.append(best)
        score = cand[best, np.arange(len(LABELS))] + lp[t]
    path = [int(score.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return [LABELS[i] for i in reversed(path)]


def link_scores_f1(pages, threshold, one_question_per_answer=False):
    """pages: list of (scores dict {(q, a): probability}, gold set {(q, a)}). Candidates are all (gold question,
    gold answer) entity pairs of a page; a pair is predicted when its probability >= threshold (and, with
    one_question_per_answer, it is the best-scoring question for that answer)."""
    tp = npred = ngold = 0
    for scores, gold in pages:
        pred = {k for k, s in scores.items() if s >= threshold}
        if one_question_per_answer:
            best = {}
            for (q, a), s in scores.items():
                if (q, a) in pred and s > best.get(a, (None, -1))[1]:
                    best[a] = ((q, a), s)
            pred = {v[0] for v in best.values()}
        tp += len(pred & gold)
        npred += len(pred)
        ngold += len(gold)
    P, R, F = prf(tp, npred, ngold)
    return dict(precision=P, recall=R, f1=F)


def tune_link_threshold(pages, rules=(False, True)):
    """Best (f1, threshold, one_question_per_answer) over a grid of thresholds and the given link rules
    (one_question_per_answer off and on by default)."""
    best = None
    for opa in rules:
        for thr in np.linspace(0.05, 0.95, 19):
            r = link_scores_f1(pages, float(thr), opa)
            if best is None or r["f1"] > best[0]["f1"]:
                best = (r, float(round(thr, 2)), opa)
    return best


def follows(p, c, h):
    """Whether a run (pixel box c, smallest word height h) can continue the entity of the run before it (box p): on
    the same line to its right, or on the next line below (gap < 1 h), overlapping p horizontally or left-aligned
    within 0.5 h. As the Java runtime's Bio.follows; chosen on the training forms (a small grid over the gap,
    alignment and same-line limits)."""
    h = max(1.0, h)
    same_line = min(p[3], c[3]) - max(p[1], c[1]) > 0.3 * h and c[0] >= p[2] - h
    x_overlap = min(p[2], c[2]) - max(p[0], c[0])
    below = c[1] >= p[3] - 0.3 * h and (c[1] - p[3]) / h < 1.0 and (x_overlap > 0 or abs(c[0] - p[0]) < 0.5 * h)
    return same_line or below


def softmax(logits):
    """Label probabilities of one word's logits."""
    x = np.asarray(logits, dtype=np.float64)
    e = np.exp(x - x.max())
    return e / e.sum()


def segment_vote(word_logits, viterbi_tags, seg_boxes, pixel_boxes, continues=None, texts=None):
    """Segment decoding, as the Java runtime's Bio.segmentVote: each run of consecutive words sharing a segment box
    takes one type (the type or O with the largest summed probability P(B-X) + P(I-X) over the run's words; the
    first in label order on ties); a run of type X starts an entity (B-X) unless the previous run is also X,
    Viterbi continued the entity into the run's first word (I-X there) and the run follows the previous one
    (follows); its other words are I-X.
    continues: if given, decides instead of Viterbi and follows whether a run of type X continues the previous run of
    type X: continues(prev, run, X) with prev and run as (pixel box, smallest word height, text: the words joined by a
    space, stripped, the label probabilities of the run's first word); texts: the words' texts (needed with continues). As the Java runtime's Bio.segmentVote with a
    Continuation (continuation_forest.py)."""
    n = len(word_logits)
    out = []
    types = []
    type_of = []
    for lab in LABELS:
        ty = lab[2:] if lab != "O" else ""
        if ty not in types:
            types.append(ty)
        type_of.append(types.index(ty))
    prev = None
    prev_box = None
    prev_run = None
    t = 0
    while t < n:
        end = t + 1
        while end < n and tuple(seg_boxes[end]) == tuple(seg_boxes[t]):
            end += 1
        run = pixel_boxes[t:end]
        box = (min(b[0] for b in run), min(b[1] for b in run), max(b[2] for b in run), max(b[3] for b in run))
        h = min(b[3] - b[1] for b in run)
        this_run = ((box, h, " ".join(texts[t:end]).strip(), softmax(word_logits[t])) if continues is not None
                    else None)
        mass = [0.0] * len(types)
        for p in range(t, end):
            x = np.asarray(word_logits[p], dtype=np.float64)
            pr = np.exp(x - x.max())
            pr /= pr.sum()
            for j, v in enumerate(pr):
                mass[type_of[j]] += v
        best = 0
        for k in range(1, len(mass)):
            if mass[k] > mass[best]:
                best = k
        ty = types[best]
        if ty == "":
            out.extend(["O"] * (end - t))
        else:
            if continues is None:
                cont = ty == prev and viterbi_tags[t] == "I-" + ty and follows(prev_box, box, h)
            else:
                cont = ty == prev and continues(prev_run, this_run, ty)
            out.append(("I-" if cont else "B-") + ty)
            out.extend(["I-" + ty] * (end - t - 1))
        prev = ty
        prev_box = box
        prev_run = this_run
        t = end
    return out
