#!/usr/bin/python3
"""Writes upsample_reference.json next to this script: nearest, bed-of-nails and max-unpooling outputs computed
by PyTorch (F.interpolate(mode='nearest'), a strided assignment, F.max_pool2d(return_indices=True) followed by
F.max_unpool2d(output_size=the input's)) for test_upsample_trace. Run with Debian's /usr/bin/python3 (torch 1.13)."""
import json
import os

import torch
import torch.nn.functional as F

# (op, channels, height, width, scale (y, x), values 0..high: small ranges make ties in the pooling windows)
CASES = [
    ("nearest", 1, 2, 2, (2, 2), None),  # the CLI's --seq 2x2 example
    ("nearest", 2, 3, 4, (2, 3), 9),
    ("nearest", 1, 5, 3, (1, 2), 9),
    ("bed-of-nails", 1, 3, 3, (2, 2), 9),
    ("bed-of-nails", 3, 2, 4, (3, 2), 9),
    ("max-unpool", 1, 4, 4, (2, 2), 9),
    ("max-unpool", 1, 4, 4, (2, 2), 1),  # many ties: the first maximum of each window wins
    ("max-unpool", 2, 5, 7, (2, 3), 4),  # sizes not divisible by S: the last row/column stay zero
    ("max-unpool", 3, 6, 6, (3, 3), 20),
]


def main():
    generator = torch.Generator().manual_seed(16)
    cases = []
    for op, c, h, w, (sy, sx), high in CASES:
        if high is None:
            x = torch.arange(1, c * h * w + 1, dtype=torch.float64).reshape(1, c, h, w)
        else:
            x = torch.randint(0, high + 1, (1, c, h, w), generator=generator).to(torch.float64)
        case = {"op": op, "shape": [c, h, w], "scale": [sy, sx], "input": x.flatten().tolist()}
        if op == "nearest":
            out = F.interpolate(x, scale_factor=(sy, sx), mode="nearest")
        elif op == "bed-of-nails":
            out = torch.zeros(1, c, h * sy, w * sx, dtype=torch.float64)
            out[:, :, ::sy, ::sx] = x
        else:
            pooled, indices = F.max_pool2d(x, kernel_size=(sy, sx), stride=(sy, sx), return_indices=True)
            # Back to the input's size: PyTorch's indices are flat positions in that plane, so only this
            # output size puts every maximum back where it was found when S does not divide H or W.
            out = F.max_unpool2d(pooled, indices, kernel_size=(sy, sx), stride=(sy, sx), output_size=(h, w))
            case["pooled_shape"] = list(pooled.shape[1:])
            case["pooled"] = pooled.flatten().tolist()
            case["indices"] = indices.flatten().tolist()
        case["output_shape"] = list(out.shape[1:])
        case["output"] = out.flatten().tolist()
        cases.append(case)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "upsample_reference.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
