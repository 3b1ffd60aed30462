#!/usr/bin/python3
"""PyTorch Python reference for bench_train: the same model, batch size, optimizer, thread count and in-memory
data, the same per-step work (index the batch, scale and normalise, forward, cross-entropy, backward, step).
Debian's python3-torch runs on the same LibTorch 1.13 as ConvScope.

Usage: /usr/bin/python3 bench_train.py [steps] [threads] [model] [stem] [batch] [optimizer]
       defaults: 40 2 resnet18 imagenet 128 adam
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.resnet import BasicBlock, ResNet

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 40
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
model_name = sys.argv[3] if len(sys.argv) > 3 else "resnet18"
stem = sys.argv[4] if len(sys.argv) > 4 else "imagenet"
batch = int(sys.argv[5]) if len(sys.argv) > 5 else 128
optimizer_name = sys.argv[6] if len(sys.argv) > 6 else "adam"
assert model_name == "resnet18", "only resnet18 is mirrored here"
torch.set_num_threads(threads)
torch.manual_seed(3)

model = ResNet(BasicBlock, [2, 2, 2, 2], num_classes=10)
if stem == "small":
    model.conv1 = nn.Conv2d(1, 64, 3, 1, 1, bias=False)
    model.maxpool = nn.Identity()
else:
    model.conv1 = nn.Conv2d(1, 64, 7, 2, 3, bias=False)
model.train()
if optimizer_name == "sgd":
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
else:
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

n = steps * batch
images = torch.randint(0, 256, (n, 1, 28, 28), dtype=torch.uint8)
labels = torch.randint(0, 10, (n,), dtype=torch.int64)


def epoch(count):
    order = torch.randperm(count)
    start = time.perf_counter()
    for b in range(0, count, batch):
        index = order[b:b + batch]
        x = (images.index_select(0, index).float().div_(255.0) - 0.2860) / 0.3530
        y = labels.index_select(0, index)
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        loss.item()
    return time.perf_counter() - start


epoch(5 * batch)  # warm-up
seconds = epoch(n)
print(f"PyTorch {torch.__version__}, {threads} threads: {1000 * seconds / steps:.1f} ms per step, "
      f"{n / seconds:.0f} images/s")
