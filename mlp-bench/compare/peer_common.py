"""Shared pieces of the peer scripts: data, timing, JSON output and the environment.

Every peer script prints one JSON object per line on standard output and nothing else there
(diagnostics go to standard error), so run.sh can collect the lines as they come.

The data are the ones the Java benchmarks use:
- digits: mlp-data's digits.csv.gz (scikit-learn's load_digits, same order), 1797 x 64, unscaled
  0..16 for the blog's configuration and divided by 16 for the wide one;
- Fashion-sized rows: EpochBenchmark's BenchData.fashionSized, reproduced draw for draw with
  numpy's legacy RandomState: seed 7, rows*784 uniform doubles, then one label per row uniform in
  0..9 (NumpyRandom.nextInt(9) is numpy's random_interval(9), which randint(0, 10) also uses);
- real Fashion-MNIST from Debian's dataset-fashion-mnist, for the accuracy rows only.
"""
import argparse
import gzip
import json
import os
import platform
import struct
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DIGITS_CSV = os.path.join(REPO, "mlp-data", "src", "main", "resources", "dev", "mlp", "data", "digits.csv.gz")
BLOG_CODE = os.path.join(REPO, "mlp-core", "src", "test", "resources", "golden", "blog_reference.py")
FASHION_DIR = "/usr/share/datasets/fashion-mnist"


def emit(record):
    """One JSON line on stdout, flushed so run.sh sees it even if a later task dies."""
    sys.stdout.write(json.dumps(record, sort_keys=True) + "\n")
    sys.stdout.flush()


def log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def parse_args(description, tasks):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--tasks", default=",".join(tasks),
                        help="comma-separated, from: " + ",".join(tasks))
    parser.add_argument("--threads", type=int, default=1,
                        help="BLAS / torch threads; set the *_NUM_THREADS variables to the same number")
    parser.add_argument("--digits-fits", type=int, default=5,
                        help="timed fits of the digits configurations (after one warm-up fit)")
    parser.add_argument("--fit-epochs", type=int, default=10,
                        help="epochs per fit of the digits configurations (EpochBenchmark: 10); "
                             "the time per epoch is the time of a fit divided by this")
    parser.add_argument("--fashion-epochs", type=int, default=2,
                        help="timed epochs of the Fashion-sized configurations (after one warm-up epoch)")
    parser.add_argument("--predict-reps", type=int, default=200,
                        help="timed predict calls on the digits (after as many warm-up calls)")
    parser.add_argument("--fashion-rows", type=int, default=60000)
    parser.add_argument("--accuracy-epochs", type=int, default=100,
                        help="epochs of the blog configuration for the accuracy row")
    args = parser.parse_args()
    args.tasks = [t for t in args.tasks.split(",") if t]
    unknown = [t for t in args.tasks if t not in tasks]
    if unknown:
        parser.error("unknown task(s) %s; known: %s" % (unknown, ",".join(tasks)))
    return args


def load_digits():
    """(x float64 1797 x 64 unscaled, labels int64) from the repository's copy of the digits."""
    with gzip.open(DIGITS_CSV, "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    return np.ascontiguousarray(table[:, :64]), table[:, 64].astype(np.int64)


def one_hot(labels, classes=10, dtype=np.float64):
    return np.eye(classes, dtype=dtype)[labels]


def fashion_synthetic(rows):
    """EpochBenchmark's Fashion-sized rows, the same numbers: (x rows x 784 in [0, 1), labels)."""
    state = np.random.RandomState(7)
    x = state.random_sample((rows, 784))
    labels = state.randint(0, 10, size=rows).astype(np.int64)
    return x, labels


def _read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">i", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_real_available():
    names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    return all(os.path.exists(os.path.join(FASHION_DIR, n)) for n in names)


def fashion_real():
    """(x_train, y_train, x_test, y_test): pixels / 255 as float64, labels int64."""
    def images(name):
        return _read_idx(os.path.join(FASHION_DIR, name)).reshape(-1, 784).astype(np.float64) / 255.0

    def labels(name):
        return _read_idx(os.path.join(FASHION_DIR, name)).astype(np.int64)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def accuracy_record(side, task, correct, rows, epochs, on, **extra):
    """One accuracy measurement, as every peer reports it."""
    record = {"side": side, "task": task, "accuracy": correct / rows, "correct": correct,
              "rows": rows, "epochs": epochs, "on": on}
    record.update(extra)
    return record


def fashion_real_or_log(side):
    """The real Fashion-MNIST as fashion_real(), or None (with a log line) when it is not installed."""
    if not fashion_real_available():
        log("%s: Fashion-MNIST not installed (apt-get install -y dataset-fashion-mnist)" % side)
        return None
    return fashion_real()


def fan_in_normal(state, sizes, dtype=np.float64):
    """The blog's initialisation, which the Java benchmarks also use (Initializer.FAN_IN_NORMAL):
    W ~ randn(n_in, n_out) / sqrt(n_in), layer by layer from one stream; biases 0."""
    weights = [(state.randn(a, b) / np.sqrt(a)).astype(dtype) for a, b in zip(sizes[:-1], sizes[1:])]
    biases = [np.zeros(b, dtype=dtype) for b in sizes[1:]]
    return weights, biases


def timed(fn, warmup, reps):
    """Runs fn warmup times untimed, then reps times timed; returns the seconds of each timed call."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def timed_fits(fit, warmup, reps, epochs):
    """Like timed, for a fn that trains epochs epochs: the seconds per epoch of each timed call."""
    return [t / epochs for t in timed(fit, warmup, reps)]


def timing_record(side, task, times, unit_scale, unit, **extra):
    """A measurement: mean, min and each repetition, in unit (unit_scale converts seconds)."""
    values = [t * unit_scale for t in times]
    record = {"side": side, "task": task, "unit": unit, "reps": len(values),
              "mean": sum(values) / len(values), "min": min(values), "values": values}
    record.update(extra)
    return record


def blas_info():
    """What threadpoolctl sees (which BLAS, which kernel — 'architecture' — and how many threads)."""
    try:
        import threadpoolctl
    except ImportError:
        return [{"note": "threadpoolctl not installed (apt-get install -y python3-threadpoolctl)"}]
    keep = ("internal_api", "version", "architecture", "num_threads", "threading_layer", "filepath")
    return [{k: pool.get(k) for k in keep} for pool in threadpoolctl.threadpool_info()]


def environment(side, args, **extra):
    record = {"side": side, "task": "environment", "python": platform.python_version(),
              "executable": sys.executable, "numpy": np.__version__, "threads_arg": args.threads,
              "affinity": sorted(os.sched_getaffinity(0)),
              "env": {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                                      "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
              "blas": blas_info()}
    record.update(extra)
    return record


def softmax_rows(z):
    z = z - z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z
