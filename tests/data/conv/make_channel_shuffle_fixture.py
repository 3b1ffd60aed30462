#!/usr/bin/python3
"""Writes channel_shuffle_fixture.json: PyTorch's channel shuffle (ShuffleNet) on small volumes.

The shuffle is written the way ShuffleNet's reference code and torchvision write it,
x.view(N, g, C/g, H, W).transpose(1, 2).reshape(N, C, H, W), and the permutation is read off
the result (each channel of the input holds a distinct value) so that it does not come from a formula.
Run: /usr/bin/python3 tests/data/conv/make_channel_shuffle_fixture.py (torch 1.13, any 1.x/2.x works).
"""
import json
import os

import torch

CASES = [  # channels, groups, height, width
    (4, 2, 2, 3),
    (6, 2, 2, 2),
    (6, 3, 3, 2),
    (8, 4, 1, 3),
    (12, 3, 2, 2),
    (16, 4, 2, 1),
    (64, 8, 2, 2),
    (5, 1, 2, 2),
    (6, 6, 1, 1),
]


def shuffle(x, g):
    n, c, h, w = x.shape
    return x.view(n, g, c // g, h, w).transpose(1, 2).reshape(n, c, h, w)


def main():
    gen = torch.Generator().manual_seed(16)
    out = []
    for c, g, h, w in CASES:
        x = torch.randint(-9, 10, (1, c, h, w), generator=gen, dtype=torch.int64).to(torch.float64)
        y = shuffle(x, g)
        ids = torch.arange(c, dtype=torch.float64).view(1, c, 1, 1).expand(1, c, h, w).contiguous()
        permutation = shuffle(ids, g)[0, :, 0, 0].to(torch.int64).tolist()
        out.append({
            "channels": c, "groups": g, "height": h, "width": w,
            "input": x.flatten().tolist(),
            "output": y.flatten().tolist(),
            "permutation": permutation,
        })
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "channel_shuffle_fixture.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
