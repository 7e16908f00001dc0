"""Cross-validated fine-tuning of the reading-order model on real ground truth (HRDoc documents, NZZ pages).

Three folds by document: each fold fine-tunes the synthetic-trained checkpoint on the real pages of the other two
folds (plus a sample of synthetic pages, so it keeps what it knew) and predicts the held-out fold's pages; every real
page is thus scored by a model that never saw it. The figures reported are these held-out ones. Then one model is
fine-tuned on all real pages and exported (its own figures on those pages would be training figures: not reported).

    /usr/bin/python3 training/finetune_order.py --init RUN/epoch1.pt --config RUN/config.json \
        --hrdoc DIR --nzz DIR --synth DIR --tau 0.95 --out MODEL_DIR
"""
import argparse
import json
import os
import random
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from order_model import OrderModel  # noqa: E402
from train_order import batches, collate, encode, evaluate, export, load, pair_loss  # noqa: E402


def group_of(name):
    """HRDoc: one group per document; NZZ: pages assigned round-robin (by file order) to the three folds."""
    return name


def folds(hrdoc, nzz):
    docs = {}
    for p in hrdoc:
        doc = p["name"].split("-", 1)[1].rsplit("_p", 1)[0]
        docs.setdefault(doc, []).append(p)
    doc_names = sorted(docs)
    out = [[], [], []]
    for i, d in enumerate(doc_names):
        out[i % 3].extend(("hrdoc", p) for p in docs[d])
    for i, p in enumerate(nzz):
        out[i % 3].append(("nzz", p))
    return out


def finetune(init, cfg, pages, synth, epochs, lr, rng):
    m = OrderModel(d=cfg["d"], layers=cfg["layers"], ffn=cfg["ffn"], roles=cfg.get("roles", False), rules=cfg.get("rules", False))
    m.load_state_dict(torch.load(init))
    opt = torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=0.01)
    data = pages + synth
    for ep in range(epochs):
        m.train()
        for g in batches(data, 600_000, True, rng):
            boxes, feats, mask, gold, _, rules = collate([encode(data[i], True, rng) for i in g])
            loss = pair_loss(m(boxes, feats, mask, rules), mask, gold)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
            opt.step()
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--init", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--hrdoc", required=True)
    ap.add_argument("--nzz", required=True)
    ap.add_argument("--synth", required=True)
    ap.add_argument("--synth-pages", type=int, default=200)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--tau", type=float, nargs="*", default=[0.8, 0.9, 0.95])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    cfg = json.load(open(a.config))
    hrdoc, nzz = load(a.hrdoc), load(a.nzz)
    for p, f in zip(hrdoc, sorted(os.listdir(a.hrdoc))):
        p["name"] = f
    synth = load(a.synth)
    rng.shuffle(synth)
    synth = synth[:a.synth_pages]
    fs = folds(hrdoc, nzz)
    t0 = time.time()
    held = {t: {"hrdoc": [], "nzz": []} for t in a.tau}
    base = {"hrdoc": [], "nzz": []}
    for k in range(3):
        train = [p for j in range(3) if j != k for _, p in fs[j]]
        m = finetune(a.init, cfg, train, synth, a.epochs, a.lr, rng)
        for kind in ("hrdoc", "nzz"):
            test = [p for s, p in fs[k] if s == kind]
            if not test:
                continue
            for t, r in zip(a.tau, evaluate(m, test, 600_000, list(a.tau))):
                held[t][kind].append((len(test), r))
        print(f"fold {k + 1}: trained on {len(train)} real pages, {time.time() - t0:.0f}s", flush=True)

    def mean(rows, key):
        n = sum(c for c, _ in rows)
        return sum(c * r[key] for c, r in rows) / n

    report = {}
    for t in a.tau:
        report[str(t)] = {kind: {"bleu": round(mean(held[t][kind], "bleu"), 4), "ard": round(mean(held[t][kind], "ard"), 3),
                                 "xycut_bleu": round(mean(held[t][kind], "xy_bleu"), 4), "xycut_ard": round(mean(held[t][kind], "xy_ard"), 3)}
                          for kind in ("hrdoc", "nzz")}
        print("held-out, tau", t, report[str(t)], flush=True)
    best_t = max(a.tau, key=lambda t: sum(report[str(t)][k]["bleu"] for k in ("hrdoc", "nzz")))
    final = finetune(a.init, cfg, hrdoc + nzz, synth, a.epochs, a.lr, rng)
    os.makedirs(a.out, exist_ok=True)
    export(final, os.path.join(a.out, "model.onnx"))
    cfg.update({"finetuned_on_real": True, "decode_tau": best_t, "cross_validation": report, "finetune_epochs": a.epochs,
                "finetune_lr": a.lr, "finetune_synth_pages": len(synth), "finetune_seconds": round(time.time() - t0)})
    json.dump(cfg, open(os.path.join(a.out, "config.json"), "w"), indent=1)
    print("exported, decode_tau", best_t, flush=True)


if __name__ == "__main__":
    main()
