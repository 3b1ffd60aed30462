#!/usr/bin/python3
"""Reference architecture numbers of torchvision's models, for the zoo tests (tests/core/nn/test_zoo_*.cpp).

Run with Debian's python3, python3-torch and python3-torchvision:  /usr/bin/python3 make_zoo_reference.py
Writes zoo_reference.txt for 3 x 224 x 224 inputs and 1000 classes:
    model NAME params PARAMETERS macs MACS
    layer NAME MODULE_PATH D1 [D2 D3]
MACS counts multiply-accumulates of Conv2d, ConvTranspose2d and Linear layers for one image (a Conv2d output
value costs in_channels/groups x kh x kw; a ConvTranspose2d input value out_channels/groups x kh x kw; a Linear
layer in x out). preact_resnet18 and unet (10 classes: per-pixel scores) are written here independently of the
C++ code, the others are torchvision's. A layer line gives, for every Conv2d and
ConvTranspose2d and Linear module, its output shape without the batch dimension, as seen by a forward hook.
"""
import torch
import torch.nn as nn
import torchvision
from torchvision import models


class PreActBlock(nn.Module):
    """He et al. 2016's pre-activation block, as core/nn/preact_resnet.cpp builds it (independently written)."""

    def __init__(self, cin, planes, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.shortcut = nn.Conv2d(cin, planes, 1, stride, bias=False) if stride != 1 or cin != planes else None

    def forward(self, x):
        pre = torch.relu(self.bn1(x))
        identity = self.shortcut(pre) if self.shortcut is not None else x
        return self.conv2(torch.relu(self.bn2(self.conv1(pre)))) + identity


class PreActResNet18(nn.Module):
    def __init__(self, weights=None, num_classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        cin, stages = 64, []
        for i, planes in enumerate((64, 128, 256, 512)):
            stage = nn.Sequential(PreActBlock(cin, planes, 1 if i == 0 else 2), PreActBlock(planes, planes, 1))
            setattr(self, "layer%d" % (i + 1), stage)
            cin = planes
        self.bn_final = nn.BatchNorm2d(512)
        self.fc = nn.Linear(512, num_classes)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = torch.relu(self.bn_final(x))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


def double_conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class SmallUNet(nn.Module):
    """The small U-Net of core/nn/unet.cpp: 16 base channels, four levels, padded convolutions."""

    def __init__(self, weights=None, num_classes=1000):
        super().__init__()
        cin = 3
        for level in range(1, 6):
            cout = 16 << (level - 1)
            setattr(self, "enc%d" % level if level <= 4 else "bottleneck", double_conv(cin, cout))
            cin = cout
        for level in range(4, 0, -1):
            cout = 16 << (level - 1)
            setattr(self, "up%d" % level, nn.ConvTranspose2d(cin, cout, 2, stride=2))
            setattr(self, "dec%d" % level, double_conv(2 * cout, cout))
            cin = cout
        self.head = nn.Conv2d(16, num_classes, 1)

    def forward(self, x):
        skips = []
        for level in range(1, 5):
            x = getattr(self, "enc%d" % level)(x)
            skips.append(x)
            x = nn.functional.max_pool2d(x, 2)
        x = self.bottleneck(x)
        for level in range(4, 0, -1):
            x = getattr(self, "up%d" % level)(x)
            x = getattr(self, "dec%d" % level)(torch.cat([skips[level - 1], x], 1))
        return self.head(x)


MODELS = [
    ("alexnet", models.alexnet, {}),
    ("vgg11", models.vgg11, {}), ("vgg11_bn", models.vgg11_bn, {}),
    ("vgg13", models.vgg13, {}), ("vgg13_bn", models.vgg13_bn, {}),
    ("vgg16", models.vgg16, {}), ("vgg16_bn", models.vgg16_bn, {}),
    ("vgg19", models.vgg19, {}), ("vgg19_bn", models.vgg19_bn, {}),
    ("resnet18", models.resnet18, {}), ("resnet34", models.resnet34, {}), ("resnet50", models.resnet50, {}),
    ("resnet101", models.resnet101, {}), ("resnet152", models.resnet152, {}),
    ("googlenet", models.googlenet, {"aux_logits": False, "init_weights": False}),
    ("mobilenet_v2", models.mobilenet_v2, {}),
    ("densenet121", models.densenet121, {}),
    ("shufflenet_v2", models.shufflenet_v2_x1_0, {}),
    ("preact_resnet18", PreActResNet18, {}),
    ("unet", SmallUNet, {"num_classes": 10}),
] + [("efficientnet_b%d" % i, getattr(models, "efficientnet_b%d" % i), {}) for i in range(8)]


def describe(name, make, kwargs):
    model = make(weights=None, **kwargs).eval()
    params = sum(p.numel() for p in model.parameters())
    macs = [0]
    layers = []

    def hook(path):
        def run(module, inputs, output):
            if isinstance(module, torch.nn.Conv2d):
                c = module
                macs[0] += output.numel() * (c.in_channels // c.groups) * c.kernel_size[0] * c.kernel_size[1]
            elif isinstance(module, torch.nn.ConvTranspose2d):
                c = module
                macs[0] += inputs[0].numel() * (c.out_channels // c.groups) * c.kernel_size[0] * c.kernel_size[1]
            elif isinstance(module, torch.nn.Linear):
                macs[0] += module.in_features * module.out_features
            layers.append((path, list(output.shape[1:])))
        return run

    for path, module in model.named_modules():
        if isinstance(module, (torch.nn.Conv2d, torch.nn.ConvTranspose2d, torch.nn.Linear)):
            module.register_forward_hook(hook(path))
    with torch.no_grad():
        model(torch.zeros(1, 3, 224, 224))
    lines = ["model %s params %d macs %d" % (name, params, macs[0])]
    lines += ["layer %s %s %s" % (name, path, " ".join(str(d) for d in shape)) for path, shape in layers]
    return lines


def main():
    out = ["# torch %s, torchvision %s; 3x224x224 input, 1000 classes" % (torch.__version__, torchvision.__version__)]
    for name, make, kwargs in MODELS:
        out += describe(name, make, kwargs)
    with open(__file__.replace("make_zoo_reference.py", "zoo_reference.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
