"""Recovers the PyTorch state dict of a shipped reading-order model from its ONNX file, to fine-tune it
(train_order.py --init) when the training run's checkpoints are gone. Named initializers map one to one; the
anonymous MatMul weights of the linear layers are found by the name of the node that uses them, and transposed.

    /usr/bin/python3 training/order_from_onnx.py models/order-lines OUT.pt

Checked on models/order-lines: the recovered weights give, in training/train_order.evaluate with pieces joined and
decode_tau 0.6, NZZ 0.9626 / 0.522 — the Java runtime's figure for the shipped ONNX file.
"""
import json, sys, onnx, torch
from onnx import numpy_helper
sys.path.insert(0, 'training')
import order_model
src, out = sys.argv[1], sys.argv[2]
cfg = json.load(open(src + '/config.json'))
m = onnx.load(src + '/model.onnx')
inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
model = order_model.OrderModel(d=cfg['d'], layers=cfg['layers'], heads=cfg['heads'], ffn=cfg['ffn'],
                               roles=cfg.get('roles', False), rules=cfg.get('rules', False))
sd = model.state_dict()
got = {}
for k in sd:
    if k in inits:
        got[k] = torch.tensor(inits[k])
for node in m.graph.node:
    if node.op_type == 'MatMul':
        for inp in node.input:
            if inp in inits and inp.startswith('onnx::'):
                path = node.name.strip('/').rsplit('/', 1)[0].replace('/', '.')
                key = path + '.weight'
                if key not in sd and path.count('.') >= 1:
                    key = path.split('.', 1)[1] + '.weight'  # a Sequential named like its owner: /pair/pair.0
                if key in sd:
                    got[key] = torch.tensor(inits[inp]).T.contiguous()
                else:
                    print('unmapped', node.name, inp, inits[inp].shape)
missing = [k for k in sd if k not in got]
print('missing', missing)
for k in got:
    assert got[k].shape == sd[k].shape, (k, got[k].shape, sd[k].shape)
model.load_state_dict({**sd, **got})
torch.save(model.state_dict(), out)
print('saved', out, sum(p.numel() for p in model.parameters()))
