#!/usr/bin/python3
"""Parameter counts of PyTorch/torchvision models, the reference for tests/core/nn/test_models.cpp.

Run with Debian's python3, python3-torch and python3-torchvision:  /usr/bin/python3 make_param_counts.py
Writes param_counts.txt: one line per configuration,
    NAME IN_CHANNELS CLASSES STEM BLOCK SKIP PARAMETERS
STEM is imagenet (torchvision's 7x7 stride-2 convolution and max pooling) or small (one 3x3 stride-1
convolution, no max pooling); BLOCK is basic, bottleneck or - (the depth's own); SKIP is 1, or 0 for a network
whose skip connections (and their 1x1 projections) are removed.
"""
import torch.nn as nn
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet


def count(model):
    return sum(p.numel() for p in model.parameters())


def resnet(layers, block, in_channels, classes, stem, skip):
    model = ResNet(block, layers, num_classes=classes)
    if stem == "small":
        model.conv1 = nn.Conv2d(in_channels, 64, 3, 1, 1, bias=False)
        model.maxpool = nn.Identity()
    else:
        model.conv1 = nn.Conv2d(in_channels, 64, 7, 2, 3, bias=False)
    if not skip:
        for stage in (model.layer1, model.layer2, model.layer3, model.layer4):
            for b in stage:
                b.downsample = None
    return model


class SimpleCNN(nn.Module):  # the seed's layers, with a head: global average pooling and a linear layer
    def __init__(self, in_channels, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc = nn.Linear(64, classes)


class HierarchicalCNN(nn.Module):
    def __init__(self, in_channels, classes):
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(in_channels, 64, 3, padding=1), nn.BatchNorm2d(64)
        self.conv2, self.bn2 = nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128)
        self.conv3, self.bn3 = nn.Conv2d(128, 256, 3, padding=1), nn.BatchNorm2d(256)
        self.fc = nn.Linear(256, classes)


class LeNet5(nn.Module):  # 28x28 input, conv1 padded by 2
    def __init__(self, in_channels, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc = nn.Linear(16 * 5 * 5, 120), nn.Linear(120, 84), nn.Linear(84, classes)


DEPTHS = {"resnet18": ([2, 2, 2, 2], BasicBlock), "resnet34": ([3, 4, 6, 3], BasicBlock),
          "resnet50": ([3, 4, 6, 3], Bottleneck)}
BLOCKS = {"basic": BasicBlock, "bottleneck": Bottleneck}


def main():
    rows = []
    for name, (layers, block) in DEPTHS.items():
        for in_channels, classes in ((3, 1000), (1, 10)):
            for stem in ("imagenet", "small"):
                for skip in (1, 0):
                    rows.append((name, in_channels, classes, stem, "-", skip,
                                 count(resnet(layers, block, in_channels, classes, stem, skip))))
    for block_name, block in BLOCKS.items():  # ResNet-18's depth with either block
        rows.append(("resnet18", 1, 10, "small", block_name, 1,
                     count(resnet([2, 2, 2, 2], block, 1, 10, "small", True))))
    for cls, name in ((SimpleCNN, "simplecnn"), (HierarchicalCNN, "hierarchicalcnn"), (LeNet5, "lenet5")):
        for in_channels, classes in ((1, 10), (3, 100)):
            rows.append((name, in_channels, classes, "-", "-", 1, count(cls(in_channels, classes))))
    with open("param_counts.txt", "w") as out:
        for r in rows:
            out.write(" ".join(str(x) for x in r) + "\n")


if __name__ == "__main__":
    main()
