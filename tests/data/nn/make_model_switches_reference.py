#!/usr/bin/python3
"""Parameter counts of ConvScope's models with batch normalisation switched off (ModelConfig::batchNorm =
false), from PyTorch modules written here: the reference for tests/core/nn/models/test_model_switches.cpp.

Run with Debian's python3 and python3-torch:  /usr/bin/python3 make_model_switches_reference.py
Writes model_switches_reference.txt, one line per model:
    params NAME IN_CHANNELS CLASSES STEM PARAMETERS        (STEM: small or imagenet; "-" where none applies)

Without batch norm every convolution that fed one gets a bias (nn.Conv2d's default), the usual layout of a
network without batch norm: batch norm's beta was the only per-channel shift. HierarchicalCNN's convolutions
have a bias either way (as in the seed's code). The ResNets' 1x1 projection shortcut keeps its convolution
(now with a bias) and loses its batch norm; the CIFAR networks' option-A shortcut has no parameters.
Dropout has no parameters, so it changes no count.
"""
import os

import torch.nn as nn


def conv(cin, cout, k, stride=1, padding=0):
    return nn.Conv2d(cin, cout, k, stride, padding, bias=True)


class HierarchicalNoBn(nn.Module):
    def __init__(self, cin, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, 64, 3, padding=1)
        self.conv2 = nn.Conv2d(64, 128, 3, padding=1)
        self.conv3 = nn.Conv2d(128, 256, 3, padding=1)
        self.fc = nn.Linear(256, classes)


class BasicNoBn(nn.Module):
    expansion = 1

    def __init__(self, cin, planes, stride):
        super().__init__()
        self.conv1 = conv(cin, planes, 3, stride, 1)
        self.conv2 = conv(planes, planes, 3, 1, 1)
        out = planes * self.expansion
        self.downsample = conv(cin, out, 1, stride) if stride != 1 or cin != out else None


class BottleneckNoBn(nn.Module):
    expansion = 4

    def __init__(self, cin, planes, stride):
        super().__init__()
        out = planes * self.expansion
        self.conv1 = conv(cin, planes, 1)
        self.conv2 = conv(planes, planes, 3, stride, 1)
        self.conv3 = conv(planes, out, 1)
        self.downsample = conv(cin, out, 1, stride) if stride != 1 or cin != out else None


class ResNetNoBn(nn.Module):
    """torchvision's ResNet with every BatchNorm2d removed and biases on the convolutions."""

    def __init__(self, block, layers, cin, classes, stem):
        super().__init__()
        self.conv1 = conv(cin, 64, 3, 1, 1) if stem == "small" else conv(cin, 64, 7, 2, 3)
        blocks = []
        c = 64
        for s, (n, planes) in enumerate(zip(layers, (64, 128, 256, 512))):
            for b in range(n):
                blocks.append(block(c, planes, 2 if s > 0 and b == 0 else 1))
                c = planes * block.expansion
        self.blocks = nn.ModuleList(blocks)
        self.fc = nn.Linear(c, classes)


class CifarNoBn(nn.Module):
    """He et al. 2016's CIFAR network (option A, so no shortcut parameters) without batch norm."""

    def __init__(self, depth, cin, classes):
        super().__init__()
        n = (depth - 2) // 6
        self.conv1 = conv(cin, 16, 3, 1, 1)
        convs = []
        c = 16
        for s, planes in enumerate((16, 32, 64)):
            for b in range(n):
                convs += [conv(c, planes, 3, 2 if s > 0 and b == 0 else 1, 1), conv(planes, planes, 3, 1, 1)]
                c = planes
        self.convs = nn.ModuleList(convs)
        self.fc = nn.Linear(64, classes)


def count(model):
    return sum(p.numel() for p in model.parameters())


def main():
    rows = [
        ("hierarchicalcnn", 1, 10, "-", HierarchicalNoBn(1, 10)),
        ("resnet20", 3, 10, "-", CifarNoBn(20, 3, 10)),
        ("resnet56", 1, 10, "-", CifarNoBn(56, 1, 10)),
        ("plain20", 3, 10, "-", CifarNoBn(20, 3, 10)),
        ("resnet18", 1, 10, "small", ResNetNoBn(BasicNoBn, (2, 2, 2, 2), 1, 10, "small")),
        ("resnet18", 3, 1000, "imagenet", ResNetNoBn(BasicNoBn, (2, 2, 2, 2), 3, 1000, "imagenet")),
        ("resnet50", 3, 1000, "imagenet", ResNetNoBn(BottleneckNoBn, (3, 4, 6, 3), 3, 1000, "imagenet")),
    ]
    lines = ["params %s %d %d %s %d" % (name, cin, classes, stem, count(m)) for name, cin, classes, stem, m in rows]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model_switches_reference.txt")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
