"""A small numpy interpreter for the ONNX ops that our exports (and the MiniLM source graph) use.

Used to check an exported model against PyTorch without onnxruntime (not packaged for Debian Python)."""
import math

import numpy as np
import onnx
from onnx import numpy_helper

_ERF = np.vectorize(math.erf, otypes=[np.float64])
_DT = {1: np.float32, 2: np.uint8, 3: np.int8, 6: np.int32, 7: np.int64, 9: np.bool_, 11: np.float64}


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _slice(x, starts, ends, axes=None, steps=None):
    axes = list(range(len(starts))) if axes is None else [int(a) % x.ndim for a in axes]
    steps = [1] * len(starts) if steps is None else steps
    sl = [slice(None)] * x.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        sl[a] = slice(int(s), int(max(min(e, 2 ** 62), -2 ** 62)), int(st))
    return x[tuple(sl)]


def run(model, feeds, outputs=None):
    if isinstance(model, str):
        model = onnx.load(model)
    g = model.graph
    env = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    env.update(feeds)
    for n in g.node:
        a = _attrs(n)
        x = [env[i] if i else None for i in n.input]
        op = n.op_type
        if op == "Constant":
            y = numpy_helper.to_array(a["value"])
        elif op == "Identity":
            y = x[0]
        elif op == "Shape":
            y = np.array(x[0].shape, dtype=np.int64)
        elif op == "Gather":
            y = np.take(x[0], x[1].astype(np.int64), axis=a.get("axis", 0))
        elif op == "Unsqueeze":
            axes = x[1] if len(x) > 1 else a["axes"]
            y = x[0]
            for ax in sorted(int(v) % (y.ndim + len(axes)) for v in axes):
                y = np.expand_dims(y, ax)
        elif op == "Squeeze":
            axes = x[1] if len(x) > 1 else a.get("axes")
            y = np.squeeze(x[0], axis=tuple(int(v) for v in axes) if axes is not None else None)
        elif op == "Slice":
            y = _slice(x[0], x[1], x[2], x[3] if len(x) > 3 else None, x[4] if len(x) > 4 else None)
        elif op == "Concat":
            y = np.concatenate(x, axis=a["axis"])
        elif op == "Reshape":
            shape = [x[0].shape[i] if s == 0 else s for i, s in enumerate(x[1])]
            y = x[0].reshape(shape)
        elif op == "Transpose":
            y = np.transpose(x[0], a.get("perm"))
        elif op == "Flatten":
            ax = a.get("axis", 1)
            y = x[0].reshape(int(np.prod(x[0].shape[:ax])), -1)
        elif op == "MatMul":
            y = np.matmul(x[0], x[1])
        elif op == "DynamicQuantizeLinear":  # uint8, one scale and zero point per tensor (ONNX spec)
            lo, hi = min(0.0, float(x[0].min())), max(0.0, float(x[0].max()))
            scale = np.float32((hi - lo) / 255.0) if hi > lo else np.float32(1.0)
            zp = np.uint8(np.clip(np.rint(-lo / scale), 0, 255))
            env[n.output[0]] = np.clip(np.rint(x[0] / scale) + zp, 0, 255).astype(np.uint8)
            env[n.output[1]] = np.array(scale, dtype=np.float32)
            env[n.output[2]] = np.array(zp, dtype=np.uint8)
            continue
        elif op == "MatMulInteger":
            az = x[2].astype(np.int32) if len(x) > 2 and x[2] is not None else 0
            bz = x[3].astype(np.int32) if len(x) > 3 and x[3] is not None else 0
            y = np.matmul(x[0].astype(np.int32) - az, x[1].astype(np.int32) - bz).astype(np.int32)
        elif op == "Gemm":
            A = x[0].T if a.get("transA") else x[0]
            B = x[1].T if a.get("transB") else x[1]
            y = a.get("alpha", 1.0) * (A @ B) + (a.get("beta", 1.0) * x[2] if len(x) > 2 else 0)
        elif op in ("Add", "Sub", "Mul", "Div", "Pow", "Equal", "Less", "Greater", "Max", "Min", "And", "Or"):
            f = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Pow": np.power, "Equal": np.equal,
                 "Less": np.less, "Greater": np.greater, "Max": np.maximum, "Min": np.minimum,
                 "And": np.logical_and, "Or": np.logical_or}.get(op)
            if op == "Div":
                y = (x[0] // x[1]) if np.issubdtype(x[0].dtype, np.integer) else x[0] / x[1]
                if np.issubdtype(x[0].dtype, np.integer):  # ONNX integer Div truncates toward zero
                    y = np.trunc(x[0] / x[1]).astype(x[0].dtype)
            elif op in ("Max", "Min") and len(x) > 2:
                y = x[0]
                for z in x[1:]:
                    y = f(y, z)
            else:
                y = f(x[0], x[1])
            if op in ("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min") and y.dtype != x[0].dtype:
                y = y.astype(x[0].dtype)
        elif op == "Sqrt":
            y = np.sqrt(x[0])
        elif op == "Neg":
            y = -x[0]
        elif op == "Not":
            y = np.logical_not(x[0])
        elif op == "Erf":
            y = _ERF(x[0]).astype(x[0].dtype)
        elif op == "Tanh":
            y = np.tanh(x[0])
        elif op == "Sin":
            y = np.sin(x[0])
        elif op == "Cos":
            y = np.cos(x[0])
        elif op == "Floor":
            y = np.floor(x[0])
        elif op == "Sigmoid":
            y = 1.0 / (1.0 + np.exp(-x[0]))
        elif op == "ReduceMean":
            axes = a.get("axes") if len(x) < 2 else x[1]
            y = np.mean(x[0], axis=tuple(int(v) for v in axes), keepdims=bool(a.get("keepdims", 1)))
        elif op == "Softmax":
            ax = a.get("axis", -1)
            e = np.exp(x[0] - x[0].max(axis=ax, keepdims=True))
            y = e / e.sum(axis=ax, keepdims=True)
        elif op == "Cast":
            y = x[0].astype(_DT[a["to"]])
        elif op == "Clip":
            lo = x[1] if len(x) > 1 and x[1] is not None else a.get("min", -np.inf)
            hi = x[2] if len(x) > 2 and x[2] is not None else a.get("max", np.inf)
            y = np.clip(x[0], lo, hi).astype(x[0].dtype)
        elif op == "Where":
            y = np.where(x[0], x[1], x[2])
        elif op == "Expand":
            y = x[0] * np.ones(tuple(int(v) for v in x[1]), dtype=x[0].dtype)
        elif op == "ConstantOfShape":
            v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
            y = np.full(tuple(int(s) for s in x[0]), v.reshape(-1)[0], dtype=v.dtype)
        elif op == "Range":
            y = np.arange(x[0], x[1], x[2]).astype(x[0].dtype)
        else:
            raise NotImplementedError(f"op {op} ({n.name})")
        if not isinstance(y, np.ndarray):
            y = np.asarray(y)
        env[n.output[0]] = y
    names = outputs or [o.name for o in g.output]
    return {k: env[k] for k in names}
