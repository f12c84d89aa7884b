"""scikit-learn side of the search benchmark: GridSearchCV(MLPClassifier) on SearchBenchmark's work.

    taskset -c 0   /usr/bin/python3 peer_sklearn_search.py --jobs 1 [--reps 3]
    taskset -c 0,1 /usr/bin/python3 peer_sklearn_search.py --jobs 2 [--reps 3]

The same 16 settings, the same 5 folds and the same per-fold min-max scaling as
dev.mlp.bench.SearchBenchmark (and `mlp search --seed 1`), then the refit of the best on all rows:
- folds: our Folds.stratified with NumpyRandom(seed), reproduced here with RandomState(seed) — for
  each class in turn its row indices are shuffled and appended; row i of that order goes to fold
  i % k — and handed to GridSearchCV as a PredefinedSplit;
- scaling: a Pipeline of MinMaxScaler and MLPClassifier, so the scaler is fitted inside each fold;
- network: hidden (64,) or (128,), relu, adam, learning_rate_init 1e-3 or 3e-3, batch_size 32 or
  64, 20 epochs exactly (tol=0, n_iter_no_change huge), shuffle each epoch, the last partial batch
  trained on;
- L2: our lambda adds lambda*W to the gradient of the batch's mean loss; scikit-learn's alpha adds
  alpha*W/batch_size, so alpha = lambda * batch_size (0 or 1e-4 * batch).
n_jobs is the number of worker processes joblib forks (loky); each gets one BLAS thread
(OPENBLAS_NUM_THREADS=1 etc. are set here before numpy loads, as run.sh sets them for the peers).
Prints one JSON line per measurement: the wall time of each search + refit, and the best's mean
fold accuracy.
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import GridSearchCV, PredefinedSplit  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import MinMaxScaler  # noqa: E402

import peer_common as pc  # noqa: E402

L2 = [0.0, 1e-4]
BATCHES = [32, 64]


def stratified_folds(labels, k, seed):
    """Our Folds.stratified with NumpyRandom(seed): the fold of each row."""
    rs = np.random.RandomState(seed)
    order = []
    for c in range(labels.max() + 1):
        idx = np.flatnonzero(labels == c)
        rs.shuffle(idx)
        order.extend(idx.tolist())
    fold = np.empty(len(labels), dtype=np.int64)
    fold[np.array(order)] = np.arange(len(labels)) % k
    return fold


def grid(epochs):
    base = {"mlp__hidden_layer_sizes": [(64,), (128,)], "mlp__learning_rate_init": [1e-3, 3e-3]}
    return [dict(base, mlp__batch_size=[b], mlp__alpha=[lam * b for lam in L2]) for b in BATCHES]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1, help="GridSearchCV n_jobs")
    parser.add_argument("--reps", type=int, default=3, help="timed searches (after one warm-up search)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--print-folds", action="store_true", help="print the fold of each row and stop")
    args = parser.parse_args()
    warnings.simplefilter("ignore", ConvergenceWarning)
    # the workers start before sklearn is imported, so -W cannot name ConvergenceWarning; it is a UserWarning
    os.environ["PYTHONWARNINGS"] = "ignore::UserWarning"
    x, labels = pc.load_digits()
    fold = stratified_folds(labels, args.folds, args.seed)
    if args.print_folds:
        print(",".join(str(f) for f in fold))
        return
    mlp = MLPClassifier(activation="relu", solver="adam", max_iter=args.epochs, tol=0.0, n_iter_no_change=10 ** 9,
                        shuffle=True, random_state=args.seed)
    search = GridSearchCV(Pipeline([("scale", MinMaxScaler()), ("mlp", mlp)]), grid(args.epochs),
                          cv=PredefinedSplit(fold), n_jobs=args.jobs, refit=True)
    times = []
    for rep in range(args.reps + 1):
        start = time.perf_counter()
        search.fit(x, labels)
        seconds = time.perf_counter() - start
        if rep > 0:
            times.append(seconds)
        pc.log("sklearn search: %s %.2f s, best %s %.4f" % ("warm-up" if rep == 0 else "rep %d" % rep, seconds,
                                                           search.best_params_, search.best_score_))
    pc.emit(pc.timing_record("sklearn", "search-digits", times, 1.0, "s", jobs=args.jobs, folds=args.folds,
                             settings=16, epochs=args.epochs, sklearn=sklearn.__version__,
                             affinity=sorted(os.sched_getaffinity(0)), best=str(search.best_params_),
                             best_accuracy=search.best_score_))


if __name__ == "__main__":
    main()
