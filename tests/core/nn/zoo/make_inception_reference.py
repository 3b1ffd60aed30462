#!/usr/bin/python3
"""Reference numbers for test_zoo_inception.cpp: the Inception models, DenseNet-169 and AlexNet as the slides
draw it, from torchvision 0.14 and from the seeds' own code, run with Debian's python3 (torch 1.13):

    /usr/bin/python3 make_inception_reference.py      # writes inception_reference.json next to this file

Per model: "params" (sum(p.numel()), as PyTorch counts), "input" (C, H, W of the traced input), "output"
(the main output's shape without the batch dimension), "macs" (multiply-accumulates of every Conv2d and
Linear run, for one image: a Conv2d output value costs in/groups x kh x kw, a Linear in x out) and "layers"
(module path -> output shape of every Conv2d and Linear that ran, as forward hooks see them). The auxiliary
classifiers run only in training mode in torchvision; here they are called in evaluation mode from a hook on
the module they read (GoogLeNet: inception4a, inception4d; Inception-v3: Mixed_6e), so that their layers
and costs are listed too, as ConvScope's description draws them.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import models


class InceptionModule(nn.Module):
    """The seed's InceptionModule (seed 000, the Inception deep dive), copied as the seed writes it."""

    def __init__(self, in_channels, out_channels_1x1, out_channels_3x3_reduce,
                 out_channels_3x3, out_channels_5x5_reduce, out_channels_5x5,
                 out_channels_pool):
        super().__init__()
        # 1x1 conv branch
        self.branch1x1 = nn.Conv2d(in_channels, out_channels_1x1, kernel_size=1)
        # 1x1 conv -> 3x3 conv branch
        self.branch3x3_reduce = nn.Conv2d(in_channels, out_channels_3x3_reduce, kernel_size=1)
        self.branch3x3 = nn.Conv2d(out_channels_3x3_reduce, out_channels_3x3, kernel_size=3, padding=1)
        # 1x1 conv -> 5x5 conv branch
        self.branch5x5_reduce = nn.Conv2d(in_channels, out_channels_5x5_reduce, kernel_size=1)
        self.branch5x5 = nn.Conv2d(out_channels_5x5_reduce, out_channels_5x5, kernel_size=5, padding=2)
        # 3x3 max pool -> 1x1 conv branch
        self.branch_pool = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.branch_pool_proj = nn.Conv2d(in_channels, out_channels_pool, kernel_size=1)

    def forward(self, x):
        branch1x1 = F.relu(self.branch1x1(x))
        branch3x3 = F.relu(self.branch3x3_reduce(x))
        branch3x3 = F.relu(self.branch3x3(branch3x3))
        branch5x5 = F.relu(self.branch5x5_reduce(x))
        branch5x5 = F.relu(self.branch5x5(branch5x5))
        branch_pool = F.relu(self.branch_pool_proj(self.branch_pool(x)))
        outputs = [branch1x1, branch3x3, branch5x5, branch_pool]
        return torch.cat(outputs, 1)  # Concatenate along the channel dimension


class AlexNetSlides(nn.Module):
    """AlexNet as the slides (seed 002) draw it, with the original paper's details the slides leave out:
    CONV1 96 11x11 filters at stride 4, pad 0 on 227x227x3; each max pooling 3x3 at stride 2 followed by a
    normalisation layer (local response normalisation, size 5, alpha 1e-4, beta 0.75, k 2); CONV2, CONV4
    and CONV5 split in two groups, as the two GPUs of Krizhevsky et al. 2012; FC6 4096, FC7 4096, FC8 1000
    with dropout 0.5 before FC6 and FC7. Written independently of core/nn/zoo/zoo_alexnet_slides.cpp; the
    adaptive average pooling to 6x6 is the identity at 227x227 (as the C++ model keeps it, for other sizes)."""

    def __init__(self, num_classes=1000):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 96, 11, stride=4, padding=0), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0),
            nn.Conv2d(96, 256, 5, padding=2, groups=2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0),
            nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(),
            nn.Conv2d(384, 384, 3, padding=1, groups=2), nn.ReLU(),
            nn.Conv2d(384, 256, 3, padding=1, groups=2), nn.ReLU(), nn.MaxPool2d(3, 2))
        self.avgpool = nn.AdaptiveAvgPool2d(6)
        self.classifier = nn.Sequential(
            nn.Dropout(0.5), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(),
            nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, num_classes))

    def forward(self, x):
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


def measure(model, size, aux_after=()):
    """params, output shape, MACs and Conv2d/Linear output shapes of one 1 x 3 x size x size image."""
    model.eval()
    layers, macs = {}, [0]
    names = {m: n for n, m in model.named_modules()}

    def hook(module, inputs, output):
        shape = list(output.shape[1:])
        layers[names[module]] = shape
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            macs[0] += output.numel() * module.in_channels // module.groups * kh * kw
        else:
            macs[0] += module.in_features * module.out_features

    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            m.register_forward_hook(hook)
    aux_outputs = {}
    for trunk_name, aux_name in aux_after:
        aux = getattr(model, aux_name)
        getattr(model, trunk_name).register_forward_hook(
            lambda mod, inp, out, aux=aux, aux_name=aux_name: aux_outputs.__setitem__(aux_name, list(aux(out).shape[1:])))
    with torch.no_grad():
        y = model(torch.zeros(1, 3, size, size))
    if isinstance(y, tuple):
        y = y[0]
    entry = {"params": sum(p.numel() for p in model.parameters()), "input": [3, size, size],
             "output": list(y.shape[1:]), "macs": macs[0], "layers": layers}
    if aux_outputs:
        entry["aux_outputs"] = aux_outputs
    return entry


def main():
    torch.manual_seed(0)
    ref = {}
    seed = InceptionModule(3, 64, 96, 128, 16, 32, 32)
    ref["seed-inception"] = measure(seed, 28)
    ref["inception_v3"] = measure(models.inception_v3(weights=None, aux_logits=False, init_weights=False), 299)
    ref["inception_v3 --aux"] = measure(
        models.inception_v3(weights=None, aux_logits=True, init_weights=False), 299, [("Mixed_6e", "AuxLogits")])
    ref["googlenet"] = measure(models.googlenet(weights=None, aux_logits=False, init_weights=False), 224)
    ref["googlenet --aux"] = measure(models.googlenet(weights=None, aux_logits=True, init_weights=False), 224,
                                     [("inception4a", "aux1"), ("inception4d", "aux2")])
    ref["densenet169"] = measure(models.densenet169(weights=None), 224)
    ref["alexnet-slides"] = measure(AlexNetSlides(), 227)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "inception_reference.json"), "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)
        f.write("\n")
    for name, entry in ref.items():
        print(f"{name:22s} params {entry['params']:>12,} output {entry['output']} macs {entry['macs']:,}")


if __name__ == "__main__":
    main()
