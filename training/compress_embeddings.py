#!/usr/bin/env python3
"""Stores the word-embedding table of an exported layout model as int8 with one scale per row.

The table (30,522 x 768 float32 = 94 MB for BERT-base) dominates the file; the rest of the graph stays fp32.
The Gather on input_ids is replaced by Gather(int8 table) -> Cast(float) -> Mul(Gather(row scales)), so only
the looked-up rows are dequantised at run time. Symmetric per-row quantisation: scale = max|row| / 127.

With --matmul-int8 the weight matrices of the encoder and heads (the 'onnx::MatMul_*' initializers, [in, out]) are
stored as int8 too, one scale per output column: Cast(int8) -> Mul(scale) feeds the MatMul. Both inputs are constants,
so ONNX Runtime folds them back to float32 when it loads the session: the file shrinks ~4x (BERT-base 436 -> ~110 MB)
and inference runs at float32 speed on the de-quantised weights (what calibrate_qa.py --int8-weights simulates).

With --dynamic-int8 (implies --matmul-int8) those MatMuls also *compute* in int8, as ONNX Runtime's dynamic
quantisation does: DynamicQuantizeLinear(x) -> MatMulInteger(x_u8, W_int8) -> Cast(float) -> Mul(x_scale * W_scale).
Activations get one scale per tensor, computed at run time; the attention products (activation x activation) stay
float32. On CPUs with AVX-512 VNNI this is 2-3x faster than float32; the accuracy cost must be measured per model.

usage: /usr/bin/python3 training/compress_embeddings.py models/NAME/model.onnx [--out PATH] [--matmul-int8] [--dynamic-int8]
Prints the largest absolute error of the dequantised table (and of the matrices).
"""
import argparse
import re

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

NAME = "embeddings.word_embeddings.weight"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--out", default=None)
    ap.add_argument("--matmul-int8", action="store_true", help="also store the MatMul weight matrices as int8")
    ap.add_argument("--dynamic-int8", action="store_true", help="and multiply them in int8 (dynamic quantisation)")
    ap.add_argument("--keep-float", default="", help="with --dynamic-int8: a regular expression; MatMul nodes whose name "
                    "it finds stay float32 (e.g. '/output/dense/': the attention and feed-forward output projections, "
                    "whose inputs have outliers)")
    a = ap.parse_args()
    m = onnx.load(a.model)
    g = m.graph
    err = compress_table(g) if any(i.name == NAME for i in g.initializer) else None  # None: already int8
    matmul_err = quantize_matmuls(g) if a.matmul_int8 or a.dynamic_int8 else None
    if a.dynamic_int8:
        print({"int8_matmuls": integer_matmuls(g, a.keep_float)})
    onnx.checker.check_model(m)
    onnx.save(m, a.out or a.model)
    print({"max_abs_error": err, "matmul_max_abs_error": matmul_err, "out": a.out or a.model})


def int8_symmetric(w, axis):
    """(int8 array, float32 scales) of w: symmetric, one scale per slice along `axis` (max |w| / 127)."""
    scale = np.maximum(np.abs(w).max(axis=axis, keepdims=True), 1e-12) / 127.0
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


def dequantised(w, axis):
    """w as the compressed graph computes it: int8 * scale."""
    q, scale = int8_symmetric(np.asarray(w, dtype=np.float32), axis)
    return q.astype(np.float32) * scale


def compress_table(g):
    """The word table as int8 per row; returns the largest absolute error."""
    init = next(i for i in g.initializer if i.name == NAME)
    table = numpy_helper.to_array(init).astype(np.float32)
    q, scale = int8_symmetric(table, axis=1)
    err = float(np.abs(q.astype(np.float32) * scale - table).max())
    g.initializer.remove(init)
    g.initializer.extend([numpy_helper.from_array(q, NAME + ".int8"),
                          numpy_helper.from_array(scale.astype(np.float32), NAME + ".scale")])
    node = next(n for n in g.node if n.op_type == "Gather" and n.input[0] == NAME)
    ids, out = node.input[1], node.output[0]
    idx = list(g.node).index(node)
    g.node.remove(node)
    new = [
        helper.make_node("Gather", [NAME + ".int8", ids], [out + ".int8"], name="/embeddings/word_embeddings/GatherQ"),
        helper.make_node("Cast", [out + ".int8"], [out + ".f32"], to=TensorProto.FLOAT, name="/embeddings/word_embeddings/Dequant"),
        helper.make_node("Gather", [NAME + ".scale", ids], [out + ".scale"], name="/embeddings/word_embeddings/GatherScale"),
        helper.make_node("Mul", [out + ".f32", out + ".scale"], [out], name="/embeddings/word_embeddings/Scale"),
    ]
    for k, n in enumerate(new):
        g.node.insert(idx + k, n)
    return err


def quantize_matmuls(g):
    """Every float 'onnx::MatMul_*' initializer W [in, out] -> 'W.int8' + 'W.scale' [1, out] (symmetric, per output
    column) and Cast -> Mul nodes whose output keeps the name W, so the consuming MatMul is unchanged. Matrices already
    stored as int8 are left alone (running it twice changes nothing)."""
    err = 0.0
    for init in [i for i in g.initializer if i.name.startswith("onnx::MatMul") and i.data_type == TensorProto.FLOAT
                 and not i.name.endswith(".scale")]:
        w = numpy_helper.to_array(init).astype(np.float32)
        if w.ndim != 2:
            continue
        q, scale = int8_symmetric(w, axis=0)
        err = max(err, float(np.abs(q.astype(np.float32) * scale - w).max()))
        name = init.name
        g.initializer.remove(init)
        g.initializer.extend([numpy_helper.from_array(q, name + ".int8"),
                              numpy_helper.from_array(scale, name + ".scale")])
        g.node.insert(0, helper.make_node("Mul", [name + ".f32", name + ".scale"], [name], name=name + "/Scale"))
        g.node.insert(0, helper.make_node("Cast", [name + ".int8"], [name + ".f32"], to=TensorProto.FLOAT,
                                          name=name + "/Dequant"))
    return err


def integer_matmuls(g, keep_float=""):
    """Each MatMul fed by an int8-stored weight (quantize_matmuls' Cast -> Mul pair, whatever file it came from)
    becomes DynamicQuantizeLinear -> MatMulInteger -> Cast -> Mul; the Cast -> Mul pairs left unused are removed.
    MatMuls whose node name the regular expression `keep_float` finds are left as they are. Returns how many were
    rewritten."""
    int8 = {i.name for i in g.initializer if i.name.endswith(".int8")}
    stored = {n.output[0] for n in g.node if n.op_type == "Mul" and n.output[0] + ".int8" in int8}
    nodes, count = [], 0
    for n in g.node:
        if n.op_type != "MatMul" or n.input[1] not in stored or keep_float and re.search(keep_float, n.name):
            nodes.append(n)
            continue
        x, w, y = n.input[0], n.input[1], n.output[0]
        p = n.name or y
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [x], [p + "/xq", p + "/xs", p + "/xz"], name=p + "/QuantizeX"),
            helper.make_node("MatMulInteger", [p + "/xq", w + ".int8", p + "/xz"], [p + "/i32"], name=p + "/MatMulInteger"),
            helper.make_node("Cast", [p + "/i32"], [p + "/f32"], to=TensorProto.FLOAT, name=p + "/Cast"),
            helper.make_node("Mul", [p + "/xs", w + ".scale"], [p + "/scale"], name=p + "/Scales"),
            helper.make_node("Mul", [p + "/f32", p + "/scale"], [y], name=p + "/Rescale"),
        ]
        count += 1
    used = {i for n in nodes for i in n.input}
    dead = {w for w in stored if w not in used}
    dead |= {w + ".f32" for w in dead}  # the Cast feeding each dead Mul
    nodes = [n for n in nodes if n.output[0] not in dead]
    del g.node[:]
    g.node.extend(nodes)
    return count


if __name__ == "__main__":
    main()
