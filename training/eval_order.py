"""Scores a trained reading-order checkpoint (best.pt) or the training-time model on training-page folders."""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from order_model import OrderModel  # noqa: E402
from train_order import evaluate, load  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("checkpoint")
ap.add_argument("folders", nargs="+")
ap.add_argument("--d", type=int, default=128)
ap.add_argument("--layers", type=int, default=4)
ap.add_argument("--tau", type=float, nargs="*", default=[None])
a = ap.parse_args()
torch.set_num_threads(1)
m = OrderModel(d=a.d, layers=a.layers, ffn=4 * a.d)
m.load_state_dict(torch.load(a.checkpoint))
for f in a.folders:
    pages = load(f)
    for t in a.tau:
        r = evaluate(m, pages, 600_000, t)
        print(f, "tau", t, {k: round(v, 4) for k, v in r.items()}, flush=True)
