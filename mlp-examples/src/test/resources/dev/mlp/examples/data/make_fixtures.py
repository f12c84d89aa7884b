#!/usr/bin/env python3
"""Writes the CSV fixtures of the command-line tests next to this script.

    python3 make_fixtures.py      (Debian: apt-get install python3-numpy python3-sklearn)

iris.csv             the 150 iris flowers of scikit-learn's copy of the UCI Iris data, as iris is
                     usually published: a header and the species by name
                     (sepal_length,sepal_width,petal_length,petal_width,species)
iris-reordered.csv   the same rows with the feature columns in another order and the species first
regression.csv       400 rows of y = 3 x1 - 2 x2 + 0.5 x3 + 10 + noise (normal, sd 0.5),
                     x ~ N(0, 1), numpy seed 7; written with 6 decimals
iris.npz             the iris rows as numpy arrays (np.savez): X float64 (150, 4), y the species
                     names (<U10)
regression.npz       regression.csv's rows as arrays (np.savez_compressed): X float64 (400, 3),
                     y float64 (400,), the values as the CSV file has them

The CSV output is deterministic: running the script again gives the same bytes. An .npz archive
is a zip file whose entries carry a timestamp: rerunning rewrites it with the same arrays.
"""
import csv
import os

import numpy as np
from sklearn.datasets import load_iris

here = os.path.dirname(os.path.abspath(__file__))

iris = load_iris()
names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
species = [iris.target_names[t] for t in iris.target]


def fmt(v):
    return "%.1f" % v


with open(os.path.join(here, "iris.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(names + ["species"])
    for row, s in zip(iris.data, species):
        w.writerow([fmt(v) for v in row] + [s])

order = [3, 0, 2, 1]
with open(os.path.join(here, "iris-reordered.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["species"] + [names[i] for i in order])
    for row, s in zip(iris.data, species):
        w.writerow([s] + [fmt(row[i]) for i in order])

rng = np.random.RandomState(7)
x = rng.normal(size=(400, 3))
y = 3 * x[:, 0] - 2 * x[:, 1] + 0.5 * x[:, 2] + 10 + rng.normal(scale=0.5, size=400)
with open(os.path.join(here, "regression.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["x1", "x2", "x3", "y"])
    for row, t in zip(x, y):
        w.writerow(["%.6f" % v for v in row] + ["%.6f" % t])

np.savez(os.path.join(here, "iris.npz"), X=np.round(iris.data, 1), y=np.array(species))
xr = np.round(x, 6)
np.savez_compressed(os.path.join(here, "regression.npz"), X=xr, y=np.round(y, 6))
