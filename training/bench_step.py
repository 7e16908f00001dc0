"""Seconds per training step (forward + backward + AdamW) and per forward pass at batch x seq tokens.

    /usr/bin/python3 training/bench_step.py --encoder bert-base --layers 6 --batch 8 --seq 512 --steps 2
    /usr/bin/python3 training/bench_step.py --batch 16 --seq 384 --steps 3 --bf16 --attention-dropout 0
(READOUT_NO_TCMALLOC=1 in the environment: glibc's malloc, as before 2026-12-06.)
Weights are random (timing does not depend on them). The first step is reported separately (allocation warm-up).
"""
import argparse
import os
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--encoder", choices=["minilm", "bert-base"], default="minilm")
ap.add_argument("--layers", type=int, default=0)
ap.add_argument("--batch", type=int, default=8)
ap.add_argument("--seq", type=int, default=512)
ap.add_argument("--steps", type=int, default=2)
ap.add_argument("--coords", default="table")
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--skip-batch-forward", action="store_true")
ap.add_argument("--bf16", action="store_true", help="bfloat16 autocast (CPU)")
ap.add_argument("--attention-dropout", type=float, default=None, help="default: the hidden dropout (0.1)")
a = ap.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpu_threads  # noqa: E402
cpu_threads.limit(a.threads)
cpu_threads.fast_malloc()  # tcmalloc preloaded unless READOUT_NO_TCMALLOC=1 (to measure glibc's malloc)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from layout_model import LayoutTagger, encoder_config  # noqa: E402

torch.set_num_threads(a.threads)
torch.manual_seed(0)
cfg = encoder_config(a.encoder, a.layers, a.coords)
if a.attention_dropout is not None:
    cfg["attention_dropout"] = a.attention_dropout
m = LayoutTagger(cfg)
opt = torch.optim.AdamW(m.parameters(), lr=1e-5, foreach=True)
ids = torch.randint(1000, 30000, (a.batch, a.seq))
mask = torch.ones_like(ids)
bbox = torch.randint(0, 500, (a.batch, a.seq, 4)).cumsum(-1).clamp(max=1000)
labels = torch.randint(0, 7, (a.batch, a.seq))
times = []
for s in range(a.steps):
    t = time.time()
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.bf16):
        logits, lq, la = m(ids, mask, bbox)
        loss = F.cross_entropy(logits.float().reshape(-1, 7), labels.reshape(-1)) + (lq.float().mean() * la.float().mean())
    opt.zero_grad()
    loss.backward()
    opt.step()
    times.append(time.time() - t)
m.eval()
with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.bf16):
    fwd = float("nan")
    if not a.skip_batch_forward:
        t = time.time()
        m(ids, mask, bbox)
        fwd = time.time() - t
    t = time.time()
    m(ids[:1], mask[:1], bbox[:1])
    fwd1 = time.time() - t
steady = times[1:] or times
print(f"{a.encoder} {'bf16' if a.bf16 else 'fp32'} L{cfg['layers']} batch {a.batch}x{a.seq} threads {torch.get_num_threads()}: "
      f"params {sum(p.numel() for p in m.parameters()) / 1e6:.1f}M, train step first {times[0]:.1f}s, "
      f"steady {sum(steady) / len(steady):.1f}s; eval fwd {fwd:.1f}s ({a.batch}x{a.seq}), {fwd1 * 1000:.0f} ms (1x{a.seq})")
