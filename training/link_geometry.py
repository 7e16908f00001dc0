"""The layout prior on question -> answer links, exactly as the Java runtime's LinkGeometry
(layout/src/main/java/dev/readout/layout/decode/LinkGeometry.java); config.json -> link.geometry.

For a question q and an answer a (boxes: union of their words' page-pixel boxes; h: the smaller of the two
entities' smallest word heights, at least 1 px):
- row: vertical overlap >= row_overlap * h and q starts left of a: exp(-gap / (row_scale * h)), gap = max(0, a.x0 - q.x1)
- above: horizontal overlap > 0, not the same row, q starts above a:
  above_weight * exp(-gap / (above_scale * h)), gap = max(0, a.y0 - q.y1)
- the larger of the two, 0 when neither holds.
The runtime adds weight * prior to the link logit before the sigmoid, the threshold and one-question-per-answer.
The shape parameters were fitted on the 119 training forms with the rule alone (a grid over row_overlap,
row_scale, above_scale, above_weight and the threshold; training/link_geometry.py --fit)."""
import math

PARAMS = dict(row_overlap=0.3, row_scale=10.0, above_scale=4.0, above_weight=0.5)


def extent(pixel_boxes):
    x0 = min(b[0] for b in pixel_boxes)
    y0 = min(b[1] for b in pixel_boxes)
    x1 = max(b[2] for b in pixel_boxes)
    y1 = max(b[3] for b in pixel_boxes)
    return (x0, y0, x1, y1), min(b[3] - b[1] for b in pixel_boxes)


def prior(q, a, p=PARAMS):
    """q, a: extents (box, smallest word height)."""
    (qx0, qy0, qx1, qy1), qh = q
    (ax0, ay0, ax1, ay1), ah = a
    h = max(1.0, min(qh, ah))
    v_overlap = min(qy1, ay1) - max(qy0, ay0)
    best = 0.0
    same_row = v_overlap >= p["row_overlap"] * h
    if same_row and qx0 < ax0:
        best = math.exp(-max(0.0, ax0 - qx1) / (p["row_scale"] * h))
    h_overlap = min(qx1, ax1) - max(qx0, ax0)
    if h_overlap > 0 and not same_row and qy0 < ay0:
        best = max(best, p["above_weight"] * math.exp(-max(0.0, ay0 - qy1) / (p["above_scale"] * h)))
    return best


def form_priors(form):
    """{(q, a): prior} over all gold question/answer entity pairs of a funsd_data.Form."""
    ext = {e: extent([form.words[k]["pbox"] for k in ent["words"]]) for e, ent in form.entities.items()}
    qs = [e for e, ent in form.entities.items() if ent["label"] == "QUESTION"]
    as_ = [e for e, ent in form.entities.items() if ent["label"] == "ANSWER"]
    return {(q, a): prior(ext[q], ext[a]) for q in qs for a in as_}


def fit(data_dir, seed=13, n_val=30):
    """The grid search behind PARAMS: the rule alone (each answer takes its highest-prior question when the prior
    reaches a threshold) on the training forms only."""
    import funsd_data as fd
    from wordpiece import WordPiece
    import pretrained
    import metrics
    tok = WordPiece(pretrained.vocab_path("minilm"), lower_case=True)
    train, val = fd.load_split(data_dir, tok, n_val=n_val, seed=seed)
    pri = {f.name: form_priors(f) for f in train + val}
    best = None
    for ro in (0.3, 0.5):
        for rs in (5.0, 10.0, 20.0, 40.0):
            for as_ in (1.0, 2.0, 4.0):
                for aw in (0.5, 0.8, 1.0):
                    p = dict(row_overlap=ro, row_scale=rs, above_scale=as_, above_weight=aw)
                    pages = []
                    for f in train:
                        ext = {e: extent([f.words[k]["pbox"] for k in ent["words"]]) for e, ent in f.entities.items()}
                        pages.append(({k: prior(ext[k[0]], ext[k[1]], p) for k in pri[f.name]}, f.links))
                    for thr in (0.01, 0.05, 0.1, 0.2):
                        r = metrics.link_scores_f1(pages, thr, True)
                        if best is None or r["f1"] > best[0]["f1"]:
                            best = (r, p, thr)
    print("train (rule alone):", best)
    vpages = [(form_priors(f), f.links) for f in val] if best[1] == PARAMS else None
    if vpages:
        print("val (rule alone, same threshold):", metrics.link_scores_f1(vpages, best[2], True))
    return best


if __name__ == "__main__":
    import sys
    import os
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if "--fit" in sys.argv:
        fit(sys.argv[sys.argv.index("--data") + 1] if "--data" in sys.argv else "/work/shared/datasets/funsd/training_data")
