"""Picks the shipped reading-order model: every saved epoch x every decoding threshold, scored by BLEU-4 on the
synthetic validation pages only; exports the winner to ONNX and records the choice in config.json.

    /usr/bin/python3 training/select_order.py --run RUN_DIR --val VAL_DIR [--report DIR...] --out MODEL_DIR [--join-pieces] [--rules-only]

With --join-pieces every score is taken with the line pieces joined (order_model.row_groups), as the Java runtime
orders them for a model whose config.json says "join_pieces": true (written here). With --rules-only pages without
printed rules keep the XY-cut order, scored so and run so at inference ("rules_only": true).

The --report folders (real ground truth) are scored for the chosen model and written to config.json for
information; they play no part in the choice.
"""
import argparse
import glob
import json
import os
import re
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from order_model import OrderModel  # noqa: E402
from train_order import evaluate, export, load  # noqa: E402

TAUS = [None, 0.6, 0.7, 0.8, 0.9, 0.95]
ROLE_TAUS = [None, 0.5, 0.7, 0.8, 0.9, 0.95]   # models with a role head (config "roles"): page furniture moved above this


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True, help="training output folder with epochN.pt and config.json")
    ap.add_argument("--val", required=True)
    ap.add_argument("--report", nargs="*", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rules-only", action="store_true",
                    help="pages without printed rules keep the XY-cut order (score so, and run so at inference)")
    ap.add_argument("--join-pieces", action="store_true",
                    help="score (and run, at inference) with the pieces of one printed line joined into one unit")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    cfg = json.load(open(os.path.join(a.run, "config.json")))
    val = load(a.val)
    table = []
    best = None
    for ck in sorted(glob.glob(os.path.join(a.run, "epoch*.pt")), key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0])):
        ep = int(re.findall(r"\d+", os.path.basename(ck))[0])
        m = OrderModel(d=cfg["d"], layers=cfg["layers"], ffn=cfg["ffn"], roles=cfg.get("roles", False), rules=cfg.get("rules", False))
        m.load_state_dict(torch.load(ck))
        grid = [(t, rt) for t in TAUS for rt in (ROLE_TAUS if cfg.get("roles") else [None])]
        res = evaluate(m, val, 600_000, [t for t, _ in grid], [rt for _, rt in grid], join=a.join_pieces,
                       rules_only=a.rules_only)
        for (t, rt), r in zip(grid, res):
            row = {"epoch": ep, "decode_tau": t, "role_tau": rt, "val_bleu": round(r["bleu"], 4),
                   "val_ard": round(r["ard"], 3)}
            table.append(row)
            print(row, flush=True)
            if best is None or r["bleu"] > best[3]:
                best = (ep, t, rt, r["bleu"], ck)
    ep, t, rt, _, ck = best
    m = OrderModel(d=cfg["d"], layers=cfg["layers"], ffn=cfg["ffn"], roles=cfg.get("roles", False), rules=cfg.get("rules", False))
    m.load_state_dict(torch.load(ck))
    os.makedirs(a.out, exist_ok=True)
    export(m, os.path.join(a.out, "model.onnx"))
    reports = {}
    for f in a.report:
        r = evaluate(m, load(f), 600_000, t, rt, join=a.join_pieces, rules_only=a.rules_only)
        reports[os.path.basename(os.path.normpath(f))] = {k: round(v, 4) for k, v in r.items()}
        print("report", f, reports[os.path.basename(os.path.normpath(f))], flush=True)
    cfg.update({"best_epoch": ep, "decode_tau": t, "role_tau": rt, "join_pieces": a.join_pieces, "rules_only": a.rules_only,
                "selection": table,
                "report_after_selection": reports})
    json.dump(cfg, open(os.path.join(a.out, "config.json"), "w"), indent=1)
    print("chosen: epoch", ep, "decode_tau", t, "role_tau", rt, flush=True)


if __name__ == "__main__":
    main()
