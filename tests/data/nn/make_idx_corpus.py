#!/usr/bin/python3
"""Seed inputs for the IDX reader's fuzz target (tests/fuzz): small valid files, gzipped ones and broken ones.
Run: /usr/bin/python3 make_idx_corpus.py  (writes idx_corpus/)."""
import gzip
import os
import struct

os.makedirs("idx_corpus", exist_ok=True)


def idx(dims, payload=None, kind=0x08):
    n = 1
    for d in dims:
        n *= d
    body = bytes((i * 7 + 3) % 251 for i in range(n)) if payload is None else payload
    return bytes([0, 0, kind, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + body


seeds = {
    "images_2x3x3": idx([2, 3, 3]),
    "labels_5": idx([5]),
    "images_gz": gzip.compress(idx([3, 28, 28]), mtime=0),
    "labels_gz": gzip.compress(idx([10]), mtime=0),
    "truncated": idx([4, 4])[:-3],
    "trailing": idx([2, 2]) + b"\x00",
    "float_type": idx([2, 2], kind=0x0D),
    "zero_dim": idx([3, 0]),
    "four_dims": idx([1, 2, 1, 2]),
    "gz_truncated": gzip.compress(idx([6, 6]), mtime=0)[:-6],
}
for name, data in seeds.items():
    with open(os.path.join("idx_corpus", name), "wb") as f:
        f.write(data)
