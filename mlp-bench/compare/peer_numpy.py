"""numpy side of the comparison: the blog's own code, and the same networks written by hand.

    /usr/bin/python3 peer_numpy.py [--tasks blog,blog-predict,...] [--threads 1]

Prints one JSON line per measurement (see peer_common). Tasks:
  blog            the blog's Network.fit (mlp-core's golden/blog_reference.py, imported as it is),
                  one epoch per call, 64-15-10 ReLU/sigmoid, MSE with the blog's rule, batch 15
  blog-predict    the blog's Network.predict over the 1797 digits, microseconds
  blog-accuracy   the blog's run: seed 1, 100 epochs, accuracy on the 1797 training rows
  digits-wide     64-128-10 ReLU, softmax cross-entropy, Adam 1e-3, batch 32, digits / 16
  fashion-sgd     784-256-128-10 ReLU, softmax cross-entropy, batch 128, SGD 0.05, float64
  fashion-adam    the same with Adam 1e-3
  fashion-predict forward pass over 10000 Fashion-sized rows, milliseconds
  fashion-accuracy-sgd / -adam   one epoch on real Fashion-MNIST, accuracy on its test set
The hand-written networks do what EpochBenchmark's do: the blog's initialisation (seed 1), a
numpy shuffle per epoch, the last partial batch dropped, gradients averaged over the batch, the
batch loss computed each step.
"""
import contextlib
import importlib.util
import sys

import numpy as np

import peer_common as pc

TASKS = ["blog", "blog-predict", "blog-accuracy", "digits-wide", "fashion-sgd", "fashion-adam",
         "fashion-predict", "fashion-accuracy-sgd", "fashion-accuracy-adam"]


def blog_module():
    spec = importlib.util.spec_from_file_location("blog_reference", pc.BLOG_CODE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def blog_network(blog):
    np.random.seed(1)
    return blog.Network((64, 15, 10), (blog.Relu, blog.Sigmoid))


class HandMlp:
    """ReLU hidden layers, softmax output, mean cross-entropy; SGD or Adam; numpy only."""

    def __init__(self, sizes, optimizer, lr, seed=1, dtype=np.float64):
        self.state = np.random.RandomState(seed)
        self.w, self.b = pc.fan_in_normal(self.state, sizes, dtype)
        self.params = self.w + self.b
        self.optimizer = optimizer
        self.lr = lr
        self.dtype = dtype
        if optimizer == "adam":
            self.m = [np.zeros_like(p) for p in self.params]
            self.v = [np.zeros_like(p) for p in self.params]
            self.t = 0

    def forward(self, x):
        a = x
        for i, (w, b) in enumerate(zip(self.w, self.b)):
            z = a @ w + b
            a = pc.softmax_rows(z) if i == len(self.w) - 1 else np.maximum(z, 0)
        return a

    def step(self, x, y):
        acts = [x]
        a = x
        last = len(self.w) - 1
        for i, (w, b) in enumerate(zip(self.w, self.b)):
            z = a @ w + b
            a = pc.softmax_rows(z) if i == last else np.maximum(z, 0)
            acts.append(a)
        rows = x.shape[0]
        loss = -np.sum(y * np.log(np.maximum(a, 1e-300))) / rows
        delta = (a - y) / rows
        gw = [None] * len(self.w)
        gb = [None] * len(self.b)
        for i in range(last, -1, -1):
            gw[i] = acts[i].T @ delta
            gb[i] = delta.sum(axis=0)
            if i > 0:
                delta = (delta @ self.w[i].T) * (acts[i] > 0)
        self.update(gw + gb)
        return loss

    def update(self, grads):
        if self.optimizer == "sgd":
            for p, g in zip(self.params, grads):
                p -= self.lr * g
            return
        b1, b2, eps = 0.9, 0.999, 1e-8
        self.t += 1
        c1 = 1 - b1 ** self.t
        c2 = 1 - b2 ** self.t
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * (g * g)
            p -= self.lr * (m / c1) / (np.sqrt(v / c2) + eps)

    def epoch(self, x, y, batch):
        order = np.arange(x.shape[0])
        self.state.shuffle(order)
        total = 0.0
        batches = x.shape[0] // batch
        for j in range(batches):
            idx = order[j * batch:(j + 1) * batch]
            total += self.step(x[idx], y[idx])
        return total / batches


def main():
    args = pc.parse_args(__doc__.splitlines()[0], TASKS)
    pc.emit(pc.environment("numpy", args))
    x_digits, digit_labels = pc.load_digits()
    y_digits = pc.one_hot(digit_labels)
    blog = blog_module()
    fashion = None

    def fashion_data():
        nonlocal fashion
        if fashion is None:
            x, labels = pc.fashion_synthetic(args.fashion_rows)
            fashion = (x, pc.one_hot(labels))
        return fashion

    common = {"threads": args.threads, "dtype": "float64"}
    for task in args.tasks:
        pc.log("numpy: " + task)
        if task == "blog":
            nn = blog_network(blog)
            def fit():
                with contextlib.redirect_stdout(sys.stderr):  # it prints the loss every 10 epochs
                    nn.fit(x_digits, y_digits, loss=blog.MSE, epochs=args.fit_epochs, batch_size=15,
                           learning_rate=1e-3)
            times = pc.timed_fits(fit, 1, args.digits_fits, args.fit_epochs)
            pc.emit(pc.timing_record("numpy", task, times, 1e3, "ms", rows=1785, epochs_per_call=args.fit_epochs,
                                     **common, note="the blog's own fit (119 batches of 15 per epoch)"))
        elif task == "blog-predict":
            nn = blog_network(blog)
            times = pc.timed(lambda: nn.predict(x_digits), args.predict_reps, args.predict_reps)
            pc.emit(pc.timing_record("numpy", task, times, 1e6, "us", rows=1797, **common,
                                     note="the blog's predict"))
        elif task == "blog-accuracy":
            nn = blog_network(blog)
            with contextlib.redirect_stdout(sys.stderr):
                nn.fit(x_digits, y_digits, loss=blog.MSE, epochs=args.accuracy_epochs, batch_size=15,
                       learning_rate=1e-3)
            predicted = np.argmax(nn.predict(x_digits), 1)
            correct = int(np.sum(predicted == digit_labels))
            pc.emit(pc.accuracy_record("numpy", task, correct, len(digit_labels), args.accuracy_epochs,
                     "train (1797 rows)"))
        elif task == "digits-wide":
            net = HandMlp((64, 128, 10), "adam", 1e-3)
            xs = x_digits / 16.0
            times = pc.timed_fits(lambda: [net.epoch(xs, y_digits, 32) for _ in range(args.fit_epochs)], 1,
                                  args.digits_fits, args.fit_epochs)
            pc.emit(pc.timing_record("numpy", task, times, 1e3, "ms", rows=1792, epochs_per_call=args.fit_epochs,
                                     **common,
                                     note="hand-written, Adam"))
        elif task in ("fashion-sgd", "fashion-adam"):
            x, y = fashion_data()
            sgd = task == "fashion-sgd"
            net = HandMlp((784, 256, 128, 10), "sgd" if sgd else "adam", 0.05 if sgd else 1e-3)
            times = pc.timed(lambda: net.epoch(x, y, 128), 1, args.fashion_epochs)
            pc.emit(pc.timing_record("numpy", task, times, 1e3, "ms", rows=(x.shape[0] // 128) * 128, **common,
                                     data="synthetic", note="hand-written with np.dot (@)"))
        elif task == "fashion-predict":
            x10k, _ = pc.fashion_synthetic(10000)  # PredictBenchmark's 10000 rows
            net = HandMlp((784, 256, 128, 10), "sgd", 0.05)
            times = pc.timed(lambda: net.forward(x10k), 3, 10)
            pc.emit(pc.timing_record("numpy", task, times, 1e3, "ms", rows=10000, **common, data="synthetic"))
        elif task in ("fashion-accuracy-sgd", "fashion-accuracy-adam"):
            real = pc.fashion_real_or_log("numpy")
            if real is None:
                continue
            x_train, l_train, x_test, l_test = real
            sgd = task.endswith("sgd")
            net = HandMlp((784, 256, 128, 10), "sgd" if sgd else "adam", 0.05 if sgd else 1e-3)
            net.epoch(x_train, pc.one_hot(l_train), 128)
            correct = int(np.sum(np.argmax(net.forward(x_test), 1) == l_test))
            pc.emit(pc.accuracy_record("numpy", task, correct, len(l_test), 1,
                     "Fashion-MNIST test (10000 rows)"))


if __name__ == "__main__":
    main()
