#!/usr/bin/python3
"""Makes the TorchScript fixtures of the import tests, and PyTorch's own answers for them.

Run with Debian's interpreter from this folder: /usr/bin/python3 make_torchscript_models.py
Writes:
  tiny_net_scripted.pt, tiny_net_traced.pt  one small network (stem, a residual block with an in-place add and
                                            in-place ReLUs, an Inception-like concatenation, a strided
                                            convolution, global pooling, a linear head), scripted and traced
  tiny_net_expected.json                    parameter count, each module's output shape and parameter count from
                                            forward hooks, the logits for the fixed input
  tiny_net_features.bin                     the output of every Conv2d for the fixed input, float32 little
                                            endian, in the order of `conv_outputs` in the JSON
  rgb_net_scripted.pt                       a 3-channel, 5-class network without batch norm (ImageNet-style input)
  unknown_op.pt                             tiny_net_scripted.pt with torch.relu renamed in its code to an operator
                                            no LibTorch has (what a file from a newer PyTorch looks like)
  aux_net_traced.pt, aux_net_expected.json  a network with an auxiliary head that only training runs (as
                                            GoogLeNet's) and a convolution applied twice, traced in eval mode,
                                            and PyTorch's parameter counts: total, read by the traced forward
                                            pass, and unused (the auxiliary head's)
Each file can be made alone: make_torchscript_models.py aux_net writes only the aux_net files (the other
fixtures' bytes stay as they are); without arguments it makes all of them.
The fixed input is x[0, c, i, j] = sin(0.3 i + 0.7 c) * cos(0.2 j) for a 1 x C x 28 x 28 tensor (the C++ test
builds the same one).
"""
import json
import math
import sys

import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += x
        return self.relu(out)


class Mixed(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.branch1 = nn.Conv2d(c, 4, 1)
        self.branch2 = nn.Sequential(nn.Conv2d(c, 4, 1), nn.ReLU(), nn.Conv2d(4, 4, 3, padding=1))

    def forward(self, x):
        return torch.cat([self.branch1(x), self.branch2(x)], 1)


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(2)
        self.layer1 = Block(8)
        self.mixed = Mixed(8)
        self.down = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer1(x)
        x = self.mixed(x)
        x = torch.relu(self.down(x))
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)


class RgbNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 6, 5), nn.ReLU(inplace=True), nn.MaxPool2d(2),
                                      nn.Conv2d(6, 12, 3), nn.ReLU(inplace=True), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(12 * 5 * 5, 32), nn.ReLU(), nn.Linear(32, 5))

    def forward(self, x):
        return self.classifier(self.features(x))


class AuxNet(nn.Module):
    """A main path, an auxiliary classifier computed in training mode only (GoogLeNet's aux1/aux2: traced in
    eval mode, its parameters are in the file but no operation reads them) and a convolution applied twice
    (its parameters count once, as in model.parameters())."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 4, 3, padding=1)
        self.shared = nn.Conv2d(4, 4, 3, padding=1)
        self.aux = nn.Sequential(nn.AdaptiveAvgPool2d(2), nn.Flatten(), nn.Linear(16, 8), nn.ReLU(),
                                 nn.Linear(8, 10))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 10)

    def forward(self, x):
        x = torch.relu(self.stem(x))
        x = torch.relu(self.shared(x))
        aux = self.aux(x) if self.training else None
        x = torch.relu(self.shared(x))
        out = self.fc(torch.flatten(self.pool(x), 1))
        return out if aux is None else out + aux


def fixed_input(channels):
    x = torch.zeros(1, channels, 28, 28)
    for c in range(channels):
        for i in range(28):
            for j in range(28):
                x[0, c, i, j] = math.sin(0.3 * i + 0.7 * c) * math.cos(0.2 * j)
    return x


def randomise_batch_norm(model):
    # Running statistics far from 0 and 1, so that an evaluation-mode forward pass differs from a training one.
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)


def with_unknown_operator(source, target):
    import zipfile
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith("code/__torch__.py"):
                data = data.replace(b"torch.relu(", b"torch.convscope_missing_op(")
            zout.writestr(item, data)


def make_aux_net():
    torch.manual_seed(2)
    net = AuxNet().eval()
    torch.jit.trace(net, fixed_input(1)).save("aux_net_traced.pt")
    total = sum(p.numel() for p in net.parameters())
    unused = sum(p.numel() for p in net.aux.parameters())
    expected = {"input": [1, 28, 28], "total_params": total, "used_params": total - unused,
                "unused_params": unused}
    with open("aux_net_expected.json", "w") as f:
        json.dump(expected, f, indent=1)
    print("aux net params", total, "unused", unused)


def make_all():
    torch.manual_seed(0)
    net = TinyNet()
    randomise_batch_norm(net)
    net.eval()
    x = fixed_input(1)

    shapes, params, conv_outputs, features = {}, {}, [], []

    def hook(name):
        def f(module, inputs, output):
            if name not in shapes:  # a reused module (relu) keeps its first call
                shapes[name] = list(output.shape[1:])
            if isinstance(module, nn.Conv2d):
                conv_outputs.append(name)
                features.append(output.detach().clone().contiguous().view(-1))
        return f

    for name, m in net.named_modules():
        if name and not list(m.children()):
            m.register_forward_hook(hook(name))
            params[name] = sum(p.numel() for p in m.parameters())
    with torch.no_grad():
        logits = net(x)

    expected = {
        "input": [1, 28, 28],
        "total_params": sum(p.numel() for p in net.parameters()),
        "module_shapes": shapes,
        "module_params": params,
        "conv_outputs": conv_outputs,
        "conv_shapes": [shapes[n] for n in conv_outputs],
        "logits": [float(v) for v in logits[0]],
    }
    with open("tiny_net_expected.json", "w") as f:
        json.dump(expected, f, indent=1)
    torch.cat(features).numpy().astype("<f4").tofile("tiny_net_features.bin")

    clean = TinyNet()
    clean.load_state_dict(net.state_dict())
    clean.eval()
    torch.jit.script(clean).save("tiny_net_scripted.pt")
    torch.jit.trace(clean, x).save("tiny_net_traced.pt")

    with_unknown_operator("tiny_net_scripted.pt", "unknown_op.pt")

    torch.manual_seed(1)
    rgb = RgbNet().eval()
    torch.jit.script(rgb).save("rgb_net_scripted.pt")
    print("total params", expected["total_params"], "rgb params", sum(p.numel() for p in rgb.parameters()))
    make_aux_net()


def main():
    makers = {"aux_net": make_aux_net}
    if len(sys.argv) == 1:
        make_all()
        return
    for name in sys.argv[1:]:
        if name not in makers:
            sys.exit("unknown fixture %s (known: %s)" % (name, ", ".join(sorted(makers))))
        makers[name]()


if __name__ == "__main__":
    main()
