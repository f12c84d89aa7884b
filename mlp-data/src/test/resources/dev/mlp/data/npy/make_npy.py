#!/usr/bin/env python3
"""Writes the .npy and .npz fixtures of NpyTest and NpzLoaderTest next to this script.

    python3 make_npy.py        (numpy 1.24, Debian's python3-numpy; other versions write the same bytes
                                for these arrays, but the tests only read the files committed here)

Every array is small and made from literals, so the files are deterministic. .npz archives are zip
files whose entries carry a timestamp, so rerunning rewrites them with other bytes but the same arrays.
"""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(here, name)


grid = np.arange(12, dtype=np.float64).reshape(3, 4) * 0.5 - 1
np.save(path("f8.npy"), grid)                                    # <f8, (3, 4)
np.save(path("f8-big-endian.npy"), grid.astype(">f8"))           # >f8
np.save(path("f4.npy"), np.array([[1.5, -2.25], [3.0, 1e-3]], dtype=np.float32))
np.save(path("i8.npy"), np.array([0, 2, 1, 2], dtype=np.int64))  # class indices
np.save(path("i4-big-endian.npy"), np.array([[1, -2], [3, 2147483647]], dtype=">i4"))
np.save(path("u1.npy"), np.arange(12, dtype=np.uint8).reshape(2, 2, 3))  # two 2x3 "images"
np.save(path("b1.npy"), np.array([True, False, True]))
names = np.array(["setosa", "versicolor", "virginica", "\u00e9\u4e2d\U0001F600"])
np.save(path("text.npy"), names)                                 # <U10
np.save(path("text-big-endian.npy"), names.astype(">U10"))
np.save(path("fortran.npy"), np.asfortranarray(grid))            # fortran_order True
np.save(path("object.npy"), np.array([1, "a", None], dtype=object), allow_pickle=True)
np.save(path("complex.npy"), np.array([1 + 2j, 3 - 1j]))
np.save(path("structured.npy"), np.array([(1, 2.5)], dtype=[("a", "<i4"), ("b", "<f8")]))
with open(path("version2.npy"), "wb") as f:
    np.lib.format.write_array(f, grid, version=(2, 0))
with open(path("version3.npy"), "wb") as f:
    np.lib.format.write_array(f, grid, version=(3, 0))

# archives: stored (savez) and deflated (savez_compressed)
x = np.array([[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], [6.3, 3.3, 6.0, 2.5],
              [4.9, 3.0, 1.4, 0.2], [6.4, 3.2, 4.5, 1.5], [5.8, 2.7, 5.1, 1.9]])
species = np.array(["setosa", "versicolor", "virginica", "setosa", "versicolor", "virginica"])
np.savez(path("iris6.npz"), X=x, y=species)
np.savez_compressed(path("iris6-compressed.npz"), X=x, y=np.array([0, 1, 2, 0, 1, 2], dtype=np.int64),
                    target=x[:, 0] * 2 + 1)
holes = x.copy()
holes[2, 1] = np.nan
labels = np.array([0.0, 1.0, 2.0, np.nan, 1.0, 2.0])
np.savez(path("missing.npz"), X=holes, y=labels)
