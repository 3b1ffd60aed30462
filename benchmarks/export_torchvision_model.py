#!/usr/bin/python3
"""Writes a torchvision model (random weights) as TorchScript for bench_import and manual checks.

  /usr/bin/python3 benchmarks/export_torchvision_model.py resnet50 /tmp/resnet50.pt [--trace]

Needs python3-torchvision (Debian); prints the parameter count PyTorch gives, to compare with describe.
"""
import sys

import torch
import torchvision


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    name, out = sys.argv[1], sys.argv[2]
    model = getattr(torchvision.models, name)(weights=None).eval()
    x = torch.zeros(1, 3, 224, 224)
    scripted = torch.jit.trace(model, x) if "--trace" in sys.argv else torch.jit.script(model)
    scripted.save(out)
    print(name, sum(p.numel() for p in model.parameters()), "parameters")


if __name__ == "__main__":
    main()
