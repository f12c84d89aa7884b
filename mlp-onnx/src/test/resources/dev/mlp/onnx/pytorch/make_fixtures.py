#!/usr/bin/env python3
"""Makes the PyTorch fixtures of mlp-onnx's PytorchImportTest: small nn.Sequential MLPs exported
with torch.onnx.export, and for each the inputs and the outputs PyTorch computed from them.

For each NAME: NAME.onnx, NAME-input.csv and NAME-output.csv (one row per sample, values written
with repr(), which gives back the same float64 when read; float32 values are exact in it too).

Rerun from the repository root (Debian: apt-get install python3-torch; the build itself needs
neither Python nor PyTorch):

    python3 mlp-onnx/src/test/resources/dev/mlp/onnx/pytorch/make_fixtures.py

The models are seeded (torch.manual_seed), so a rerun with the same PyTorch writes the same
numbers; these files were made with PyTorch 1.13.1 (Debian 12's python3-torch), whose
torch.onnx.export is the TorchScript exporter, at opset 14.
"""
import inspect
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 14


def models():
    torch.manual_seed(18)
    yield "relu-softmax-float32", nn.Sequential(
        nn.Flatten(), nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 3), nn.Softmax(dim=1)), 4
    yield "tanh-leaky-sigmoid-float64", nn.Sequential(
        nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 7), nn.LeakyReLU(0.1), nn.Linear(7, 2), nn.Sigmoid()).double(), 5
    yield "gelu-regression-float32", nn.Sequential(
        nn.Linear(3, 10), nn.GELU(), nn.Linear(10, 10), nn.GELU(), nn.Linear(10, 1)), 3
    yield "gelu-identity-float64", nn.Sequential(
        nn.Linear(3, 6), nn.GELU(), nn.Linear(6, 4), nn.Identity()).double(), 3


def write_csv(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def main():
    export_args = {}
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        export_args["dynamo"] = False  # the TorchScript exporter, as in PyTorch 1.13
    for name, model, features in models():
        model.eval()
        dtype = next(model.parameters()).dtype
        x = (torch.randn(16, features) * 2).to(dtype)
        x[0] = 0  # zeros: the biases alone
        x[1] *= 4  # large values: the tails of the activations
        with torch.no_grad():
            y = model(x)
        torch.onnx.export(model, x, os.path.join(HERE, name + ".onnx"), input_names=["input"],
                          output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                          opset_version=OPSET, **export_args)
        write_csv(os.path.join(HERE, name + "-input.csv"), x.tolist())
        write_csv(os.path.join(HERE, name + "-output.csv"), y.tolist())
        print(name, tuple(x.shape), "->", tuple(y.shape), dtype)


if __name__ == "__main__":
    main()
