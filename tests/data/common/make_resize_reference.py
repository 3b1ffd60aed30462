#!/usr/bin/python3
"""Reference for core/common/attribution_display's bilinear resizing: torch.nn.functional.interpolate
(mode="bilinear", align_corners=False), the convention Grad-CAM implementations upsample with.
Writes resize_reference.txt: per case a line "h w H W" then the source values, then the result values.
Run: /usr/bin/python3 tests/data/common/make_resize_reference.py"""
import os
import torch
import torch.nn.functional as F

cases = [(2, 2, 4, 4), (3, 2, 7, 5), (4, 4, 28, 28), (7, 7, 28, 28), (5, 3, 2, 2)]
torch.manual_seed(0)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "resize_reference.txt"), "w") as out:
    for h, w, H, W in cases:
        src = torch.randn(1, 1, h, w, dtype=torch.float64)
        dst = F.interpolate(src, size=(H, W), mode="bilinear", align_corners=False)
        out.write(f"{h} {w} {H} {W}\n")
        out.write(" ".join(repr(float(v)) for v in src.flatten()) + "\n")
        out.write(" ".join(repr(float(v)) for v in dst.flatten()) + "\n")
