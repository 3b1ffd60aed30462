#!/usr/bin/python3
"""The CIFAR networks of He et al. 2016 (section 4.2) in PyTorch: the reference for
tests/core/nn/models/test_cifar_resnet.cpp.

Run with Debian's python3 and python3-torch:  /usr/bin/python3 make_cifar_resnet_reference.py
Writes cifar_resnet_reference.txt, lines of two kinds:
    params NAME IN_CHANNELS CLASSES PARAMETERS
    logits NAME IN_CHANNELS SIZE CLASSES GAIN v0 v1 ...      (2 images x CLASSES values, row-major)
    features NAME TAP v0 v1 ...       (the last block's output, image 0, channels 0-3: 4 x H x W values)
The logits and features come from the model in evaluation mode with deterministic weights (no random numbers, so the C++
test can set the same ones). With the integer hash
    u(k, s) = ((k * 2654435761 + s * 40503) mod 2^32) / 2^32 - 0.5      (uniform in [-0.5, 0.5), exact in int64)
the p-th parameter tensor (in registration order: conv1, bn1, layer1.0.conv1, layer1.0.bn1, layer1.0.conv2,
layer1.0.bn2, ..., fc), flattened, holds at position k
    convolution / linear weight: GAIN * sqrt(12 / fan_in) * u(k, p)      (variance GAIN^2 / fan_in)
    batch-norm weight:           1 + 0.4 u(k, p)
    bias (batch norm and fc):    0.2 u(k, p)
and the b-th batch norm's running statistics (b from 0) are
    running_mean: 0.2 u(k, 1000 + b)      running_var: 1 + u(k, 2000 + b)
each computed in float64 and rounded to float32. The input (2 x C x S x S, flattened) holds 2 u(k, 7).
GAIN is written on the logits line (sqrt(2), He's, for the plain networks; smaller for the residual ones,
whose variance otherwise doubles block after block).
The option-A shortcut subsamples with x[:, :, ::2, ::2] and appends zero channels after the old ones.
"""
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, planes, stride, skip):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.skip, self.stride, self.cin, self.planes = skip, stride, cin, planes

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.skip:
            shortcut = x
            if self.stride != 1 or self.cin != self.planes:
                sub = x[:, :, :: self.stride, :: self.stride]
                zeros = sub.new_zeros(sub.shape[0], self.planes - self.cin, sub.shape[2], sub.shape[3])
                shortcut = torch.cat([sub, zeros], 1)
            out = out + shortcut
        return F.relu(out)


class CifarNet(nn.Module):
    def __init__(self, depth, skip, cin, classes):
        super().__init__()
        n = (depth - 2) // 6
        self.conv1 = nn.Conv2d(cin, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        c = 16
        for s, planes in enumerate((16, 32, 64)):
            blocks = []
            for b in range(n):
                blocks.append(Block(c, planes, 2 if s > 0 and b == 0 else 1, skip))
                c = planes
            setattr(self, "layer%d" % (s + 1), nn.Sequential(*blocks))
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        self.last = x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def u(numel, seed):
    k = torch.arange(numel, dtype=torch.int64)
    return torch.remainder(k * 2654435761 + seed * 40503, 2**32).double() / 2**32 - 0.5


def set_weights(model, gain):
    with torch.no_grad():
        for p_index, (name, p) in enumerate(model.named_parameters()):
            s = u(p.numel(), p_index)
            if name.endswith("bias"):
                v = 0.2 * s
            elif p.dim() == 1:  # batch norm's gamma
                v = 1 + 0.4 * s
            else:
                fan_in = p[0].numel()
                v = gain * math.sqrt(12.0 / fan_in) * s
            p.copy_(v.float().view_as(p))
        b = 0
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                n = m.running_mean.numel()
                m.running_mean.copy_((0.2 * u(n, 1000 + b)).float())
                m.running_var.copy_((1 + u(n, 2000 + b)).float())
                b += 1


def main():
    lines = []
    for skip, prefix in ((True, "resnet"), (False, "plain")):
        for depth in (20, 32, 44, 56, 110):
            for cin, classes in ((3, 10), (1, 10), (3, 100)):
                count = sum(p.numel() for p in CifarNet(depth, skip, cin, classes).parameters())
                lines.append("params %s%d %d %d %d" % (prefix, depth, cin, classes, count))
    for name, depth, skip, cin, size, gain in (("resnet20", 20, True, 3, 32, 0.5),
                                               ("plain20", 20, False, 3, 32, math.sqrt(2)),
                                               ("resnet56", 56, True, 1, 28, 0.5),
                                               ("plain32", 32, False, 1, 28, math.sqrt(2))):
        model = CifarNet(depth, skip, cin, 10)
        set_weights(model, gain)
        model.eval()
        x = (2 * u(2 * cin * size * size, 7)).float().view(2, cin, size, size)
        with torch.no_grad():
            y = model(x).flatten().tolist()
        lines.append("logits %s %d %d 10 %.17g %s" % (name, cin, size, gain, " ".join("%.9g" % v for v in y)))
        # Pooling averages the spatial pattern away; the last block's map keeps it.
        tap = "layer3.%d" % ((depth - 2) // 6 - 1)
        f = model.last[0, :4].flatten().tolist()
        lines.append("features %s %s %s" % (name, tap, " ".join("%.9g" % v for v in f)))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cifar_resnet_reference.txt")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
