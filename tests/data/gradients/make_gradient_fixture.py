#!/usr/bin/python3
"""Makes gradient_fixture.json: PyTorch's loss and per-parameter gradient norms for ConvScope's ResNet-18
(small stem: one 3x3 stride-1 convolution; 1 input channel, 10 classes, 28x28) on six fixed images, in
evaluation mode and in training mode (batch norm with the batch's statistics).

The weights, the batch norm statistics and the images come from formulas that the C++ test
(tests/core/nn/train/test_gradient_measurement.cpp) evaluates too, so nothing but this file's numbers is
stored. Run with Debian's python (torch 1.13, numpy):  /usr/bin/python3 make_gradient_fixture.py
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv(cin, cout, k, stride, pad):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=pad, bias=False)


class Block(nn.Module):
    # Registered in the order and under the names of core/nn/models/resnet.cpp's ResidualBlockImpl.
    def __init__(self, cin, planes, stride):
        super().__init__()
        self.conv1 = conv(cin, planes, 3, stride, 1)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv(planes, planes, 3, 1, 1)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or cin != planes:
            self.downsample = nn.Sequential(conv(cin, planes, 1, stride, 0), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return F.relu(out + identity)


class ResNet18Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = conv(1, 64, 3, 1, 1)
        self.bn1 = nn.BatchNorm2d(64)
        cin = 64
        self.blocks = []
        for stage, planes in enumerate([64, 128, 256, 512]):
            for b in range(2):
                stride = 2 if stage > 0 and b == 0 else 1
                block = Block(cin, planes, stride)
                setattr(self, "layer%d_%d" % (stage + 1, b), block)
                self.blocks.append(block)
                cin = planes
        self.fc = nn.Linear(512, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        for block in self.blocks:
            x = block(x)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def formula(name, shape, k):
    """Value i of entry k: a + s (2u - 1) with u = ((2654435761 i + 40503 k + 12345) mod 2^32) / 2^32, a
    multiplicative hash in exact integer arithmetic (no libm), so that C++ computes the same floats."""
    n = int(np.prod(shape))
    if name.endswith("running_mean"):
        a, s = 0.0, 0.1
    elif name.endswith("running_var"):
        a, s = 1.0, 0.3
    elif len(shape) >= 2:
        a, s = 0.0, math.sqrt(6.0 / (n / shape[0]))  # He's uniform bound for the fan-in
    elif name.endswith("weight"):
        a, s = 1.0, 0.1
    else:
        a, s = 0.0, 0.1
    i = np.arange(n, dtype=np.uint64)
    h = (i * np.uint64(2654435761) + np.uint64(40503 * k + 12345)) % np.uint64(1 << 32)
    u = h.astype(np.float64) / 4294967296.0
    return torch.from_numpy((a + s * (2.0 * u - 1.0)).astype(np.float32).reshape(shape))


def images():
    """Six 1x28x28 images: pixel (i, y, x) = ((i + 1)(7x + 3y) + xy) mod 256; label (3i + 1) mod 10."""
    pixels = np.zeros((6, 1, 28, 28), dtype=np.float32)
    for i in range(6):
        for y in range(28):
            for x in range(28):
                pixels[i, 0, y, x] = ((i + 1) * (7 * x + 3 * y) + x * y) % 256
    x = (torch.from_numpy(pixels) / 255.0 - 0.2860) / 0.3530  # InputTransform's defaults
    labels = torch.tensor([(3 * i + 1) % 10 for i in range(6)])
    return x, labels


def measure(model, x, labels, training):
    model.train(training)
    model.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x), labels)
    loss.backward()
    norms = {name: float(p.grad.double().norm()) for name, p in model.named_parameters()}
    return float(loss), norms


def main():
    torch.set_num_threads(1)
    model = ResNet18Small()
    parameters = [(n, list(p.shape)) for n, p in model.named_parameters()]
    buffers = [(n, list(b.shape)) for n, b in model.named_buffers() if "running" in n]
    with torch.no_grad():
        for k, (name, p) in enumerate(model.named_parameters()):
            p.copy_(formula(name, list(p.shape), k))
        for k, (name, b) in enumerate((n, b) for n, b in model.named_buffers() if "running" in n):
            b.copy_(formula(name, list(b.shape), k))
    x, labels = images()
    eval_loss, eval_norms = measure(model, x, labels, False)
    train_loss, train_norms = measure(model, x, labels, True)
    out = {
        "model": "resnet18, small stem, 1 channel, 10 classes, 28x28",
        "parameters": parameters,
        "buffers": buffers,
        "eval": {"loss": eval_loss, "grad_norms": eval_norms},
        "train": {"loss": train_loss, "grad_norms": train_norms},
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gradient_fixture.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", path, "eval loss", eval_loss, "train loss", train_loss)


if __name__ == "__main__":
    main()
