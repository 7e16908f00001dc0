"""Learned reading order over the lines of a page (Readout issue 4), in the spirit of LayoutReader.

LayoutReader (Wang et al., 2021) feeds the words of a page in a heuristic order (left to right, top to bottom),
with their 2-D layout embeddings, to a layout-aware encoder and predicts the reading order. We keep that idea but
work on lines, take the XY-cut order (our Java baseline) as the input order, and predict the whole order in one
pass instead of decoding it autoregressively: a bilinear head scores, for every pair of lines (i, j), the logit
that i is read before j; lines are sorted by their expected number of successors, sum_j sigmoid(P[i, j]).

The features are computed identically by training (this file) and the Java runtime
(reader/src/main/java/dev/readout/reader/neural/OrderFeatures.java). See training/README.md, "Reading-order model".
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

GRID = 1000          # boxes are normalised to 0..1000 on both axes
H_BUCKETS = 32       # relative line height: clamp(round(8 * log2(h / median h)) + 16, 0, 31)
LEN_BUCKETS = 16     # text length: clamp(floor(2 * log2(len + 1)), 0, 15)
FLAG_VALUES = 32     # 5 text flags as bits, see text_flags()
RULE_PRIOR = 3.0    # initial weight of a vertical rule between two lines (a horizontal one: twice that)
N_FEATS = 5          # per line: height bucket, length bucket, flags, block start (0/1), XY-cut block index
# per-line role head: 0 other, 1 head furniture (running head), 2 foot furniture (page number, footer), 3 a band
# below the line (a newspaper's feuilleton); trained on the roles the synthetic generator records
ROLES = {"running-head": 1, "page-number": 2, "footer": 2, "feuilleton": 3}
N_ROLES = 4
ROLE_ORDER = (1, 0, 3, 2)   # decoding: head furniture, the rest, the band below the line, foot furniture


def text_flags(text):
    """Bit 0: ends with a hyphen; 1: ends with . : ! ?; 2: starts upper-case; 3: no letters; 4: starts with a digit."""
    t = text.strip()
    if not t:
        return 8
    f = 0
    if t[-1] in "-\u00ac\u2010\u2011":
        f |= 1
    if t[-1] in ".:!?":
        f |= 2
    if t[0].isupper():
        f |= 4
    if not any(c.isalpha() for c in t):
        f |= 8
    if t[0].isdigit():
        f |= 16
    return f


def features(width, height, boxes, texts, xy_order, xy_block):
    """Model inputs of one page, lines in XY-cut order.

    boxes: [x0, y0, x1, y1] in page pixels per line (any order); xy_order: line indices in XY-cut order;
    xy_block: per line, its XY-cut block number. Returns (grid boxes [n][4], feats [n][5]) in XY-cut order.
    """
    n = len(xy_order)
    hs = sorted(max(1e-3, b[3] - b[1]) for b in boxes)
    med = hs[len(hs) // 2] if hs else 1.0
    gb, ft = [], []
    prev_block = None
    for k in range(n):
        i = xy_order[k]
        x0, y0, x1, y1 = boxes[i]
        g = [grid(x0, width), grid(y0, height), grid(x1, width), grid(y1, height)]
        r = max(1e-3, y1 - y0) / med
        hb = min(H_BUCKETS - 1, max(0, int(round(8 * math.log2(r))) + 16))
        lb = min(LEN_BUCKETS - 1, max(0, int(math.floor(2 * math.log2(len(texts[i]) + 1)))))
        blk = xy_block[i]
        start = 1 if blk != prev_block else 0
        prev_block = blk
        gb.append(g)
        ft.append([hb, lb, text_flags(texts[i]), start, blk])
    return gb, ft


def rule_pairs(boxes, rules, order):
    """Pair features from the page's printed rules, lines in input ``order`` -> float tensor [n, n, 2]:
    [a, b, 0] = +1 when a horizontal rule (wider than tall) lies between the two lines' centres, a above it and b
    below, and overlaps both lines horizontally (-1 the other way round; 0 without such a rule); [a, b, 1] the same
    for a vertical rule, a left of it and b right of it, overlapping both vertically. Boxes and rules in page pixels
    ([x0, y0, x1, y1]); exactly as OrderFeatures.rulePairs in Java."""
    n = len(order)
    out = torch.zeros(n, n, 2)
    if n == 0 or not rules:
        return out
    b = torch.tensor([boxes[i] for i in order], dtype=torch.float64)
    cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    for r in rules:
        x0, y0, x1, y1 = (float(v) for v in r)
        if x1 - x0 >= y1 - y0:
            c = (y0 + y1) / 2
            ov = (torch.minimum(b[:, 2], torch.tensor(x1)) - torch.maximum(b[:, 0], torch.tensor(x0))) > 0
            first, second, k = (cy < c) & ov, (cy > c) & ov, 0
        else:
            c = (x0 + x1) / 2
            ov = (torch.minimum(b[:, 3], torch.tensor(y1)) - torch.maximum(b[:, 1], torch.tensor(y0))) > 0
            first, second, k = (cx < c) & ov, (cx > c) & ov, 1
        m = first.unsqueeze(1) & second.unsqueeze(0)
        out[..., k][m] = 1.0
        out[..., k][m.t()] = -1.0
    return out


def row_groups(page):
    """The pieces of one printed line, joined, exactly as NeuralReadingOrder.rowGroups in Java: runs of lines that
    follow each other in XY-cut order within one XY-cut block, on the same row (vertical overlap at least half the
    smaller height) and each starting right of where the previous one ends (less half that height). Our
    text-layer ingest cuts justified lines into such pieces at wide word gaps. Returns per unit, in XY-cut order,
    the gold indices of its pieces (XY-cut order inside)."""
    xy, blk = page["xycut"], page["xycut_block"]
    boxes = [ln["box"] for ln in page["lines"]]
    groups = []
    for k, i in enumerate(xy):
        if k > 0 and blk[i] == blk[xy[k - 1]]:
            a, b = boxes[xy[k - 1]], boxes[i]
            ov = min(a[3], b[3]) - max(a[1], b[1])
            min_h = min(a[3] - a[1], b[3] - b[1])
            if min_h > 0 and ov >= 0.5 * min_h and b[0] >= a[2] - 0.5 * min_h:
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def joined_page(page):
    """(a page whose lines are the units of ``row_groups``, in XY-cut order, each with the union box and the
    pieces' texts joined by spaces; the groups). The joined page's XY-cut order is its line order."""
    groups = row_groups(page)
    lines = []
    for g in groups:
        bs = [page["lines"][i]["box"] for i in g]
        lines.append({"text": " ".join(page["lines"][i].get("text", "") for i in g),
                      "box": [min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs)]})
    jp = {k: v for k, v in page.items() if k not in ("lines", "xycut", "xycut_block", "roles", "rule_pairs")}
    jp.update({"lines": lines, "xycut": list(range(len(groups))),
               "xycut_block": [page["xycut_block"][g[0]] for g in groups]})
    return jp, groups


def grid(v, size):
    return min(GRID, max(0, int(round(v / max(1, size) * GRID))))


def sinusoid(pos, dim):
    """Fixed sinusoidal encoding of integer positions [B, n] -> [B, n, dim] (works for any n)."""
    half = dim // 2
    freq = torch.exp(torch.arange(half, dtype=torch.float32) * (-math.log(10000.0) / half))
    ang = pos.unsqueeze(-1).float() * freq
    return torch.cat([torch.sin(ang), torch.cos(ang)], dim=-1)


class Block(nn.Module):
    """Pre-LayerNorm transformer block with an explicit additive attention mask (exports cleanly to ONNX)."""

    def __init__(self, d, heads, ffn, dropout):
        super().__init__()
        self.h = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.ff1 = nn.Linear(d, ffn)
        self.ff2 = nn.Linear(ffn, d)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias):
        b, n, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).reshape(b, n, 3, self.h, d // self.h).permute(2, 0, 3, 1, 4)
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d // self.h) + bias
        att = self.drop(torch.softmax(att, dim=-1))
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, n, d)
        x = x + self.drop(self.out(y))
        return x + self.drop(self.ff2(F.gelu(self.ff1(self.ln2(x)))))


class OrderModel(nn.Module):
    def __init__(self, d=128, layers=4, heads=4, ffn=512, dropout=0.1, pair_dim=64, roles=False, rules=False):
        super().__init__()
        self.d = d
        self.roles = roles
        self.rules = rules
        self.x_emb = nn.Embedding(GRID + 1, d)
        self.y_emb = nn.Embedding(GRID + 1, d)
        self.w_emb = nn.Embedding(GRID + 1, d)
        self.h_emb = nn.Embedding(GRID + 1, d)
        self.hb_emb = nn.Embedding(H_BUCKETS, d)
        self.len_emb = nn.Embedding(LEN_BUCKETS, d)
        self.flag_emb = nn.Embedding(FLAG_VALUES, d)
        self.start_emb = nn.Embedding(2, d)
        self.pos_proj = nn.Linear(2 * d, d)
        self.ln = nn.LayerNorm(d)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([Block(d, heads, ffn, dropout) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d)
        self.q = nn.Linear(d, pair_dim)
        self.k = nn.Linear(d, pair_dim)
        # pair features: XY-cut precedence sign(pos_j - pos_i), clipped (pos_j - pos_i) / 16, XY-cut neighbours
        # (pos_j - pos_i = 1, = -1), same XY-cut block,
        # and the geometry (dy0, dx0, dy1, dx1) on the grid / 1000; a small MLP turns them into a prior logit, so
        # that the model starts from the XY-cut order and learns where to depart from it
        # with ``rules``: two more pair features, a printed rule between the lines (rule_pairs), as a third input
        self.pair = nn.Sequential(nn.Linear(11 if rules else 9, 32), nn.GELU(), nn.Linear(32, 1))
        self.xy_prior = nn.Parameter(torch.tensor(3.0))    # start exactly at the XY-cut order
        if rules:
            # a printed rule between two lines: the line above (left of) it first, outweighing the XY-cut prior
            self.rule_prior = nn.Parameter(torch.tensor([2 * RULE_PRIOR, RULE_PRIOR]))
        if roles:
            self.role = nn.Sequential(nn.Linear(d, d), nn.GELU(), nn.Linear(d, N_ROLES))
        for lin in (self.q, self.k):
            nn.init.normal_(lin.weight, std=0.02)
            nn.init.zeros_(lin.bias)

    def forward(self, boxes, feats, mask, rules=None):
        """boxes [B, n, 4] int64 grid coordinates; feats [B, n, 5] int64; mask [B, n] float (1 = line); with the
        ``rules`` option rules [B, n, n, 2] float (rule_pairs).

        Returns [B, n, n] logits: P[b, i, j] > 0 means line i (input position) is read before line j; with the role
        head also [B, n, N_ROLES] role logits per line.
        """
        x0, y0, x1, y1 = boxes[..., 0], boxes[..., 1], boxes[..., 2], boxes[..., 3]
        w = (x1 - x0).clamp(0, GRID)
        h = (y1 - y0).clamp(0, GRID)
        n = boxes.shape[1]
        pos = torch.arange(n, device=boxes.device).unsqueeze(0).expand(boxes.shape[0], n)
        e = (self.x_emb(x0) + self.y_emb(y0) + self.x_emb(x1) + self.y_emb(y1) + self.w_emb(w) + self.h_emb(h)
             + self.hb_emb(feats[..., 0]) + self.len_emb(feats[..., 1]) + self.flag_emb(feats[..., 2])
             + self.start_emb(feats[..., 3])
             + self.pos_proj(torch.cat([sinusoid(pos, self.d), sinusoid(feats[..., 4], self.d)], dim=-1)))
        x = self.drop(self.ln(e))
        bias = ((1.0 - mask) * -1e4).unsqueeze(1).unsqueeze(1)
        for blk in self.blocks:
            x = blk(x, bias)
        x = self.ln_f(x)
        q = self.q(x)
        k = self.k(x)
        logits = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
        bf = boxes.float() / GRID
        pf = pos.float()
        dpos = pf.unsqueeze(1) - pf.unsqueeze(2)            # [B, i, j] = pos_j - pos_i
        blk = feats[..., 4]
        rel = torch.stack([torch.sign(dpos), (dpos / 16.0).clamp(-1.0, 1.0), (dpos == 1).float(), (dpos == -1).float(),
                           (blk.unsqueeze(2) == blk.unsqueeze(1)).float(),
                           bf[..., 1].unsqueeze(1) - bf[..., 1].unsqueeze(2),
                           bf[..., 0].unsqueeze(1) - bf[..., 0].unsqueeze(2),
                           bf[..., 3].unsqueeze(1) - bf[..., 3].unsqueeze(2),
                           bf[..., 2].unsqueeze(1) - bf[..., 2].unsqueeze(2)], dim=-1)
        if self.rules:
            rel = torch.cat([rel, rules], dim=-1)
        before = logits + self.pair(rel).squeeze(-1) + self.xy_prior * torch.sign(dpos)
        if self.rules:
            before = before + (rules * self.rule_prior).sum(-1)
        if self.roles:
            return before, self.role(x)
        return before


def furniture(role_logits, n, role_tau):
    """Per line (input position) its role class (1 head furniture, 2 foot furniture, 3 below the line) if that
    class's softmax probability exceeds ``role_tau`` (>= 0.5, so at most one), else 0. Computed in double precision
    from the float logits, exactly as NeuralReadingOrder.furniture in Java."""
    r = role_logits[:n].tolist()
    out = []
    for row in r:
        m = max(row)
        e = [math.exp(v - m) for v in row]
        z = sum(e)
        out.append(next((c for c in range(1, len(row)) if e[c] / z > role_tau), 0))
    return out


def decode_roles(logits, role_logits, n, tau, role_tau, order=None):
    """The pair decoding (``decode``), then lines moved by role where the conventions put them (ROLE_ORDER): head
    furniture first, then the other lines, then a band below the line, then foot furniture last; each group keeps
    its decoded order."""
    if order is None:
        order = decode(logits, n, tau)   # ``order``: this, computed already
    if role_tau is None:
        return order
    f = furniture(role_logits, n, role_tau)
    return [i for r in ROLE_ORDER for i in order if f[i] == r]


def decode(logits, n, tau=None):
    """Order (input positions, i.e. XY-cut ranks) from pair logits of one page [n, n].

    With ``tau`` (0.5 <= tau < 1) the XY-cut order is kept for every pair except where the model is confident that
    it is wrong: a pair the XY-cut reads i then j flips only when sigmoid(P[j, i]) > tau. Without it every pair
    goes the way the model prefers. Then:
    1. sort by wins minus losses over all pairs (ties: input position), a global order;
    2. odd-even transposition passes swapping neighbours that the pair decision orders the other way round, until
       no swap or n passes (fixes the local swaps a sum of many small errors causes).
    """
    p = torch.sigmoid(logits[:n, :n]).tolist()
    before = [[False] * n for _ in range(n)]      # before[i][j]: i is read before j
    for i in range(n):
        for j in range(i + 1, n):
            if tau is None:
                ij = p[i][j] - p[j][i] >= 0
            else:
                ij = not p[j][i] > tau
            before[i][j] = ij
            before[j][i] = not ij
    score = [0] * n
    for i in range(n):
        for j in range(n):
            if i != j and before[i][j]:
                score[i] += 1
    order = sorted(range(n), key=lambda i: (-score[i], i))
    for it in range(n):
        swapped = False
        for start in (0, 1):
            for k in range(start, n - 1, 2):
                a, b = order[k], order[k + 1]
                if before[b][a]:
                    order[k], order[k + 1] = b, a
                    swapped = True
        if not swapped:
            break
    return order
