"""Train the layout-aware extractive QA model (question + page words with boxes -> answer span), export ONNX and
write models/<name>/ (model.onnx, config.json, vocab.txt, MODEL.md).

    /usr/bin/python3 training/train_qa.py --out models/qa-bert --encoder bert-base --minutes 85 --bf16 on --attention-dropout 0

Encoder (--encoder): MiniLM-L6-H384 (default) or BERT-base uncased (the shipped models/qa-bert) (the layout model's design: BERT encoder + zero-initialised LayoutLM 2-D embeddings, here
with token types for question/context) + a start/end head. Data and windows: training/qa_data.py. Selection: none
(one pass under a time budget; the last weights are exported); the no-answer threshold is calibrated later in Java
on held-out data. See training/README.md ("QA model").
"""
import argparse
import json
import math
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cpu_threads  # noqa: E402  (no torch: safe before the thread environment is set)
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared", "datasets")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/datasets"


def parse_args(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--encoder", default="minilm")
    ap.add_argument("--max-len", type=int, default=384)
    ap.add_argument("--stride", type=int, default=128)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--lr-new", type=float, default=1e-3)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--minutes", type=float, default=35, help="training time budget (the schedule assumes it)")
    ap.add_argument("--max-steps", type=int, default=0, help="0: estimated from the first steps and --minutes")
    ap.add_argument("--squad", type=int, default=2500, help="SQuAD questions sampled")
    ap.add_argument("--neg-keep", type=float, default=0.3, help="share of no-answer windows kept")
    ap.add_argument("--heldout", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bench", type=int, default=0, help="only time N steps and exit")
    ap.add_argument("--init", default=None, help="continue from this checkpoint (a last.pt) instead of the pretrained encoder")
    ap.add_argument("--init-onnx", default=None,
                    help="continue from an exported model.onnx (e.g. a shipped models/qa-*/model.onnx, int8 "
                         "word table de-quantised) instead of the pretrained encoder; checked against the ONNX graph on 3 windows")
    ap.add_argument("--funsd-ocr-dump", default=None,
                    help="also train on the FUNSD training forms as our OCR reads them: a `readout batch --formats json "
                         "--no-layout` output of the FUNSD images (qa_data.funsd_ocr_examples)")
    ap.add_argument("--docvqa-keep", type=float, default=1.0, help="share of the DocVQA and SQuAD examples kept")
    ap.add_argument("--data-seed", type=int, default=None, help="seed of the batch order (default --seed)")
    cpu_threads.add_args(ap, 0.1)  # hidden dropout stays 0.1
    return ap.parse_args(argv)


ARGS = parse_args() if __name__ == "__main__" else parse_args(["--out", "-"])  # imported: defaults
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = str(ARGS.threads)
if __name__ == "__main__":
    cpu_threads.fast_malloc()  # re-executes with tcmalloc preloaded (4x faster steps here)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

import pretrained  # noqa: E402
import qa_data as qd  # noqa: E402
from layout_model import Embeddings, Encoder, encoder_config  # noqa: E402
from wordpiece import WordPiece  # noqa: E402


class QaEmbeddings(Embeddings):
    def forward(self, input_ids, token_type_ids, bbox):
        S = input_ids.shape[1]
        pos = torch.arange(S, device=input_ids.device).unsqueeze(0)
        x = (self.word_embeddings(input_ids) + self.position_embeddings(pos)
             + self.token_type_embeddings(token_type_ids) + self.layout(bbox))
        return self.dropout(self.LayerNorm(x))


class LayoutQa(nn.Module):
    """Outputs start_logits, end_logits [B,S]."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = dict(cfg)
        self.embeddings = QaEmbeddings(cfg)
        self.encoder = Encoder(cfg)
        self.qa_outputs = nn.Linear(cfg["hidden"], 2)
        nn.init.normal_(self.qa_outputs.weight, std=0.02)
        nn.init.zeros_(self.qa_outputs.bias)

    def forward(self, input_ids, attention_mask, token_type_ids, bbox):
        mask_add = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * -10000.0
        h = self.encoder(self.embeddings(input_ids, token_type_ids, bbox), mask_add)
        lo = self.qa_outputs(h)
        return lo[..., 0], lo[..., 1]


INPUTS = ["input_ids", "attention_mask", "token_type_ids", "bbox"]
OUTPUTS = ["start_logits", "end_logits"]


def collate(feats):
    L = max(len(f) for f in feats)
    B = len(feats)
    ids = torch.zeros(B, L, dtype=torch.long)
    mask = torch.zeros(B, L, dtype=torch.long)
    types = torch.zeros(B, L, dtype=torch.long)
    bbox = torch.zeros(B, L, 4, dtype=torch.long)
    for i, f in enumerate(feats):
        n = len(f)
        ids[i, :n] = torch.tensor(f.input_ids)
        mask[i, :n] = 1
        types[i, :n] = torch.tensor(f.token_types)
        bbox[i, :n] = torch.tensor(f.bbox)
    return ids, mask, types, bbox


def batches(feats, bs, rng):
    order = sorted(range(len(feats)), key=lambda i: len(feats[i]) * (1 + 0.1 * rng.random()))
    bl = [order[i:i + bs] for i in range(0, len(order), bs)]
    rng.shuffle(bl)
    return bl


# Longest answer span in word pieces. 30 when models/qa-bert was trained and calibrated; 16 since 2026-12-07, from the
# DocVQA training pages' gold answers (99th percentile 14 word pieces, 0.4 % over 15): DocVQA held out 0.3961 -> 0.3996.
MAX_ANSWER_TOKENS = 16


def best_span(start, end, tok_word):
    """Best (score, first word, last word) over context tokens, span <= MAX_ANSWER_TOKENS, and the null score."""
    ctx = [i for i, w in enumerate(tok_word) if w >= 0]
    best = (-1e9, -1, -1)
    for i in ctx:
        for j in range(i, min(i + MAX_ANSWER_TOKENS, len(tok_word))):
            if tok_word[j] < 0:
                break
            s = start[i] + end[j]
            if s > best[0]:
                best = (s, tok_word[i], tok_word[j])
    return best, start[0] + end[0]


def trim_answer(t):
    """Punctuation off the answer's ends: . , ; : ! ? " ' always, a bracket only when unmatched or when the pair encloses
    the whole answer ("(503) 786-4930" and "Total (EUR)" keep theirs). As Java ExtractiveQa.trim."""
    def partner(t, i, step):
        """The index of the bracket matching t[i], searching in direction step; -1 if none."""
        own, other = t[i], {"(": ")", ")": "(", "[": "]", "]": "["}[t[i]]
        depth = 0
        while 0 <= i < len(t):
            if t[i] == own:
                depth += 1
            elif t[i] == other:
                depth -= 1
                if depth == 0:
                    return i
            i += step
        return -1
    t = t.strip()
    while t:
        if t[0] in ".,;:!?\"'":
            u = t[1:].strip()
        elif t[-1] in ".,;:!?\"'":
            u = t[:-1].strip()
        elif t[0] in "([" and partner(t, 0, 1) in (-1, len(t) - 1):
            m = partner(t, 0, 1)
            u = (t[1:] if m < 0 else t[1:m]).strip()
        elif t[-1] in ")]" and partner(t, len(t) - 1, -1) < 0:
            u = t[:-1].strip()
        else:
            break
        t = u
    return t


def predict(model, examples, tok, args, bs=16):
    """qid -> (answer text, score margin over null). Leaves the model in the mode it found it in."""
    was_training = model.training
    model.eval()
    feats = [f for ex in examples for f in qd.windows(ex, tok, args.max_len, args.stride)]
    res = {}
    with torch.no_grad():
        for k in range(0, len(feats), bs):
            fb = feats[k:k + bs]
            s, e = model(*collate(fb))
            for i, f in enumerate(fb):
                (sc, a, b), null = best_span(s[i].tolist(), e[i].tolist(), f.tok_word)
                cur = res.get(f.ex.qid)
                margin = sc - null
                if cur is None or margin > cur[1]:
                    res[f.ex.qid] = (trim_answer(" ".join(f.ex.words[a:b + 1])) if a >= 0 else "", margin)
    model.train(was_training)
    return res


def load_onnx_init(model, path, feats, log, n_check=3):
    """Loads model.onnx's weights into model (strict: every parameter, no extra tensor) and checks the PyTorch
    start/end logits against the ONNX graph itself (onnx_ref, the numpy interpreter) on n_check training windows
    of different lengths. Returns the largest |difference| over their real tokens."""
    import onnx
    import onnx_ref
    pretrained.load_all(model, pretrained.onnx_state_dict(path), path)
    graph = onnx.load(path)
    was_training = model.training
    model.eval()
    picks = sorted(range(len(feats)), key=lambda i: len(feats[i]))
    picks = [picks[int(k * (len(picks) - 1) / max(n_check - 1, 1))] for k in range(n_check)]
    diff = 0.0
    with torch.no_grad():
        for i in picks:
            ids, mask, types, bbox = collate([feats[i]])
            ref = [t.numpy() for t in model(ids, mask, types, bbox)]
            got = onnx_ref.run(graph, {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                                       "token_type_ids": types.numpy(), "bbox": bbox.numpy()})
            diff = max([diff] + [float(np.abs(got[n] - r).max()) for n, r in zip(OUTPUTS, ref)])
    model.train(was_training)
    log(event="init_onnx_check", onnx=path, windows=[len(feats[i]) for i in picks], max_abs_diff=diff)
    if diff > 1e-3:
        raise RuntimeError(f"{path}: PyTorch and ONNX logits differ by {diff}")
    return diff


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def anls(pred, golds, tau=0.5):
    p = norm(pred)
    best = 0.0
    for g in golds:
        g = norm(g)
        d = levenshtein(p, g) / max(len(p), len(g), 1)
        best = max(best, 1 - d if d < tau else 0.0)
    return best


def norm(s):
    return " ".join(s.lower().split())


def main(args):
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    name = os.path.basename(os.path.normpath(args.out))
    run_dir = os.path.join(HERE, "runs", name)
    os.makedirs(run_dir, exist_ok=True)
    log_f = open(os.path.join(run_dir, "log.jsonl"), "a")
    t0 = time.time()

    def log(**kw):
        kw["time"] = round(time.time() - t0, 1)
        log_f.write(json.dumps(kw) + "\n")
        log_f.flush()
        print(json.dumps(kw), flush=True)

    vocab_file = pretrained.vocab_path(args.encoder)
    tok = WordPiece(vocab_file, lower_case=True)
    docvqa_path = os.path.join(SHARED, "docvqa_val_ocr_qa", "docvqa_val_squad_format.shared.json")
    train_pages, held_pages = qd.docvqa_split(docvqa_path, args.heldout, args.seed)
    layout_cfg = json.load(open(os.path.join(REPO, "models", "layout-minilm-funsd", "config.json")))
    val_names = set(n if n.endswith(".json") else n + ".json" for n in layout_cfg["data"]["val_names"])
    ex_doc = [e for e in qd.docvqa_examples(train_pages) if e.span is not None]
    ex_funsd = qd.funsd_examples(os.path.join(SHARED, "funsd", "training_data"), tok, val_names)
    ex_squad = qd.squad_examples(os.path.join(SHARED, "squad", "dev-v1.1.json"), args.squad, args.seed)
    ex_squad = [e for e in ex_squad if e.span is not None or e.source == "squad-neg"]
    ex_ocr = []
    if args.funsd_ocr_dump:
        ex_ocr = qd.funsd_ocr_examples(args.funsd_ocr_dump, os.path.join(SHARED, "funsd", "training_data"), tok, val_names)
    if args.docvqa_keep < 1:
        keep = random.Random(args.seed)
        ex_doc = [e for e in ex_doc if keep.random() < args.docvqa_keep]
        ex_squad = [e for e in ex_squad if keep.random() < args.docvqa_keep]
    feats = []
    for ex in ex_doc + ex_funsd + ex_ocr + ex_squad:
        for f in qd.windows(ex, tok, args.max_len, args.stride):
            if f.start == 0 and ex.source != "squad-neg" and rng.random() > args.neg_keep:
                continue
            feats.append(f)
    held_q = [qa["id"] for p in held_pages for qa in p["qas"]]
    log(event="data", docvqa_train=len(ex_doc), funsd=len(ex_funsd), funsd_ocr=len(ex_ocr), squad=len(ex_squad), features=len(feats),
        tokens=sum(len(f) for f in feats), heldout_pages=len(held_pages), heldout_questions=len(held_q))

    cfg = encoder_config(args.encoder, None, "bucket:128", 128, 0.1)
    cfg["attention_dropout"] = args.attention_dropout
    model = LayoutQa(cfg)
    fresh = pretrained.load_pretrained(model, args.encoder, cfg["layers"])
    if args.init:
        model.load_state_dict(torch.load(args.init)["state"])
        fresh = "all from " + args.init
    elif args.init_onnx:
        load_onnx_init(model, args.init_onnx, feats, log)
        fresh = "all from " + args.init_onnx
    log(event="model", params=sum(p.numel() for p in model.parameters()), fresh=fresh)
    new = [n for n, _ in model.named_parameters() if n.startswith(("embeddings.layout.", "qa_outputs."))]
    groups = [dict(params=[], lr=args.lr, weight_decay=0.01), dict(params=[], lr=args.lr, weight_decay=0.0),
              dict(params=[], lr=args.lr_new, weight_decay=0.01), dict(params=[], lr=args.lr_new, weight_decay=0.0)]
    for n, p in model.named_parameters():
        groups[(2 if n in new else 0) + (1 if p.ndim < 2 or "LayerNorm" in n else 0)]["params"].append(p)
    for g in groups:
        g["base_lr"] = g["lr"]
    opt = torch.optim.AdamW(groups)
    ce = nn.CrossEntropyLoss()
    model.train()
    if args.data_seed is not None:
        rng = random.Random(args.data_seed)
    total = args.max_steps or 10 ** 9
    bf16 = cpu_threads.use_bf16(args.bf16)
    log(event="cpu", bf16=bf16, ld_preload=os.environ.get("LD_PRELOAD", ""), attention_dropout=args.attention_dropout)
    step = 0
    seen_tokens = 0
    t_train = time.time()
    done = False
    epoch = 0
    while not done:
        epoch += 1
        for bi in batches(feats, args.batch_size, rng):
            fb = [feats[i] for i in bi]
            ids, mask, types, bbox = collate(fb)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                s, e = model(ids, mask, types, bbox)
            s, e = s.float(), e.float()
            neg = (1 - mask) * -10000.0
            ys = torch.tensor([f.start for f in fb])
            ye = torch.tensor([f.end for f in fb])
            loss = (ce(s + neg, ys) + ce(e + neg, ye)) / 2
            # progress by the clock when no --max-steps: the budget holds even when other jobs share the CPU
            frac = step / total if args.max_steps else (time.time() - t_train) / (args.minutes * 60)
            w = args.warmup
            mult = (frac / w) if frac < w else max(0.0, (1 - frac) / (1 - w))
            for g in groups:
                g["lr"] = g["base_lr"] * mult if step > 0 else g["base_lr"] * 0.01
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            el = time.time() - t_train
            seen_tokens += int(mask.sum())
            if step % 20 == 0 or step <= 3:
                log(event="step", step=step, loss=round(loss.item(), 4), lr_mult=round(mult, 3), epoch=epoch)
            if args.bench and step >= args.bench:
                log(event="bench", sec_per_step=round(el / step, 2), batch=args.batch_size)
                return
            if step >= total or (not args.max_steps and time.time() - t_train >= args.minutes * 60):
                done = True
                break
    ckpt = os.path.join(run_dir, "last.pt")
    torch.save(dict(state=model.state_dict(), cfg=cfg, args=vars(args)), ckpt)
    log(event="trained", steps=step, tokens=seen_tokens, epochs=round(step * args.batch_size / len(feats), 2), minutes=round((time.time() - t_train) / 60, 1))
    # quick held-out check in Python (the reported figures come from `readout eval docvqa`)
    held_ex = qd.docvqa_examples(held_pages)[:200]
    pred = predict(model, held_ex, tok, args)
    score = np.mean([anls(pred[e.qid][0], e.answers) for e in held_ex])
    log(event="heldout_python", anls_first200=round(float(score), 4))
    export(model, cfg, args, tok, vocab_file, held_q, step, t_train, log, len(feats), score)


def export(model, cfg, args, tok, vocab_file, held_q, steps, t_train, log, n_feats, py_anls):
    import shutil
    import onnx
    import onnx_ref
    out = args.out
    os.makedirs(out, exist_ok=True)
    model.eval()
    path = os.path.join(out, "model.onnx")
    ids = torch.randint(1000, 2000, (2, 24))
    mask = torch.ones(2, 24, dtype=torch.long)
    mask[1, 12:] = 0
    types = torch.zeros(2, 24, dtype=torch.long)
    types[:, 8:] = 1
    bbox = torch.randint(0, 1000, (2, 24, 4))
    dyn = {n: {0: "batch", 1: "sequence"} for n in INPUTS + OUTPUTS}
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask, types, bbox), path, input_names=INPUTS, output_names=OUTPUTS,
                          dynamic_axes=dyn, opset_version=14, do_constant_folding=True)
        ref = [t.numpy() for t in model(ids, mask, types, bbox)]
    got = onnx_ref.run(onnx.load(path), {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                                         "token_type_ids": types.numpy(), "bbox": bbox.numpy()})
    keep = mask.numpy().astype(bool)
    diff = max(float(np.abs(got[n][keep] - r[keep]).max()) for n, r in zip(OUTPUTS, ref))
    log(event="onnx_check", max_abs_diff=diff)
    shutil.copy(vocab_file, os.path.join(out, "vocab.txt"))
    config = {
        "format": "readout-layout-qa/1",
        "onnx": "model.onnx",
        "vocab": "vocab.txt",
        "tokenizer": {"type": "wordpiece", "lower_case": True, "strip_accents": True, "max_chars_per_word": 100,
                      "cls": "[CLS]", "sep": "[SEP]", "pad": "[PAD]", "unk": "[UNK]", "per_word": True},
        "max_length": args.max_len, "doc_stride": args.stride, "max_query_tokens": qd.MAX_QUERY,
        "max_answer_tokens": MAX_ANSWER_TOKENS,
        "special_boxes": {"cls": [0, 0, 0, 0], "question": [0, 0, 0, 0], "sep": [1000, 1000, 1000, 1000]},
        "coordinates": {"grid": 1000, "encoding": cfg["coords"], "boxes": "word"},
        "text_layout": {"line_chars": qd.LINE_CHARS, "char_w": qd.CHAR_W, "line_h": qd.LINE_H, "word_h": qd.WORD_H,
                        "margin": qd.MARGIN, "min_h": qd.MIN_H},
        "no_answer_threshold": 0.0,
        "architecture": dict(cfg, head="start/end linear"),
        "parameters": sum(p.numel() for p in model.parameters()),
        "data": {"docvqa_split": {"seed": args.seed, "heldout": args.heldout,
                                  "heldout_question_ids": sorted(held_q)},
                 "funsd_excluded": "the layout model's validation forms (models/layout-minilm-funsd/config.json; the same seed-13 split as every layout model)",
                 "squad_questions": args.squad},
        "training": {"command": "/usr/bin/python3 training/train_qa.py " + " ".join(sys.argv[1:]),
                     "steps": steps, "features": n_feats, "minutes": round((time.time() - t_train) / 60, 1),
                     "args": vars(args)},
        "python_heldout_anls_first200": round(float(py_anls), 4),
        "onnx_check_max_abs_diff": diff,
    }
    json.dump(config, open(os.path.join(out, "config.json"), "w"), indent=1)
    log(event="exported", out=out)


if __name__ == "__main__":
    main(ARGS)
