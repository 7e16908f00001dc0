"""Read a TensorFlow V2 checkpoint (variables.index + variables.data-00000-of-00001) without TensorFlow.

variables.index is a LevelDB-style SSTable:
  footer (last 48 bytes): metaindex BlockHandle, index BlockHandle (varint64 offset, varint64 size), zero padding,
                          8-byte magic 0xdb4775248b80fb57 (little-endian).
  block: entries [varint shared][varint non_shared][varint value_len][key delta][value], then uint32 restart
         offsets, then uint32 restart count; each block is followed by a 5-byte trailer (compression type + crc),
         which the BlockHandle size excludes. Blocks here are uncompressed (type 0).
  index block: key = last key of a data block, value = BlockHandle of that block.
Each data-block value (except the header under the empty key) is a BundleEntryProto:
  1 dtype (enum; 1 = DT_FLOAT), 2 shape (TensorShapeProto: repeated 2 dim {1 size}), 3 shard_id, 4 offset, 5 size.
The data file holds raw little-endian tensors at [offset, offset+size).
"""
import struct

import numpy as np

_MAGIC = 0xdb4775248b80fb57
_DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 9: np.int64}


def _varint(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _block_entries(buf, offset, size):
    block = buf[offset:offset + size]
    if buf[offset + size] != 0:
        raise ValueError("compressed SSTable blocks are not supported")
    n_restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    end = len(block) - 4 - 4 * n_restarts
    pos, key = 0, b""
    while pos < end:
        shared, pos = _varint(block, pos)
        non_shared, pos = _varint(block, pos)
        vlen, pos = _varint(block, pos)
        key = key[:shared] + bytes(block[pos:pos + non_shared])
        pos += non_shared
        yield key, bytes(block[pos:pos + vlen])
        pos += vlen


def _parse_fields(msg):
    """Minimal protobuf wire parser: returns {field_number: [values]} (varints as int, bytes as bytes)."""
    out, pos = {}, 0
    while pos < len(msg):
        tag, pos = _varint(msg, pos)
        field, wire = tag >> 3, tag & 7
        if wire == 0:
            val, pos = _varint(msg, pos)
        elif wire == 2:
            ln, pos = _varint(msg, pos)
            val = msg[pos:pos + ln]
            pos += ln
        elif wire == 5:
            val = msg[pos:pos + 4]
            pos += 4
        elif wire == 1:
            val = msg[pos:pos + 8]
            pos += 8
        else:
            raise ValueError(f"unsupported wire type {wire}")
        out.setdefault(field, []).append(val)
    return out


def read_index(index_path):
    """Returns {name: (dtype, shape, offset, size)} for every tensor in the bundle."""
    with open(index_path, "rb") as f:
        buf = f.read()
    footer = buf[-48:]
    if struct.unpack_from("<Q", footer, 40)[0] != _MAGIC:
        raise ValueError("not an SSTable (bad magic)")
    pos = 0
    _, pos = _varint(footer, pos)          # metaindex offset
    _, pos = _varint(footer, pos)          # metaindex size
    idx_off, pos = _varint(footer, pos)
    idx_size, pos = _varint(footer, pos)
    entries = {}
    for _, handle in _block_entries(buf, idx_off, idx_size):
        boff, p = _varint(handle, 0)
        bsize, _ = _varint(handle, p)
        for key, value in _block_entries(buf, boff, bsize):
            if key == b"":
                continue  # BundleHeaderProto
            f = _parse_fields(value)
            dtype = f.get(1, [1])[0]
            shape = []
            if 2 in f:
                for dim in _parse_fields(f[2][0]).get(2, []):
                    shape.append(_parse_fields(dim).get(1, [0])[0])
            if f.get(3, [0])[0] != 0:
                raise ValueError("multi-shard checkpoints are not supported")
            entries[key.decode()] = (dtype, tuple(shape), f.get(4, [0])[0], f.get(5, [0])[0])
    return entries


def load_checkpoint(prefix, names=None):
    """prefix = path without '.index' (e.g. .../variables/variables). Returns {name: np.ndarray}."""
    index = read_index(prefix + ".index")
    out = {}
    with open(prefix + ".data-00000-of-00001", "rb") as data:
        for name, (dtype, shape, off, size) in index.items():
            if names is not None and not names(name):
                continue
            if dtype not in _DTYPES:
                continue
            data.seek(off)
            arr = np.frombuffer(data.read(size), dtype=np.dtype(_DTYPES[dtype]).newbyteorder("<"))
            out[name] = arr.reshape(shape).copy()
    return out
