"""Random forests as Readout's Java code walks them: fit with scikit-learn, export each tree as flat node arrays, and
the mean-over-trees probability computed by walking those arrays (features compared as float32, as scikit-learn's
trees compare them). Java: dev.readout.core.ml.Forest. Used by region_breaks.py and continuation_forest.py."""
import numpy as np


def fit(X, y, params):
    """A random forest over X (rows of features) for the 0/1 targets y: {"trees": [...], "sklearn": the fitted model}.
    Each tree: feature (-1 at a leaf), threshold, left, right, p (the share of positives at the node)."""
    from sklearn.ensemble import RandomForestClassifier
    rf = RandomForestClassifier(n_jobs=1, **params).fit(X, y)
    trees = []
    for est in rf.estimators_:
        t = est.tree_
        v = t.value[:, 0, :]
        p = v[:, 1] / v.sum(1) if v.shape[1] == 2 else np.full(len(v), float(rf.classes_[0]))
        trees.append({"feature": [int(f) if f >= 0 else -1 for f in t.feature], "threshold": t.threshold.tolist(),
                      "left": t.children_left.tolist(), "right": t.children_right.tolist(), "p": p.tolist()})
    return {"trees": trees, "sklearn": rf}


def probabilities(model, Z):
    """Mean leaf probability over the trees for each row of Z."""
    Z = np.asarray(Z, dtype=np.float64).astype(np.float32)
    out = np.zeros(len(Z))
    for t in model["trees"]:
        for r in range(len(Z)):
            n = 0
            while t["feature"][n] >= 0:
                n = t["left"][n] if Z[r, t["feature"][n]] <= t["threshold"][n] else t["right"][n]
            out[r] += t["p"][n]
    return out / len(model["trees"])
