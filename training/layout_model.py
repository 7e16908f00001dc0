"""LayoutLM-style token classifier + q->a linking head over a BERT encoder (plain PyTorch, HF BERT naming)."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

NUM_LABELS = 7


def parse_coords(spec):
    """'table' (LayoutLM: 1001 rows per axis), 'bucket:N' (N rows, index = coord*N // 1001),
    'fourier:F' (continuous: sin/cos of 2*pi*f*v for v = coord/1000, f = 2^k/2, k < F, then a linear map)."""
    if spec == "table":
        return ("table", 1001)
    kind, _, arg = spec.partition(":")
    if kind == "bucket":
        return ("bucket", int(arg))
    if kind == "fourier":
        return ("fourier", int(arg or 8))
    raise ValueError(f"unknown coordinate encoding {spec!r}")


class LayoutEmbedding(nn.Module):
    """Sum of embeddings of x0, y0, x1, y1, width, height (0..1000 grid). Zero-initialised, so a fresh model
    computes exactly the pretrained text encoder."""

    def __init__(self, hidden, spec):
        super().__init__()
        self.kind, self.n = parse_coords(spec)
        if self.kind in ("table", "bucket"):
            rows = self.n
            self.x_position_embeddings = nn.Embedding(rows, hidden)
            self.y_position_embeddings = nn.Embedding(rows, hidden)
            self.h_position_embeddings = nn.Embedding(rows, hidden)
            self.w_position_embeddings = nn.Embedding(rows, hidden)
            for e in (self.x_position_embeddings, self.y_position_embeddings,
                      self.h_position_embeddings, self.w_position_embeddings):
                nn.init.zeros_(e.weight)
        else:
            self.register_buffer("freqs", (2.0 ** torch.arange(self.n, dtype=torch.float32)) * (math.pi))
            self.proj = nn.Linear(6 * 2 * self.n, hidden)
            nn.init.zeros_(self.proj.weight)
            nn.init.zeros_(self.proj.bias)

    def forward(self, bbox):
        bbox = bbox.clamp(0, 1000)
        x0, y0, x1, y1 = bbox[..., 0], bbox[..., 1], bbox[..., 2], bbox[..., 3]
        w = (x1 - x0).clamp(0, 1000)
        h = (y1 - y0).clamp(0, 1000)
        if self.kind == "fourier":
            v = torch.stack([x0, y0, x1, y1, w, h], dim=-1).float() / 1000.0      # [B,S,6]
            ang = v.unsqueeze(-1) * self.freqs                                     # [B,S,6,F]
            feats = torch.cat([torch.sin(ang), torch.cos(ang)], dim=-1)            # [B,S,6,2F]
            return self.proj(feats.flatten(-2))
        if self.kind == "bucket":
            q = lambda t: torch.div(t * self.n, 1001, rounding_mode="trunc")  # = floor: t >= 0 (clamped)
            x0, y0, x1, y1, w, h = q(x0), q(y0), q(x1), q(y1), q(w), q(h)
        return (self.x_position_embeddings(x0) + self.y_position_embeddings(y0)
                + self.x_position_embeddings(x1) + self.y_position_embeddings(y1)
                + self.h_position_embeddings(h) + self.w_position_embeddings(w))


class Embeddings(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        H = cfg["hidden"]
        self.word_embeddings = nn.Embedding(cfg["vocab_size"], H)
        self.position_embeddings = nn.Embedding(cfg["max_position"], H)
        self.token_type_embeddings = nn.Embedding(2, H)
        self.layout = LayoutEmbedding(H, cfg["coords"])
        self.LayerNorm = nn.LayerNorm(H, eps=1e-12)
        self.dropout = nn.Dropout(cfg["dropout"])

    def forward(self, input_ids, bbox, token_type_ids=None):
        S = input_ids.shape[1]
        pos = torch.arange(S, device=input_ids.device).unsqueeze(0)
        tt = self.token_type_embeddings.weight[0] if token_type_ids is None else self.token_type_embeddings(token_type_ids)
        x = (self.word_embeddings(input_ids) + self.position_embeddings(pos)
             + tt + self.layout(bbox))
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self, H, heads, dropout):
        super().__init__()
        self.heads, self.dh = heads, H // heads
        self.query = nn.Linear(H, H)
        self.key = nn.Linear(H, H)
        self.value = nn.Linear(H, H)
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()  # the random S x S mask is costly on CPU

    def forward(self, x, mask_add):
        B, S, H = x.shape
        split = lambda t: t.view(B, S, self.heads, self.dh).transpose(1, 2)
        q = split(self.query(x) * (1.0 / math.sqrt(self.dh)))  # scale q (S x dh), not the S x S scores
        k, v = split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) + mask_add
        probs = self.dropout(torch.softmax(scores, dim=-1))
        return torch.matmul(probs, v).transpose(1, 2).reshape(B, S, H)


class DenseLN(nn.Module):
    def __init__(self, din, H, dropout):
        super().__init__()
        self.dense = nn.Linear(din, H)
        self.LayerNorm = nn.LayerNorm(H, eps=1e-12)
        self.dropout = nn.Dropout(dropout)

    def forward(self, h, residual):
        return self.LayerNorm(self.dropout(self.dense(h)) + residual)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.self = SelfAttention(cfg["hidden"], cfg["heads"], cfg.get("attention_dropout", cfg["dropout"]))
        self.output = DenseLN(cfg["hidden"], cfg["hidden"], cfg["dropout"])

    def forward(self, x, mask_add):
        return self.output(self.self(x, mask_add), x)


class Intermediate(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.dense = nn.Linear(cfg["hidden"], cfg["intermediate"])

    def forward(self, x):
        return F.gelu(self.dense(x))  # exact (erf) GELU, as BERT


class Layer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.attention = Attention(cfg)
        self.intermediate = Intermediate(cfg)
        self.output = DenseLN(cfg["intermediate"], cfg["hidden"], cfg["dropout"])

    def forward(self, x, mask_add):
        a = self.attention(x, mask_add)
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layer = nn.ModuleList([Layer(cfg) for _ in range(cfg["layers"])])

    def forward(self, x, mask_add):
        for layer in self.layer:
            x = layer(x, mask_add)
        return x


class LayoutTagger(nn.Module):
    """Outputs: logits [B,S,7]; link_q, link_a [B,S,D]. Pair score (Java): dot(mean_q, mean_a)/sqrt(D) + link_bias."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = dict(cfg)
        self.embeddings = Embeddings(cfg)
        self.encoder = Encoder(cfg)
        self.head_dropout = nn.Dropout(cfg.get("head_dropout", cfg["dropout"]))
        H, D = cfg["hidden"], cfg["link_dim"]
        self.classifier = nn.Linear(H, NUM_LABELS)
        self.link_q = nn.Linear(H, D)
        self.link_a = nn.Linear(H, D)
        self.link_bias = nn.Parameter(torch.tensor(-3.0))
        for lin in (self.classifier, self.link_q, self.link_a):
            nn.init.normal_(lin.weight, std=0.02)
            nn.init.zeros_(lin.bias)

    def forward(self, input_ids, attention_mask, bbox, token_type_ids=None):
        """token_type_ids: per token 1 for a word in capitals (models with cfg["case_types"]), else None."""
        mask_add = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * -10000.0
        h = self.encoder(self.embeddings(input_ids, bbox, token_type_ids), mask_add)
        h = self.head_dropout(h)
        return self.classifier(h), self.link_q(h), self.link_a(h)

    def new_parameter_names(self):
        """Parameters that are not pretrained (layout embeddings and heads): trained with their own lr."""
        return [n for n, _ in self.named_parameters()
                if n.startswith(("embeddings.layout.", "classifier.", "link_"))]


def encoder_config(encoder, layers, coords, link_dim=128, dropout=0.1):
    if encoder == "minilm":
        base = dict(vocab_size=30522, hidden=384, heads=12, intermediate=1536, max_position=512, max_layers=6)
    elif encoder == "bert-base":
        base = dict(vocab_size=30522, hidden=768, heads=12, intermediate=3072, max_position=512, max_layers=12)
    else:
        raise ValueError(encoder)
    layers = layers or base["max_layers"]
    if not 1 <= layers <= base["max_layers"]:
        raise ValueError(f"{encoder} has {base['max_layers']} layers; asked for {layers}")
    cfg = dict(base, layers=layers, coords=coords, link_dim=link_dim, dropout=dropout, encoder=encoder)
    cfg.pop("max_layers")
    return cfg
