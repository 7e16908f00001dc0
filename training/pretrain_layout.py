"""Masked visual-language pre-training (LayoutLM's MVLM) of the layout encoder on unlabelled pages.

Word pieces are masked (15 %: 80 % [MASK], 10 % a random piece, 10 % kept) while every token keeps its 2-D box, and
the encoder predicts the masked pieces from their context and position on the page. This is how LayoutLM gives its
2-D position embeddings a meaning before fine-tuning; here the pages are the few we have with real geometry:

- FUNSD training forms (the layout model's 119 training forms only: its 30 validation forms are left out) —
  words only, no labels;
- SROIE receipts (line boxes + text of ``box/*.csv``; a line's box is split among its words by character count);
- HRDoc pages (line boxes + text, split the same way);
- NZZ newspaper pages (PAGE-XML words with their polygons);
- optionally (``--docvqa``) the DocVQA OCR text laid out in lines as the QA model does (no real geometry: the
  text of the industry documents FUNSD comes from).

Every page is turned into the fine-tuning input (segment boxes, geometric order, 512-token windows) by
funsd_data.py, so the encoder sees the boxes it will see later. The output is a checkpoint of the LayoutTagger
weights (encoder, word/position/layout embeddings; the heads stay fresh) that ``train_layout.py --init-pt`` starts
from.

    /usr/bin/python3 training/pretrain_layout.py --minutes 20 --out training/runs/mvlm/pretrained.pt
"""
import argparse
import glob
import json
import math
import os
import random
import re
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = "/work/shared/datasets"


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", default=SHARED)
    ap.add_argument("--docvqa", action="store_true", help="also the DocVQA OCR text, laid out in lines")
    ap.add_argument("--minutes", type=float, default=20.0, help="training time budget")
    ap.add_argument("--max-epochs", type=int, default=100)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--lr-new", type=float, default=1e-3, help="layout embeddings and the MLM transform")
    ap.add_argument("--mask", type=float, default=0.15)
    ap.add_argument("--coords", default="bucket:128")
    ap.add_argument("--seg-gap", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--val-forms", type=int, default=30, help="FUNSD forms held out (the layout model's split)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="smoke test: N pages per source")
    ap.add_argument("--out", required=True)
    return ap.parse_args(argv)


ARGS = parse_args() if __name__ == "__main__" else None
if ARGS is not None:
    sys.path.insert(0, HERE)
    import cpu_threads  # noqa: E402
    cpu_threads.limit(ARGS.threads)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, HERE)
import funsd_data as fd  # noqa: E402
import pretrained  # noqa: E402
import qa_data  # noqa: E402
from layout_model import LayoutTagger, encoder_config  # noqa: E402
from train_layout import collate, length_sorted_batches  # noqa: E402
from wordpiece import WordPiece  # noqa: E402


# ------------------------------------------------------------------------------------------------------------ pages
def image_size(path):
    """(width, height) of a PNG (IHDR) or JPEG (first SOFn marker), by content: HRDoc's .jpg files are PNGs."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return fd.png_size(path)
    if data[:2] != b"\xff\xd8":
        raise ValueError(f"not a JPEG: {path}")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        seg = struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + seg
    raise ValueError(f"no SOF marker: {path}")


def split_line(text, box):
    """Words of a line with boxes cut from the line box in proportion to their characters (spaces count one)."""
    words = text.split()
    if not words:
        return []
    x0, y0, x1, y1 = box
    total = len(" ".join(words))
    out, col = [], 0
    for w in words:
        a = x0 + (x1 - x0) * col / total
        b = x0 + (x1 - x0) * (col + len(w)) / total
        out.append((w, (int(a), y0, max(int(a) + 1, int(b)), y1)))
        col += len(w) + 1
    return out


def funsd_pages(root, val_forms, seed):
    data = os.path.join(root, "funsd", "training_data")
    names = sorted(f for f in os.listdir(os.path.join(data, "annotations")) if f.endswith(".json"))
    shuffled = names[:]
    random.Random(seed).shuffle(shuffled)
    val = set(shuffled[:val_forms])  # the same split as funsd_data.load_split
    for n in sorted(set(names) - val):
        with open(os.path.join(data, "annotations", n), encoding="utf-8") as f:
            form = json.load(f)["form"]
        size = fd.png_size(os.path.join(data, "images", n[:-5] + ".png"))
        words = []
        for ent in form:
            for w in ent.get("words", []):
                if w["text"].strip():
                    x0, y0, x1, y1 = w["box"]
                    words.append((w["text"], (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))
        yield "funsd/" + n, words, size


def sroie_pages(root):
    d = os.path.join(root, "sroie")
    for path in sorted(glob.glob(os.path.join(d, "box", "*.csv"))):
        name = os.path.splitext(os.path.basename(path))[0]
        size = image_size(os.path.join(d, "img", name + ".jpg"))
        words = []
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.rstrip("\n").split(",", 8)
                if len(parts) < 9:
                    continue
                xs, ys = [int(v) for v in parts[0:8:2]], [int(v) for v in parts[1:8:2]]
                words += split_line(parts[8], (min(xs), min(ys), max(xs), max(ys)))
        yield "sroie/" + name, words, size


def hrdoc_pages(root):
    for path in sorted(glob.glob(os.path.join(root, "hrdoc_reading_order", "*", "*.json"))):
        doc = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            lines = json.load(f)
        by_page = {}
        for ln in lines:
            by_page.setdefault(ln["page"], []).append(ln)
        for page, lns in sorted(by_page.items()):
            img = os.path.join(os.path.dirname(path), doc, f"{doc}_{page}.jpg")
            if not os.path.exists(img):
                continue
            words = [w for ln in lns for w in split_line(ln["text"], ln["box"])]
            yield f"hrdoc/{doc}/{page}", words, image_size(img)


def nzz_pages(root):
    for path in sorted(glob.glob(os.path.join(root, "nzz_newspaper_gt", "xml", "*", "*.xml"))):
        xml = open(path, encoding="utf-8").read()
        m = re.search(r'imageWidth="(\d+)" imageHeight="(\d+)"', xml)
        words = []
        for wm in re.finditer(r"<Word\b.*?<Coords points=\"([^\"]+)\".*?<Unicode>(.*?)</Unicode>", xml, re.S):
            pts = [tuple(int(v) for v in p.split(",")) for p in wm.group(1).split()]
            text = re.sub(r"&amp;", "&", wm.group(2)).strip()
            if text:
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                words.append((text, (min(xs), min(ys), max(xs), max(ys))))
        yield "nzz/" + os.path.basename(path), words, (int(m.group(1)), int(m.group(2)))


def docvqa_pages(root):
    with open(os.path.join(root, "docvqa_val_ocr_qa", "docvqa_val_squad_format.shared.json"), encoding="utf-8") as f:
        docs = json.load(f)
    for i, d in enumerate(docs):
        words, size = qa_data.text_page(d["context"])
        yield f"docvqa/{i}", words, size


def as_form(name, words, size, tok, seg_gap):
    """An unlabelled page as a funsd_data.Form: segment boxes, geometric order (segments top to bottom)."""
    pix = [b for _, b in words]
    _, seg_of, _, segments = fd.group_lines(pix, gap=seg_gap)
    seg_box = {si: fd.union_box([pix[i] for i in seg]) for si, seg in enumerate(segments)}
    out = []
    for seg in segments:
        for i in seg:
            sb = fd.normalize_box(seg_box[seg_of[i]], *size)
            out.append(dict(text=words[i][0], tokens=tok.encode_word(words[i][0]), model_box=sb, label="O",
                            entity=-1))
    return fd.Form(name, out, {}, set())


# ------------------------------------------------------------------------------------------------------------ model
class MlmHead(nn.Module):
    """BERT's MLM head: dense + GELU + LayerNorm, then the word embedding matrix (tied) + a bias."""

    def __init__(self, hidden, vocab):
        super().__init__()
        self.dense = nn.Linear(hidden, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=1e-12)
        self.bias = nn.Parameter(torch.zeros(vocab))

    def forward(self, h, emb):
        return F.layer_norm(F.gelu(self.dense(h)), h.shape[-1:], self.LayerNorm.weight, self.LayerNorm.bias,
                            1e-12) @ emb.T + self.bias


def encode(model, ids, mask, bbox):
    mask_add = (1.0 - mask[:, None, None, :].to(torch.float32)) * -10000.0
    return model.encoder(model.embeddings(ids, bbox), mask_add)


def mask_batch(ids, mask, tok, rate, gen, vocab_size):
    special = (ids == tok.cls_id) | (ids == tok.sep_id) | (mask == 0)
    pick = (torch.rand(ids.shape, generator=gen) < rate) & ~special
    r = torch.rand(ids.shape, generator=gen)
    inp = ids.clone()
    inp[pick & (r < 0.8)] = tok.vocab["[MASK]"]
    rnd = pick & (r >= 0.8) & (r < 0.9)
    inp[rnd] = torch.randint(1000, vocab_size, ids.shape, generator=gen)[rnd]
    return inp, pick


def main(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    tok = WordPiece(pretrained.vocab_path("minilm"), lower_case=True)
    fd.set_special_ids(tok.cls_id, tok.sep_id)
    sources = [("funsd", funsd_pages(args.datasets, args.val_forms, args.seed)), ("sroie", sroie_pages(args.datasets)),
               ("hrdoc", hrdoc_pages(args.datasets)), ("nzz", nzz_pages(args.datasets))]
    if args.docvqa:
        sources.append(("docvqa", docvqa_pages(args.datasets)))
    forms, counts = [], {}
    for src, pages in sources:
        for k, (name, words, size) in enumerate(pages):
            if args.limit and k >= args.limit:
                break
            if words:
                forms.append(as_form(name, words, size, tok, args.seg_gap))
                c = counts.setdefault(src, [0, 0])
                c[0] += 1
                c[1] += len(words)
    windows = [w for f in forms for w in fd.make_windows(f, tok, 512, 128)]
    n_tok = sum(len(w) for w in windows)
    cfg = encoder_config("minilm", 6, args.coords)
    model = LayoutTagger(cfg)
    pretrained.load_pretrained(model, "minilm", 6)
    head = MlmHead(cfg["hidden"], cfg["vocab_size"])
    print(json.dumps(dict(event="start", pages={k: v[0] for k, v in counts.items()},
                          words={k: v[1] for k, v in counts.items()}, windows=len(windows), tokens=n_tok)), flush=True)
    new = [p for n, p in model.named_parameters() if n.startswith("embeddings.layout.")] + list(head.parameters())
    enc = [p for n, p in model.named_parameters()
           if not n.startswith(("embeddings.layout.", "classifier.", "link_"))]
    opt = torch.optim.AdamW([dict(params=enc, lr=args.lr), dict(params=new, lr=args.lr_new)], weight_decay=0.01)
    budget = args.minutes * 60
    t0 = time.time()
    step, epoch = 0, 0
    history = []
    while epoch < args.max_epochs and time.time() - t0 < budget:
        epoch += 1
        model.train()
        batches = length_sorted_batches(windows, args.batch_size, rng)
        tot, nb, hit, cnt = 0.0, 0, 0, 0
        for batch in batches:
            frac = min(1.0, (time.time() - t0) / budget)
            scale = min(1.0, (step + 1) / 50) * max(0.05, 1.0 - frac)  # warm-up, then linear decay over the budget
            for g, base in zip(opt.param_groups, (args.lr, args.lr_new)):
                g["lr"] = base * scale
            ids, mask, bbox, _ = collate(batch, tok.pad_id)
            inp, pick = mask_batch(ids, mask, tok, args.mask, gen, cfg["vocab_size"])
            h = encode(model, inp, mask, bbox)[pick]
            logits = head(h, model.embeddings.word_embeddings.weight)
            loss = F.cross_entropy(logits, ids[pick])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(model.parameters()) + list(head.parameters()), 1.0)
            opt.step()
            step += 1
            nb += 1
            tot += float(loss)
            hit += int((logits.argmax(-1) == ids[pick]).sum())
            cnt += int(pick.sum())
            if time.time() - t0 >= budget:
                break
        history.append(dict(epoch=epoch, loss=round(tot / max(nb, 1), 4), acc=round(hit / max(cnt, 1), 4)))
        print(json.dumps(dict(event="epoch", steps=step, minutes=round((time.time() - t0) / 60, 1), **history[-1])),
              flush=True)
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        torch.save(dict(cfg=cfg, state_dict=model.state_dict(), history=history, pages=counts,
                        args=vars(args)), args.out)
    print(json.dumps(dict(event="done", out=args.out, epochs=epoch, steps=step)), flush=True)


if __name__ == "__main__":
    main(ARGS)
