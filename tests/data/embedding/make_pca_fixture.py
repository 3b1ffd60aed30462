#!/usr/bin/python3
"""Writes pca_fixture.txt: point sets with a known structure and their PCA by numpy's SVD of the centred
data (not an eigen-decomposition of the covariance, as the code under test does).

Each case: a line "case NAME N D", N lines of D coordinates, then "ratios" with every component's share of
the variance (min(N, D) values, largest first), "variance" with the variances (divided by N - 1),
"components" with 2 lines of D values (unit vectors; the sign is free) and "projected" with N lines of 2
values (the centred points on the two components, with the components' signs as written).

Run: /usr/bin/python3 tests/data/embedding/make_pca_fixture.py  (from the repository root)
"""
import os
import numpy as np


def case(name, x, out):
    n, d = x.shape
    centred = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    variance = s ** 2 / (n - 1)
    ratios = variance / variance.sum()
    components = vt[:2]
    projected = centred @ components.T
    out.write(f"case {name} {n} {d}\n")
    for row in x:
        out.write(" ".join(repr(float(v)) for v in row) + "\n")
    out.write("ratios " + " ".join(repr(float(v)) for v in ratios) + "\n")
    out.write("variance " + " ".join(repr(float(v)) for v in variance) + "\n")
    out.write("components\n")
    for row in components:
        out.write(" ".join(repr(float(v)) for v in row) + "\n")
    out.write("projected\n")
    for row in projected:
        out.write(" ".join(repr(float(v)) for v in row) + "\n")


def main():
    rng = np.random.default_rng(20261207)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pca_fixture.txt")
    with open(path, "w") as out:
        # An elongated Gaussian in 5-D: standard deviations 5, 3, 1, 0.5, 0.1 along a random rotation.
        q, _ = np.linalg.qr(rng.normal(size=(5, 5)))
        x = (rng.normal(size=(200, 5)) * np.array([5.0, 3.0, 1.0, 0.5, 0.1])) @ q.T + np.array([1, -2, 3, 0, 5])
        case("ellipsoid", x, out)
        # Three clusters in 12-D, with an offset: more points than dimensions (the covariance path).
        centres = rng.normal(scale=4.0, size=(3, 12))
        x = np.concatenate([c + rng.normal(size=(40, 12)) for c in centres])
        case("clusters", x, out)
        # Fewer points than dimensions (the Gram-matrix path): 30 points in 64-D on a 3-D subspace + noise.
        basis = rng.normal(size=(3, 64))
        x = rng.normal(size=(30, 3)) * np.array([4.0, 2.0, 1.0]) @ basis + 0.05 * rng.normal(size=(30, 64))
        case("wide", x, out)


if __name__ == "__main__":
    main()
