#!/usr/bin/python3
"""Learned region grouping for newspaper pages: where a new text region starts between two consecutive OCR lines.

Readout's typographic rules (core Paragraphs) cut each OCR block into paragraphs. On the NZZ pages they reach region
F1 0.716 (0.731 since masthead titles are read as display lines), tuned by hand on the same pages. This script learns the decision instead, from the ground-truth regions:
for every pair of consecutive text lines of a page (in the order ingest builds them: block by block, top to bottom)
29 features of the two lines' geometry in their column, of their text, of the printed rules between them (the
separators ingest found) and the rules' own decision, together with the
same 29 of the pair before and of the pair after; a random forest (FOREST, scikit-learn) says whether a region starts at
the second line; above the masthead's rule (masthead_rule) the typographic rules decide instead (decide). Java
(dev.readout.ingest.RegionBreaks) computes the same features, walks the same trees, and pads
each region box by PAD times its median line height vertically. The logistic regression over the pair features
alone (the model shipped before 2026-12-07, then over 27 of them) is still fitted and printed, as the baseline.

Input: the documents `readout eval newspaper --segmentation columns-rules --dump DIR` writes (the pages as ingest
built them, with the rules' regions), and the PAGE-XML ground truth they were read from.

  /usr/bin/python3 training/region_breaks.py --dump DIR --data ../shared/datasets/nzz_newspaper_gt \
      --out ingest/src/main/resources/dev/readout/ingest/region-breaks.json

prints the leave-one-page-out region F1 (a model trained on the other 9 pages groups each page; IoU >= 0.5,
one-to-one, as `readout eval newspaper` matches) against the rules and the logistic regression, then trains the forest
on all pages and writes it (trees as flat node arrays; ~300 KB of JSON).
`--fixture PATH` also writes a synthetic page with the probabilities this code gives, for the Java parity test.
"""
import argparse
import glob
import json
import math
import os
import re
import xml.etree.ElementTree as ET

import numpy as np

import forest

PAD = 0.1           # region boxes grow by this many median line heights above and below
L2 = 1.0            # ridge penalty on the standardised weights
THRESHOLD = 0.5
MASTHEAD_PIECE_GAP = 5.0  # a masthead line is cut at blanks between words wider than this many line heights
# the forest: small leaves and bounded depth keep the file near 300 KB; 100 trees, fixed seed (reproducible)
FOREST = {"n_estimators": 100, "max_depth": 10, "min_samples_leaf": 3, "random_state": 0}
FEATURES = ["ours", "newrun", "samerow", "gap", "gapbig", "ind_b", "ind_a", "indb_small", "short_a", "short_b",
            "shorta_big", "hratio", "hb", "ha", "cen_a", "cen_b", "prose", "a_dot", "a_hyph", "a_oneword",
            "b_oneword", "b_upper", "b_digit", "a_len", "b_len", "wa", "wb", "hrule", "vrule"]


# ---- geometry (boxes are [x0, y0, x1, y1] in page pixels) ----
def same_row(a, b):
    v = min(a[3], b[3]) - max(a[1], b[1])
    return v >= 0.5 * min(a[3] - a[1], b[3] - b[1])


def under(a, b):
    ov = min(a[2], b[2]) - max(a[0], b[0])
    return b[1] >= a[1] and ov >= 0.3 * min(a[2] - a[0], b[2] - b[0])


def upper_median(v):
    s = sorted(v)
    return s[len(s) // 2] if s else 0.0


def clip(x, lo, hi):
    return max(lo, min(hi, x))


def runs_of(boxes):
    """Runs of lines stacked under each other (lines side by side on one row stay in the run)."""
    runs, row = [], None
    for i, b in enumerate(boxes):
        if row is not None and same_row(boxes[i - 1], b):
            row = [min(row[0], b[0]), min(row[1], b[1]), max(row[2], b[2]), max(row[3], b[3])]
        else:
            if row is None or not under(row, b):
                runs.append([])
            row = list(b)
        runs[-1].append(i)
    return runs


def run_stats(boxes, run):
    ls = [boxes[i] for i in run]
    n = len(ls)
    h = upper_median([b[3] - b[1] for b in ls])
    x0 = sorted(b[0] for b in ls)
    x1 = sorted(b[2] for b in ls)
    left = x0[n // 4] if n >= 4 else x0[0]
    right = x1[(3 * n) // 4] if n >= 4 else x1[-1]
    lead = upper_median([ls[j][1] - ls[j - 1][3] for j in range(1, n) if not same_row(ls[j - 1], ls[j])])
    full = sum(1 for b in ls if right - b[2] <= 1.5 * h)
    return h, left, right, lead, full / n, n


def rule_between(a, b, separators, h):
    """(horizontal, vertical): a printed rule lies between lines a and b. Horizontal (b not above a): its centre within
    0.3 h of the blank between a's bottom and b's top, overlapping the two lines' span across by 0.3 of the narrower line; vertical:
    its centre between the left line's right end and the right line's left end (0.2 h slack), overlapping them down."""
    top, bottom = min(a[3], b[1]), max(a[3], b[1])
    x0, x1 = min(a[0], b[0]), max(a[2], b[2])
    lo, hi = (a, b) if a[0] <= b[0] else (b, a)
    horizontal = vertical = 0.0
    for s in separators:
        cx, cy = (s[0] + s[2]) / 2, (s[1] + s[3]) / 2
        if s[2] - s[0] >= s[3] - s[1]:
            if b[1] >= a[1] and top - 0.3 * h <= cy <= bottom + 0.3 * h and min(s[2], x1) - max(s[0], x0) > 0.3 * min(a[2] - a[0], b[2] - b[0]):
                horizontal = 1.0
        elif lo[2] - 0.2 * h <= cx <= hi[0] + 0.2 * h and min(s[3], max(a[3], b[3])) - max(s[1], min(a[1], b[1])) > 0:
            vertical = 1.0
    return horizontal, vertical


def features(boxes, texts, rule_break, separators=()):
    """One feature vector (dict) per line i >= 1: about the pair (i-1, i). rule_break[i]: the rules start a region at i;
    separators: the page's printed rules (boxes), as ingest found them."""
    runs = runs_of(boxes)
    run_of = {i: k for k, r in enumerate(runs) for i in r}
    stats = [run_stats(boxes, r) for r in runs]
    out = []
    for i in range(1, len(boxes)):
        a, b = boxes[i - 1], boxes[i]
        ta, tb = texts[i - 1].strip(), texts[i].strip()
        h, left, right, lead, prose, n = stats[run_of[i]]
        h = max(h, 1.0)
        ha, hb = a[3] - a[1], b[3] - b[1]

        def ml(l):
            return (l[0] - left) / h

        def mr(l):
            return (right - l[2]) / h

        def centred(l):
            x, y = ml(l), mr(l)
            return 1.0 if x > 1.0 and y > 1.0 and abs(x - y) <= max(1.5, 0.25 * (x + y)) else 0.0
        gap = (b[1] - a[3] - lead) / h
        width = max(1.0, right - left)
        hrule, vrule = rule_between(a, b, separators, h)
        out.append({
            "ours": 1.0 if rule_break[i] else 0.0,
            "newrun": 1.0 if run_of[i - 1] != run_of[i] else 0.0,
            "samerow": 1.0 if same_row(a, b) else 0.0,
            "gap": clip(gap, -2, 5),
            "gapbig": 1.0 if gap > 0.8 else 0.0,
            "ind_b": clip(ml(b), -2, 10), "ind_a": clip(ml(a), -2, 10),
            "indb_small": 1.0 if 0.3 < ml(b) < 4 else 0.0,
            "short_a": clip(mr(a), -2, 20), "short_b": clip(mr(b), -2, 20),
            "shorta_big": 1.0 if mr(a) > 1.5 else 0.0,
            "hratio": abs(math.log(max(hb, 1.0) / max(ha, 1.0))),
            "hb": clip(math.log(max(hb, 1.0) / h), -1, 1.5), "ha": clip(math.log(max(ha, 1.0) / h), -1, 1.5),
            "cen_a": centred(a), "cen_b": centred(b),
            "prose": prose,
            "a_dot": 1.0 if re.search(r"[.:]$", ta) else 0.0,
            "a_hyph": 1.0 if re.search(r"[-\u00ac=]$", ta) else 0.0,
            "a_oneword": 1.0 if len(ta.split()) <= 1 else 0.0,
            "b_oneword": 1.0 if len(tb.split()) <= 1 else 0.0,
            "b_upper": 1.0 if tb[:1].isupper() else 0.0,
            "b_digit": 1.0 if tb[:1].isdigit() else 0.0,
            "a_len": clip(len(ta) / 40, 0, 3), "b_len": clip(len(tb) / 40, 0, 3),
            "wa": clip((a[2] - a[0]) / width, 0, 2), "wb": clip((b[2] - b[0]) / width, 0, 2),
            "hrule": hrule, "vrule": vrule,
        })
    return out


def matrix(feats):
    return np.array([[f[n] for n in FEATURES] for f in feats], dtype=np.float64).reshape(-1, len(FEATURES))


# ---- logistic regression (Newton, ridge on standardised features) ----
def fit(X, y, l2=L2):
    mu = X.mean(0)
    sd = X.std(0) + 1e-6
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    k = X.shape[1]
    reg = l2 * np.diag(np.r_[np.ones(k), 0.0])
    w = np.zeros(k + 1)
    for _ in range(100):
        p = 1 / (1 + np.exp(-Z @ w))
        step = np.linalg.solve((Z * (p * (1 - p))[:, None]).T @ Z + reg, Z.T @ (p - y) + reg @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return {"mean": mu.tolist(), "scale": sd.tolist(), "weights": w[:-1].tolist(), "bias": float(w[-1])}


def context(X):
    """Each pair's features followed by those of the pair before and of the pair after (zeros at the page's ends)."""
    z = np.zeros((1, X.shape[1]))
    return np.hstack([X, np.vstack([z, X[:-1]]), np.vstack([X[1:], z])])


def fit_forest(Xs, y):
    """A random forest over the pairs of the pages Xs (one feature matrix a page, each pair with its neighbours inside
    its own page: context per page), y their targets in the same order (forest.fit: trees as flat arrays, leaf:
    feature -1, p = share of region starts). Until 2026-12-07 (fifth session) the pages were stacked before the
    context was taken, so each page's first and last pair saw the neighbouring page's pairs."""
    return forest.fit(np.vstack([context(X) for X in Xs]), y, FOREST)


def forest_probabilities(model, X):
    """Mean leaf probability over the trees; features compared as float32, as scikit-learn's trees do."""
    return forest.probabilities(model, context(X))


def probabilities(model, X):
    Z = (X - np.array(model["mean"])) / np.array(model["scale"])
    return 1 / (1 + np.exp(-(Z @ np.array(model["weights"]) + model["bias"])))


# ---- data ----
def to_source(b, rot, skew, W, H):
    """Our box on the unrotated, undeskewed page (as eval's PageGeometry.toSource); rotation 0 only here."""
    if rot != 0:
        raise SystemExit("region_breaks.py: rotated pages are not handled (rotation %d)" % rot)
    if skew == 0:
        return b
    a, s = math.cos(math.radians(skew)), math.sin(math.radians(skew))
    cx, cy = W / 2, H / 2
    xs, ys = [], []
    for x, y in ((b[0], b[1]), (b[2], b[1]), (b[0], b[3]), (b[2], b[3])):
        dx, dy = x - cx, y - cy
        xs.append(cx + a * dx - s * dy)
        ys.append(cy + s * dx + a * dy)
    return [min(xs), min(ys), max(xs), max(ys)]


def iou(a, b):
    i = max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))
    u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - i
    return i / u if u > 0 else 0.0


def matched(gt, ours):
    pairs = sorted(((iou(g, o), i, j) for i, g in enumerate(gt) for j, o in enumerate(ours) if iou(g, o) >= 0.5), reverse=True)
    ug, uo = set(), set()
    for _, i, j in pairs:
        if i not in ug and j not in uo:
            ug.add(i)
            uo.add(j)
    return len(ug)


def ground_truth(data):
    out = {}
    for x in glob.glob(os.path.join(data, "xml", "**", "*.xml"), recursive=True):
        root = ET.parse(x).getroot()
        ns = {"p": root.tag.split("}")[0][1:]}
        page = root.find("p:Page", ns)

        def box(el):
            c = el.find("p:Coords", ns)
            pts = c.get("points")
            xy = [tuple(map(float, p.split(","))) for p in pts.split()] if pts else \
                [(float(p.get("x")), float(p.get("y"))) for p in c.findall("p:Point", ns)]
            return [min(p[0] for p in xy), min(p[1] for p in xy), max(p[0] for p in xy), max(p[1] for p in xy)]
        regions = [box(r) for r in page.iter("{%s}TextRegion" % ns["p"]) if r.find("p:Coords", ns) is not None]
        name = os.path.splitext(os.path.basename(page.get("imageFilename")))[0]
        out[name] = {"W": int(page.get("imageWidth")), "H": int(page.get("imageHeight")), "regions": regions}
    return out


def load_page(path, gt):
    """Text lines in ingest order: boxes, texts, the rules' breaks, GT-mapped boxes, and the true breaks."""
    p = json.load(open(path))["pages"][0]
    words = {w["id"]: w for w in p["words"]}
    region_of = {lid: r["id"] for r in p["regions"] if r["type"] == "text" for lid in r["lineIds"]}
    lines = [l for l in p["lines"] if l["id"] in region_of]
    boxes = [l["box"] for l in lines]
    texts = [" ".join(words[w]["text"] for w in l["wordIds"]) for l in lines]
    rule = [True] + [region_of[lines[i]["id"]] != region_of[lines[i - 1]["id"]] for i in range(1, len(lines))]
    sx, sy = gt["W"] / p["width"], gt["H"] / p["height"]

    def to_gt(b):
        s = to_source(b, p["rotation"], p["skew"], p["width"], p["height"])
        return [s[0] * sx, s[1] * sy, s[2] * sx, s[3] * sy]
    mapped = [to_gt(b) for b in boxes]

    def region_index(b):
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        return next((k for k, r in enumerate(gt["regions"]) if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]), -1)
    gi = [region_index(b) for b in mapped]
    truth = [gi[i] != gi[i - 1] or gi[i] == -1 for i in range(1, len(lines))]
    separators = [r["box"] for r in p["regions"] if r["type"] == "separator"]
    top = masthead_rule(separators, p["width"], p["height"])
    pieces = [[to_gt(b) for b in masthead_pieces(l["box"], [words[w]["box"] for w in l["wordIds"]])]
              if top is not None and l["box"][3] <= top else [mapped[i]] for i, l in enumerate(lines)]
    return {"boxes": boxes, "texts": texts, "rule": rule, "mapped": mapped, "y": np.array(truth, dtype=np.float64),
            "gt": gt["regions"], "separators": separators, "width": p["width"], "height": p["height"], "pieces": pieces}


def masthead_pieces(line, word_boxes):
    """A masthead line's pieces (boxes): cut where the blank between two words is wider than MASTHEAD_PIECE_GAP line
    heights; each piece keeps the line's top and bottom. As Java RegionBreaks.mastheadPieces."""
    ws = sorted(word_boxes, key=lambda b: b[0])
    parts = []
    for w in ws:
        if not parts or w[0] - parts[-1][-1][2] > MASTHEAD_PIECE_GAP * (line[3] - line[1]):
            parts.append([])
        parts[-1].append(w)
    if len(parts) < 2:
        return [line]
    return [[min(w[0] for w in q), line[1], max(w[2] for w in q), line[3]] for q in parts]


def cut(d, breaks):
    """The page's (boxes, breaks) once masthead lines are cut into pieces, each further piece starting a region."""
    boxes, out = [], []
    for i, ps in enumerate(d["pieces"]):
        for j, b in enumerate(ps):
            boxes.append(b)
            out.append(bool(breaks[i]) if j == 0 else True)
    return boxes, out


def masthead_rule(separators, width, height):
    """The top of the masthead's rule: the widest horizontal printed rule (over 3 times as wide as thick) that starts
    in the top third of the page and spans at least half its width; None without one. As Java RegionBreaks."""
    rules = [s for s in separators if s[2] - s[0] > 3 * (s[3] - s[1]) and s[1] < height / 3 and s[2] - s[0] >= width / 2]
    return max(rules, key=lambda s: s[2] - s[0])[1] if rules else None


def decide(p, d):
    """Region starts from the forest's probabilities p (one per line pair) of page d: above the masthead's rule (both
    lines' feet at or above its top) the typographic rules decide, elsewhere the forest (p > THRESHOLD)."""
    y = masthead_rule(d["separators"], d["width"], d["height"])
    out = [True]
    for i in range(1, len(d["boxes"])):
        above = y is not None and d["boxes"][i][3] <= y and d["boxes"][i - 1][3] <= y
        out.append(bool(d["rule"][i]) if above else bool(p[i - 1] > THRESHOLD))
    return out


def regions(mapped, breaks, pad):
    groups, cur = [], [0]
    for i in range(1, len(mapped)):
        if breaks[i]:
            groups.append(cur)
            cur = []
        cur.append(i)
    groups.append(cur)
    out = []
    for g in groups:
        bs = [mapped[i] for i in g]
        h = upper_median([b[3] - b[1] for b in bs])
        out.append([min(b[0] for b in bs), min(b[1] for b in bs) - pad * h, max(b[2] for b in bs), max(b[3] for b in bs) + pad * h])
    return out


def f1(pages, breaks, pad, pieces=False):
    """Region F1 at IoU >= 0.5; with pieces, masthead lines cut as the shipped model does (cut)."""
    m = g = o = 0
    for k, d in pages.items():
        rs = regions(*cut(d, breaks[k]), pad) if pieces else regions(d["mapped"], breaks[k], pad)
        m += matched(d["gt"], rs)
        g += len(d["gt"])
        o += len(rs)
    return 2 * m / (g + o), m, g, o


def fixture(model, path):
    """A synthetic page: a heading over a rule, two paragraphs, a ruled second column of one paragraph; boxes, texts, the
    rules' breaks, the separators, p."""
    boxes, texts = [], []
    boxes.append([300, 100, 700, 150]); texts.append("Frankreich.")
    y = 180
    body = ["Paris, den 21. Oktober. Nach Briefen aus", "dem Haag vernimmt man, daß die Staaten", "nachgeben.",
            "Die Staaten von Holland haben beschlossen,", "die Gesandten zurückzurufen und den", "Frieden zu suchen."]
    for i in range(6):
        x0 = 140 if i in (0, 3) else 100
        x1 = 600 if i in (2, 5) else 900
        boxes.append([x0, y, x1, y + 30]); texts.append(body[i])
        y += 38 + (30 if i == 2 else 0)
    column = ["1523 Auf der Disputation in Zürich, wo beson-", "ders über die Verehrung der Heiligen verhan-",
              "delt wurde, sprach Zwingli gegen die Bilder und", "gegen die Messe, und der Rath der Stadt folgte",
              "ihm in allen Stücken, so daß die Bilder noch im", "selben Jahre aus den Kirchen entfernt wurden."]
    for i, t in enumerate(column):
        boxes.append([1000, 100 + 38 * i, 1800 if i < 5 else 1500, 130 + 38 * i]); texts.append(t)
    rule = [True, False, False, False, True, False, False] + [True] + [False] * 5
    separators = [[280, 160, 720, 163], [948, 100, 952, 400]]     # a rule under the heading, one between the columns
    feats = matrix(features(boxes, texts, rule, separators))
    p = forest_probabilities(model, feats)
    json.dump({"boxes": boxes, "texts": texts, "ruleBreaks": rule, "separators": separators, "features": feats.tolist(),
               "probabilities": p.tolist()},
              open(path, "w"), indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dump", required=True, help="documents of `readout eval newspaper --segmentation columns-rules --dump`")
    ap.add_argument("--data", required=True, help="the PAGE-XML ground truth (images/, xml/)")
    ap.add_argument("--out", help="where to write the model (JSON)")
    ap.add_argument("--fixture", help="also write a parity fixture for the Java test")
    a = ap.parse_args()
    gts = ground_truth(a.data)
    pages = {}
    for path in sorted(glob.glob(os.path.join(a.dump, "*.json"))):
        name = os.path.splitext(os.path.basename(path))[0]
        if name not in gts:
            raise SystemExit("%s: no ground truth for %s" % (path, name))
        pages[name] = load_page(path, gts[name])
    X = {k: matrix(features(d["boxes"], d["texts"], d["rule"], d["separators"])) for k, d in pages.items()}
    rules = {k: d["rule"] for k, d in pages.items()}
    print("pages %d, line pairs %d, region starts %d" % (len(pages), sum(len(d["y"]) for d in pages.values()),
                                                         int(sum(d["y"].sum() for d in pages.values()))))
    print("rules (Paragraphs, no padding): F1 %.4f (%d matched, %d ground truth, %d ours)" % f1(pages, rules, 0.0))
    print("rules + padding %.2f h:         F1 %.4f (%d matched, %d ground truth, %d ours)" % ((PAD,) + f1(pages, rules, PAD)))
    held, forest_held, masthead_held = {}, {}, {}
    for k in pages:
        Xo, yo = np.vstack([X[j] for j in pages if j != k]), np.concatenate([pages[j]["y"] for j in pages if j != k])
        held[k] = [True] + list(probabilities(fit(Xo, yo), X[k]) > THRESHOLD)
        pk = forest_probabilities(fit_forest([X[j] for j in pages if j != k], yo), X[k])
        forest_held[k] = [True] + list(pk > THRESHOLD)
        masthead_held[k] = decide(pk, pages[k])
    print("logistic regression, leave one page out: F1 %.4f (%d matched, %d ground truth, %d ours)" % f1(pages, held, PAD))
    print("forest everywhere, leave one page out:   F1 %.4f (%d matched, %d ground truth, %d ours)" % f1(pages, forest_held, PAD))
    print("forest, rules above the masthead's rule, leave one page out: F1 %.4f (%d matched, %d ground truth, %d ours)"
          % f1(pages, masthead_held, PAD))
    print("the same, masthead lines cut into pieces, leave one page out (as shipped): F1 %.4f (%d matched, %d ground truth, %d ours)"
          % f1(pages, masthead_held, PAD, pieces=True))
    model = fit_forest(list(X.values()), np.concatenate([d["y"] for d in pages.values()]))
    drift = max(np.abs(model["sklearn"].predict_proba(context(x))[:, 1] - forest_probabilities(model, x)).max() for x in X.values())
    print("tree walk vs scikit-learn: max |diff| %.2g" % drift)
    seen = {k: decide(forest_probabilities(model, X[k]), pages[k]) for k in pages}
    print("forest trained on all pages:             F1 %.4f (%d matched, %d ground truth, %d ours; in-sample)" % f1(pages, seen, PAD, pieces=True))
    if a.out:
        out = {"kind": "forest", "features": FEATURES, "context": ["pair", "previous pair", "next pair"],
               "trees": model["trees"], "threshold": THRESHOLD, "pad": PAD, "forest": FOREST,
               "trained_on": "%d NZZ pages (%s), %d line pairs" % (len(pages), os.path.basename(os.path.normpath(a.data)),
                                                                  sum(len(d["y"]) for d in pages.values()))}
        with open(a.out, "w") as f:
            json.dump(out, f, separators=(",", ":"))
        print("wrote", a.out)
        if a.fixture:
            fixture(model, a.fixture)
            print("wrote", a.fixture)


if __name__ == "__main__":
    main()
