#!/usr/bin/python3
"""Makes label_smoothing_fixture.json: PyTorch's cross-entropy with label smoothing
(torch.nn.functional.cross_entropy(logits, targets, label_smoothing=eps), mean over the batch) for fixed
logits and targets and several eps, in float64, and the same by PyTorch's documented definition (targets
(1 - eps) * one_hot + eps / K), which must agree. The C++ test (tests/core/nn/train/test_label_smoothing.cpp)
checks ConvScope's loss against both numbers. Run with Debian's python (torch 1.13):
    /usr/bin/python3 make_label_smoothing_fixture.py
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(16)
cases = []
for batch, classes in ((6, 10), (4, 3)):
    logits = (torch.randn(batch, classes, dtype=torch.float64) * 3.0).round(decimals=3)
    targets = torch.randint(0, classes, (batch,))
    for eps in (0.0, 0.05, 0.1, 0.2, 0.5, 0.9):
        loss = F.cross_entropy(logits, targets, label_smoothing=eps).item()
        q = (1 - eps) * F.one_hot(targets, classes).double() + eps / classes
        by_definition = -(q * F.log_softmax(logits, 1)).sum(1).mean().item()
        assert abs(loss - by_definition) < 1e-12, (loss, by_definition)
        cases.append({
            "classes": classes,
            "epsilon": eps,
            "logits": logits.tolist(),
            "targets": targets.tolist(),
            "loss": loss,
        })

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "label_smoothing_fixture.json")
with open(out, "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print("wrote", out, len(cases), "cases")
