"""Trains the learned reading-order model (order_model.py) and exports it to ONNX.

Input: folders of training pages written by `readout make-reading-order-data --from ... --out DIR` (format
readout-order-train/1: lines in gold order + the XY-cut order of the same lines). One command reproduces the
shipped model from scratch, data generation included: training/make_order_model.sh.

    /usr/bin/python3 training/train_order.py --train runs/ro/train --val runs/ro/val \
        --report runs/ro/hrdoc runs/ro/nzz --epochs 12 --out models/reading-order-lines

Model selection: BLEU-4 on the synthetic validation pages only. The --report folders (real ground truth) are
scored after every epoch for information and never influence training or selection.
"""
import argparse
import glob
import json
import math
import os
import random
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from order_model import OrderModel, ROLES, decode_roles, features, joined_page, rule_pairs, N_FEATS  # noqa: E402

MAX_LINES = 1024


def load(folder):
    pages = []
    gen = gen_folder(folder)
    for f in sorted(glob.glob(os.path.join(folder, "*.json"))):
        d = json.load(open(f))
        n = len(d["lines"])
        if n < 2 or n > MAX_LINES or len(d["xycut"]) != n:
            continue
        if gen:
            d["roles"] = roles_of(d, os.path.join(gen, d["name"] + ".json"))
        pages.append(d)
    return pages


def gen_folder(folder):
    """The generated pages a converted synthetic folder came from: RUNS/train and RUNS/train-lines come from
    RUNS/gen-train (make_order_model.sh's layout); None for real pages (no roles)."""
    base = os.path.basename(os.path.normpath(folder))
    for suffix in ("-lines", "-mixed"):
        if base.endswith(suffix):
            base = base[:-len(suffix)]
    g = os.path.join(os.path.dirname(os.path.normpath(folder)), "gen-" + base)
    return g if os.path.isdir(g) else None


def roles_of(page, gen_file):
    """Per line of a converted page (gold order), its role class (order_model.ROLES, 0 = other), read from the
    generator's page: one entry per line piece (--from synth) or per generated line (--from synth-lines). Lines
    of pages converted from the validation 'mixed' folder are named L... for whole lines. None if they do not match."""
    if not os.path.exists(gen_file):
        return None
    g = json.load(open(gen_file))["lines"]
    n = len(page["lines"])
    if len(g) == n:
        return [ROLES.get(ln.get("role"), 0) for ln in g]
    merged, seen = [], set()
    for ln in g:
        if ln["gen"] not in seen:
            seen.add(ln["gen"])
            merged.append(ROLES.get(ln.get("role"), 0))
    return merged if len(merged) == n else None


def rotate(page, deg, sx, sy):
    """Boxes of a page seen through a small rotation about its centre and an anisotropic scale (scan augmentation)."""
    w, h = page["width"], page["height"]
    cx, cy = w / 2, h / 2
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    out = []
    for ln in page["lines"]:
        x0, y0, x1, y1 = ln["box"]
        xs, ys = [], []
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            dx, dy = x - cx, y - cy
            xs.append(cx + (c * dx - s * dy) * sx)
            ys.append(cy + (s * dx + c * dy) * sy)
        out.append([min(xs), min(ys), max(xs), max(ys)])
    return out


def encode(page, augment=False, rng=None):
    boxes = [ln["box"] for ln in page["lines"]]
    if augment and rng.random() < 0.5:
        boxes = rotate(page, rng.uniform(-1.5, 1.5), rng.uniform(0.9, 1.1), rng.uniform(0.9, 1.1))
    texts = [ln.get("text", "") for ln in page["lines"]]
    gb, ft = features(page["width"], page["height"], boxes, texts, page["xycut"], page["xycut_block"])
    gold_pos = page["xycut"]  # input position k holds gold line xycut[k]; its gold position is that index
    r = page.get("roles")
    role = [r[i] for i in page["xycut"]] if r else [-100] * len(gold_pos)
    if "rule_pairs" not in page:   # from the unaugmented boxes, once (int8 to keep thousands of pages in memory)
        page["rule_pairs"] = rule_pairs([ln["box"] for ln in page["lines"]], page.get("rules", []),
                                        page["xycut"]).to(torch.int8)
    return gb, ft, gold_pos, role, page["rule_pairs"]


def batches(pages, budget, shuffle, rng):
    order = sorted(range(len(pages)), key=lambda i: len(pages[i]["lines"]))
    groups, cur, cur_max = [], [], 0
    for i in order:
        n = len(pages[i]["lines"])
        if cur and max(cur_max, n) ** 2 * (len(cur) + 1) > budget:
            groups.append(cur)
            cur, cur_max = [], 0
        cur.append(i)
        cur_max = max(cur_max, n)
    if cur:
        groups.append(cur)
    if shuffle:
        rng.shuffle(groups)
    return groups


def collate(encoded):
    n = max(len(e[0]) for e in encoded)
    b = len(encoded)
    boxes = torch.zeros(b, n, 4, dtype=torch.long)
    feats = torch.zeros(b, n, N_FEATS, dtype=torch.long)
    mask = torch.zeros(b, n)
    gold = torch.full((b, n), 10 ** 6, dtype=torch.long)
    role = torch.full((b, n), -100, dtype=torch.long)
    rules = torch.zeros(b, n, n, 2)
    for k, (gb, ft, gp, rl, rp) in enumerate(encoded):
        m = len(gb)
        rules[k, :m, :m] = rp.float()
        boxes[k, :m] = torch.tensor(gb)
        feats[k, :m] = torch.tensor(ft)
        mask[k, :m] = 1
        gold[k, :m] = torch.tensor(gp)
        role[k, :m] = torch.tensor(rl)
    return boxes, feats, mask, gold, role, rules


def pair_loss(logits, mask, gold, xy_wrong_weight=1.0):
    """Binary cross-entropy of "i is read before j" over all pairs, pairs close in the gold order weighted up
    (weight 1 + 4 / |gold_i - gold_j|): local order is what BLEU and the reader see, far pairs are easy.
    Pairs that the XY-cut order (the input order) gets wrong are weighted by ``xy_wrong_weight`` more: they are the
    few the model exists for, and without the extra weight it learns to defer to the XY-cut prior."""
    target = (gold.unsqueeze(2) < gold.unsqueeze(1)).float()
    valid = mask.unsqueeze(2) * mask.unsqueeze(1) * (1 - torch.eye(mask.shape[1])).unsqueeze(0)
    dist = (gold.unsqueeze(2) - gold.unsqueeze(1)).abs().clamp(min=1).float()
    weight = valid * (1 + 4.0 / dist)
    if xy_wrong_weight != 1.0:
        n = mask.shape[1]
        xy_before = torch.triu(torch.ones(n, n), diagonal=1).unsqueeze(0)   # input (XY-cut) order: i before j iff i < j
        wrong = (xy_before != target).float() * valid
        weight = weight * (1 + (xy_wrong_weight - 1) * wrong)
    loss = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    return (loss * weight).sum() / weight.sum()


# --- metrics, as defined by the Java evaluation (eval/.../OrderMetrics.java) ---
def bleu(pred, gold):
    n = len(gold)
    if n == 0:
        return 0.0
    big_n = min(4, n)
    logp = 0.0
    for k in range(1, big_n + 1):
        ref = {}
        for i in range(len(gold) - k + 1):
            g = tuple(gold[i:i + k])
            ref[g] = ref.get(g, 0) + 1
        cand = {}
        for i in range(len(pred) - k + 1):
            g = tuple(pred[i:i + k])
            cand[g] = cand.get(g, 0) + 1
        match = sum(min(c, ref.get(g, 0)) for g, c in cand.items())
        total = max(1, len(pred) - k + 1)
        if match == 0:
            return 0.0
        logp += math.log(match / total) / big_n
    return math.exp(logp)


def ard(pred, gold):
    pos = {u: i for i, u in enumerate(pred)}
    n = len(gold)
    return sum(abs(k - pos[u]) if u in pos else n for k, u in enumerate(gold)) / n


def kendall(pred, gold):
    n = len(gold)
    if n < 2:
        return 1.0
    pos = {u: i for i, u in enumerate(pred)}
    p = [pos[u] for u in gold]
    conc = 0
    for i in range(n):
        pi = p[i]
        for j in range(i + 1, n):
            conc += 1 if p[j] > pi else -1
    return conc / (n * (n - 1) / 2)


def evaluate(model, pages, budget, tau=None, role_tau=None, join=False, rules_only=False):
    """Mean BLEU-4, ARD and Kendall's tau of the model on training-format pages (and of XY-cut, for reference).
    ``tau`` may be one decoding threshold (or None) or a list of them; a list gives one result per threshold.
    With ``join`` the model orders the pages' joined line pieces (order_model.row_groups), as the Java runtime
    does for a model whose config.json says "join_pieces": true, and each unit expands to its pieces. With
    ``rules_only`` pages without printed rules keep the XY-cut order ("rules_only": true in config.json)."""
    if join:
        pairs_ = [joined_page(p) for p in pages]
        expand = {id(jp): (p, g) for (jp, g), p in zip(pairs_, pages)}
        pages = [jp for jp, _ in pairs_]
    else:
        expand = {}
    taus = tau if isinstance(tau, list) else [tau]
    if isinstance(tau, list):
        pairs = [(t, role_tau[k] if isinstance(role_tau, list) else role_tau) for k, t in enumerate(taus)]
    else:
        pairs = [(tau, role_tau)]
    model.eval()
    tots = [{"bleu": 0.0, "ard": 0.0, "tau": 0.0, "xy_bleu": 0.0, "xy_ard": 0.0} for _ in taus]
    with torch.no_grad():
        for g in batches(pages, budget, False, None):
            enc = [encode(pages[i]) for i in g]
            boxes, feats, mask, gold, _, rules = collate(enc)
            out = model(boxes, feats, mask, rules)
            logits, roles = out if isinstance(out, tuple) else (out, None)
            for k, i in enumerate(g):
                n = len(enc[k][0])
                xy = pages[i]["xycut"]
                ref = list(range(n))
                decoded = {}
                for (t, rt), tot in zip(pairs, tots):
                    if t not in decoded:
                        decoded[t] = decode_roles(logits[k], None, n, t, None)
                    order = decode_roles(logits[k], None if roles is None else roles[k], n, t,
                                         None if roles is None else rt, decoded[t])
                    if rules_only and not pages[i].get("rules"):
                        order = list(range(n))
                    pred = [xy[j] for j in order]      # gold indices in predicted order
                    xy_ref = xy
                    if expand:
                        orig, groups = expand[id(pages[i])]
                        pred = [gi for u in pred for gi in groups[u]]
                        xy_ref = orig["xycut"]
                        ref = list(range(len(xy_ref)))
                    tot["bleu"] += bleu(pred, ref)
                    tot["ard"] += ard(pred, ref)
                    tot["tau"] += kendall(pred, ref) if len(ref) <= 400 else 0.0
                    tot["xy_bleu"] += bleu(xy_ref, ref)
                    tot["xy_ard"] += ard(xy_ref, ref)
    res = [{k: v / max(1, len(pages)) for k, v in tot.items()} for tot in tots]
    return res if isinstance(tau, list) else res[0]


def export(model, path):
    model.eval()
    n = 37
    boxes = torch.randint(0, 1000, (1, n, 4))
    boxes[..., 2] = torch.maximum(boxes[..., 0], boxes[..., 2])
    boxes[..., 3] = torch.maximum(boxes[..., 1], boxes[..., 3])
    feats = torch.zeros(1, n, N_FEATS, dtype=torch.long)
    mask = torch.ones(1, n)
    axes = {"boxes": {0: "batch", 1: "lines"}, "feats": {0: "batch", 1: "lines"},
            "mask": {0: "batch", 1: "lines"}, "before": {0: "batch", 1: "lines", 2: "lines2"}}
    args, names = (boxes, feats, mask), ["boxes", "feats", "mask"]
    if getattr(model, "rules", False):
        args, names = args + (torch.randint(-1, 2, (1, n, n, 2)).float(),), names + ["rules"]
        axes["rules"] = {0: "batch", 1: "lines", 2: "lines2"}
    outs = ["before"]
    if getattr(model, "roles", False):
        outs.append("role")
        axes["role"] = {0: "batch", 1: "lines"}
    torch.onnx.export(model, args, path, opset_version=14,
                      input_names=names, output_names=outs, dynamic_axes=axes)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True, nargs="+")
    ap.add_argument("--val", required=True)
    ap.add_argument("--report", nargs="*", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--d", type=int, default=128)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--budget", type=int, default=600_000, help="max lines^2 x pages per batch")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--xy-wrong-weight", type=float, default=1.0,
                    help="loss weight multiplier of the pairs the XY-cut order gets wrong")
    ap.add_argument("--roles", action="store_true", help="add the per-line role head (page furniture)")
    ap.add_argument("--role-weight", type=float, default=1.0, help="weight of the role cross-entropy in the loss")
    ap.add_argument("--role-class-weight", type=float, default=1.0,
                    help="cross-entropy weight of the role classes other than 'other' (they are rare)")
    ap.add_argument("--rules", action="store_true",
                    help="printed rules between two lines as pair features (a third model input, rule_pairs)")
    ap.add_argument("--init", help="start from this checkpoint (state dict .pt) instead of the XY-cut-prior init")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    train = [p for f in args.train for p in load(f)]
    if args.limit:
        train = train[:args.limit]
    val = load(args.val)
    reports = {os.path.basename(os.path.normpath(f)): load(f) for f in args.report}
    print(f"train {len(train)} pages, val {len(val)}, report {[(k, len(v)) for k, v in reports.items()]}", flush=True)
    model = OrderModel(d=args.d, layers=args.layers, ffn=4 * args.d, roles=args.roles, rules=args.rules)
    if args.init:
        model.load_state_dict(torch.load(args.init), strict=False)
    if args.roles:
        known = sum(1 for p in train if p.get("roles"))
        print(f"pages with roles {known} of {len(train)}", flush=True)
    params = sum(p.numel() for p in model.parameters())
    print(f"parameters {params:,}", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * len(batches(train, args.budget, False, None))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / max(1, 0.05 * steps)) * max(0.02, 1 - s / max(1, steps)))
    os.makedirs(args.out, exist_ok=True)
    best, history, t_start = -1.0, [], time.time()
    for ep in range(1, args.epochs + 1):
        model.train()
        t0, tot, nb = time.time(), 0.0, 0
        for g in batches(train, args.budget, True, rng):
            boxes, feats, mask, gold, role, rules = collate([encode(train[i], True, rng) for i in g])
            out = model(boxes, feats, mask, rules)
            if args.roles:
                loss = pair_loss(out[0], mask, gold, args.xy_wrong_weight)
                if (role >= 0).any():
                    cw = torch.full((out[1].shape[-1],), args.role_class_weight)
                    cw[0] = 1.0
                    loss = loss + args.role_weight * F.cross_entropy(out[1].reshape(-1, out[1].shape[-1]),
                                                                     role.reshape(-1), weight=cw, ignore_index=-100)
            else:
                loss = pair_loss(out, mask, gold, args.xy_wrong_weight)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot += float(loss)
            nb += 1
        rt = 0.5 if args.roles else None
        v = evaluate(model, val, args.budget, 0.95, rt)
        rep = {k: evaluate(model, p, args.budget, 0.95, rt) for k, p in reports.items()}
        row = {"epoch": ep, "loss": tot / nb, "val": v, "report": rep, "seconds": time.time() - t0}
        history.append(row)
        print(f"epoch {ep} loss {tot / nb:.4f} val BLEU {v['bleu']:.4f} ARD {v['ard']:.2f} "
              f"(xycut {v['xy_bleu']:.4f}/{v['xy_ard']:.2f}) | "
              + " | ".join(f"{k} {r['bleu']:.4f}/{r['ard']:.2f} (xycut {r['xy_bleu']:.4f}/{r['xy_ard']:.2f})"
                           for k, r in rep.items())
              + f" | {time.time() - t0:.0f}s", flush=True)
        torch.save(model.state_dict(), os.path.join(args.out, f"epoch{ep}.pt"))
        if v["bleu"] > best:
            best = v["bleu"]
            torch.save(model.state_dict(), os.path.join(args.out, "best.pt"))
    model.load_state_dict(torch.load(os.path.join(args.out, "best.pt")))
    export(model, os.path.join(args.out, "model.onnx"))
    os.remove(os.path.join(args.out, "best.pt"))
    best_ep = max(history, key=lambda r: r["val"]["bleu"])
    cfg = {"format": "readout-reading-order/1", "architecture": "order_model.OrderModel", "d": args.d,
           "layers": args.layers, "heads": 4, "roles": args.roles, "rules": args.rules, "ffn": 4 * args.d, "parameters": params,
           "inputs": {"boxes": "[B,n,4] int64 x0,y0,x1,y1 on the 0-1000 grid, lines in XY-cut order",
                      "feats": "[B,n,5] int64 height bucket, length bucket, text flags, block start, XY-cut block",
                      "mask": "[B,n] float 1 = line"},
           "output": "before [B,n,n]: logit that line i is read before line j",
           "max_lines": MAX_LINES, "epochs": args.epochs, "best_epoch": best_ep["epoch"], "lr": args.lr,
           "seed": args.seed, "xy_wrong_weight": args.xy_wrong_weight, "init": args.init,
           "role_weight": args.role_weight, "role_class_weight": args.role_class_weight, "train_pages": len(train), "val_pages": len(val),
           "training_seconds": round(time.time() - t_start), "history": history}
    json.dump(cfg, open(os.path.join(args.out, "config.json"), "w"), indent=1)
    print("best epoch", best_ep["epoch"], json.dumps(best_ep), flush=True)


if __name__ == "__main__":
    main()
