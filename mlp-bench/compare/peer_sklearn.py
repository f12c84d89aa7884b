"""scikit-learn side of the comparison: MLPClassifier with the matching solver.

    /usr/bin/python3 peer_sklearn.py [--tasks blog,...] [--threads 1]

Prints one JSON line per measurement (see peer_common). The digits rows time fit with
warm_start=True and max_iter=10 (the time of a fit divided by its epochs, as EpochBenchmark's
10-epoch fits); the Fashion rows time one partial_fit (one epoch) per call. scikit-learn shuffles
each epoch, then walks every batch, the last partial one included. Its
output layer is always softmax with log-loss: for the blog's configuration it trains the same
64-15-10 ReLU network with plain SGD (momentum 0, no L2) but not the blog's sigmoid + MSE rule,
and it initialises with Glorot-uniform weights, not the blog's. Tasks:
  blog            hidden (15,), relu, sgd, batch 15, lr 1e-3, digits unscaled
  blog-predict    predict_proba of that model over the 1797 digits, microseconds
  blog-accuracy   100 epochs of it, accuracy on the 1797 training rows
  digits-wide     hidden (128,), relu, adam 1e-3, batch 32, digits / 16
  fashion-sgd     hidden (256, 128), relu, sgd 0.05 (momentum 0), batch 128
  fashion-adam    the same with adam 1e-3
  fashion-predict predict_proba over 10000 Fashion-sized rows, milliseconds
  fashion-accuracy-sgd / -adam   one epoch on real Fashion-MNIST, accuracy on its test set
"""
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

import peer_common as pc

TASKS = ["blog", "blog-predict", "blog-accuracy", "digits-wide", "fashion-sgd", "fashion-adam",
         "fashion-predict", "fashion-accuracy-sgd", "fashion-accuracy-adam"]
CLASSES = np.arange(10)


def classifier(hidden, solver, batch, lr, max_iter=200, warm_start=False):
    """n_iter_no_change is huge so that fit always runs max_iter epochs (no early end on a plateau)."""
    extra = {"momentum": 0.0, "nesterovs_momentum": False} if solver == "sgd" else {}
    return MLPClassifier(hidden_layer_sizes=hidden, activation="relu", solver=solver, batch_size=batch,
                         learning_rate_init=lr, learning_rate="constant", alpha=0.0, shuffle=True,
                         random_state=1, max_iter=max_iter, warm_start=warm_start, tol=0.0,
                         n_iter_no_change=10 ** 9, **extra)


def blog_model(max_iter=200, warm_start=False):
    return classifier((15,), "sgd", 15, 1e-3, max_iter, warm_start)


def fashion_model(task):
    sgd = task.endswith("sgd")
    return classifier((256, 128), "sgd" if sgd else "adam", 128, 0.05 if sgd else 1e-3)


def main():
    args = pc.parse_args(__doc__.splitlines()[0], TASKS)
    pc.emit(pc.environment("sklearn", args, sklearn=sklearn.__version__))
    warnings.simplefilter("ignore", ConvergenceWarning)
    x_digits, digit_labels = pc.load_digits()
    fashion = None

    def fashion_data():
        nonlocal fashion
        if fashion is None:
            fashion = pc.fashion_synthetic(args.fashion_rows)
        return fashion

    common = {"threads": args.threads, "dtype": "float64"}
    for task in args.tasks:
        pc.log("sklearn: " + task)
        if task == "blog":
            model = blog_model(args.fit_epochs, warm_start=True)
            times = pc.timed_fits(lambda: model.fit(x_digits, digit_labels), 1, args.digits_fits, args.fit_epochs)
            pc.emit(pc.timing_record("sklearn", task, times, 1e3, "ms", rows=1797, epochs_per_call=args.fit_epochs,
                                     **common,
                                     note="softmax + log-loss output, not sigmoid + MSE; 120 batches (last of 12)"))
        elif task == "blog-predict":
            model = blog_model().partial_fit(x_digits, digit_labels, classes=CLASSES)
            times = pc.timed(lambda: model.predict_proba(x_digits), args.predict_reps, args.predict_reps)
            pc.emit(pc.timing_record("sklearn", task, times, 1e6, "us", rows=1797, **common,
                                     note="predict_proba"))
        elif task == "blog-accuracy":
            model = blog_model(args.accuracy_epochs).fit(x_digits, digit_labels)
            correct = int(np.sum(model.predict(x_digits) == digit_labels))
            pc.emit(pc.accuracy_record("sklearn", task, correct, len(digit_labels), args.accuracy_epochs,
                     "train (1797 rows)", note="softmax + log-loss output"))
        elif task == "digits-wide":
            model = classifier((128,), "adam", 32, 1e-3, args.fit_epochs, warm_start=True)
            xs = x_digits / 16.0
            times = pc.timed_fits(lambda: model.fit(xs, digit_labels), 1, args.digits_fits, args.fit_epochs)
            pc.emit(pc.timing_record("sklearn", task, times, 1e3, "ms", rows=1797, epochs_per_call=args.fit_epochs,
                                     **common,
                                     note="57 batches (last of 5)"))
        elif task in ("fashion-sgd", "fashion-adam"):
            x, labels = fashion_data()
            model = fashion_model(task)
            times = pc.timed(lambda: model.partial_fit(x, labels, classes=CLASSES), 1, args.fashion_epochs)
            pc.emit(pc.timing_record("sklearn", task, times, 1e3, "ms", rows=x.shape[0], **common,
                                     data="synthetic", note="%d batches (last of %d)" % (
                                         -(-x.shape[0] // 128), x.shape[0] % 128 or 128)))
        elif task == "fashion-predict":
            x10k, labels = pc.fashion_synthetic(10000)  # PredictBenchmark's 10000 rows
            model = fashion_model("fashion-sgd").partial_fit(x10k[:1280], labels[:1280], classes=CLASSES)
            times = pc.timed(lambda: model.predict_proba(x10k), 3, 10)
            pc.emit(pc.timing_record("sklearn", task, times, 1e3, "ms", rows=10000, **common, data="synthetic"))
        elif task in ("fashion-accuracy-sgd", "fashion-accuracy-adam"):
            real = pc.fashion_real_or_log("sklearn")
            if real is None:
                continue
            x_train, l_train, x_test, l_test = real
            model = fashion_model(task).partial_fit(x_train, l_train, classes=CLASSES)
            correct = int(np.sum(model.predict(x_test) == l_test))
            pc.emit(pc.accuracy_record("sklearn", task, correct, len(l_test), 1,
                     "Fashion-MNIST test (10000 rows)"))


if __name__ == "__main__":
    main()
