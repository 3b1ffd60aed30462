#!/usr/bin/python3
"""Writes conv3d_fixture.json next to this script: PyTorch's conv3d on small inputs, the reference for
test_conv3d_trace (every output element, some steps' taps) and test_cli_conv3d (conv-trace --op conv3d).

Run with Debian's /usr/bin/python3 (torch 1.13, numpy). Values are small integers so float64 is exact.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(16)


def taps(x, w, stride, padding, dilation, oc, oz, oy, ox):
    # Naive and independent of the C++: input channel, kernel plane, row, column; unpadded coordinates.
    _, c_in, d, h, wd = x.shape
    out = []
    for ic in range(c_in):
        for kz in range(w.shape[2]):
            z = oz * stride[0] + kz * dilation[0] - padding[0]
            for ky in range(w.shape[3]):
                y = oy * stride[1] + ky * dilation[1] - padding[1]
                for kx in range(w.shape[4]):
                    xx = ox * stride[2] + kx * dilation[2] - padding[2]
                    inside = 0 <= z < d and 0 <= y < h and 0 <= xx < wd
                    value = float(x[0, ic, z, y, xx]) if inside else 0.0
                    weight = float(w[oc, ic, kz, ky, kx])
                    out.append([ic, z, y, xx, kz, ky, kx, not inside, value, weight])
    return out


def case(name, x, w, bias, stride, padding, dilation, args=None):
    out = F.conv3d(x, w, bias, stride=stride, padding=padding, dilation=dilation)
    o = out.shape
    count = o[1] * o[2] * o[3] * o[4]
    picked = sorted({0, count // 3, count // 2, count - 1})
    steps = []
    for i in picked:
        oc, rest = divmod(i, o[2] * o[3] * o[4])
        oz, rest = divmod(rest, o[3] * o[4])
        oy, ox = divmod(rest, o[4])
        steps.append({"index": i, "output_index": [oc, oz, oy, ox],
                      "taps": taps(x, w, stride, padding, dilation, oc, oz, oy, ox),
                      "result": float(out[0, oc, oz, oy, ox])})
    entry = {
        "name": name,
        "input_shape": list(x.shape[1:]),
        "input": x.flatten().tolist(),
        "weight_shape": list(w.shape),
        "weights": w.flatten().tolist(),
        "bias": bias.tolist() if bias is not None else None,
        "stride": list(stride), "padding": list(padding), "dilation": list(dilation),
        "output_shape": list(o[1:]),
        "output": out.flatten().tolist(),
        "steps": steps,
    }
    if args is not None:
        entry["cli_args"] = args
    return entry


def ints(*shape, low=-3, high=4):
    return torch.randint(low, high, shape).double()


def seq(*shape):
    n = 1
    for s in shape:
        n *= s
    return torch.arange(1, n + 1, dtype=torch.float64).reshape(shape)


cases = [
    # The CLI's defaults: --seq 3x4x4 (1..48) with the all-ones 3x3x3 kernel.
    case("seq 3x4x4 ones 3x3x3", seq(1, 1, 3, 4, 4), torch.ones(1, 1, 3, 3, 3, dtype=torch.float64), None,
         (1, 1, 1), (0, 0, 0), (1, 1, 1), ["--seq", "3x4x4"]),
    # The CLI with weights, bias, padding and a stride per axis.
    case("seq 3x4x4 k2 p1 s1,2,2 bias", seq(1, 1, 3, 4, 4),
         torch.tensor([1, 2, 3, 4, -1, -2, -3, -4], dtype=torch.float64).reshape(1, 1, 2, 2, 2),
         torch.tensor([0.5], dtype=torch.float64), (1, 2, 2), (1, 1, 1), (1, 1, 1),
         ["--seq", "3x4x4", "--kernel-size", "2", "--weights", "1,2,3,4,-1,-2,-3,-4", "--padding", "1",
          "--stride", "1,2,2", "--bias", "0.5"]),
    # The CLI with two channels, three output channels, a dilated non-cubic kernel.
    case("seq 2x4x5x5 k3x2x2 d2,1,2 o3", seq(1, 2, 4, 5, 5), torch.ones(3, 2, 2, 2, 2, dtype=torch.float64),
         None, (1, 1, 1), (0, 1, 0), (2, 1, 2),
         ["--seq", "4x5x5", "--channels", "2", "--out-channels", "3", "--kernel-size", "2",
          "--dilation", "2,1,2", "--padding", "0,1,0"]),
    case("random c1 k3 s1 p0", ints(1, 1, 4, 5, 5), ints(1, 1, 3, 3, 3), None, (1, 1, 1), (0, 0, 0), (1, 1, 1)),
    case("random c2 o3 k2x3x3 s1,2,2 p1,1,0 bias", ints(1, 2, 4, 5, 6), ints(3, 2, 2, 3, 3), ints(3),
         (1, 2, 2), (1, 1, 0), (1, 1, 1)),
    case("random c3 o2 k3x1x2 s2,1,1 p0,1,2 d2,1,2", ints(1, 3, 6, 4, 5), ints(2, 3, 3, 1, 2), ints(2),
         (2, 1, 1), (0, 1, 2), (2, 1, 2)),
    case("random c1 o1 k1x3x3 frame-wise", ints(1, 1, 3, 5, 5), ints(1, 1, 1, 3, 3), None, (1, 1, 1),
         (0, 1, 1), (1, 1, 1)),
    case("random c2 o2 k2x2x2 s2 p1 d2", ints(1, 2, 5, 6, 6), ints(2, 2, 2, 2, 2), ints(2), (2, 2, 2),
         (1, 1, 1), (2, 2, 2)),
]

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv3d_fixture.json")
with open(path, "w") as f:
    json.dump({"generator": "make_conv3d_fixture.py (torch %s, F.conv3d in float64)" % torch.__version__,
               "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print("wrote", path, len(cases), "cases")
