"""PyTorch (CPU) side of the comparison.

    /usr/bin/python3 peer_torch.py [--tasks blog,...] [--threads 1]

Prints one JSON line per measurement (see peer_common). torch.set_num_threads(--threads). Tasks:
  blog            the blog's 64-15-10 ReLU/sigmoid network and its update rule written by hand in
                  torch (no autograd: the rule is not a gradient), float64, batch 15; weights and
                  shuffles drawn from numpy's seed-1 stream as the blog does, so it follows the
                  blog's run
  blog-predict    its forward pass over the 1797 digits, microseconds
  blog-accuracy   100 epochs of it, accuracy on the 1797 training rows
  digits-wide     nn.Sequential 64-128-10 ReLU, CrossEntropyLoss, torch.optim.Adam 1e-3, batch 32,
                  digits / 16, float64, autograd
  fashion-sgd     nn.Sequential 784-256-128-10 ReLU, CrossEntropyLoss, torch.optim.SGD 0.05,
                  batch 128, float64, autograd
  fashion-adam    the same with torch.optim.Adam 1e-3
  fashion-sgd-f32 / fashion-adam-f32   the same in float32 (an extra row: the others are float64)
  fashion-predict forward pass over 10000 Fashion-sized rows (no_grad), float64, milliseconds
  fashion-accuracy-sgd / -adam   one epoch on real Fashion-MNIST (float64), accuracy on its test set
The nn.Sequential networks start from the blog's initialisation (seed 1), as EpochBenchmark's do,
shuffle with numpy and drop the last partial batch.
"""
import numpy as np
import torch

import peer_common as pc

TASKS = ["blog", "blog-predict", "blog-accuracy", "digits-wide", "fashion-sgd", "fashion-adam",
         "fashion-sgd-f32", "fashion-adam-f32", "fashion-predict", "fashion-accuracy-sgd", "fashion-accuracy-adam"]


class BlogNet:
    """The blog's network and rule: delta = (a - y) * s(a) * (1 - s(a)) at the output (s = sigmoid,
    applied to the prediction), ReLU' = (z > 0); W -= lr * A^T delta (batch sum),
    b -= lr * mean(delta)."""

    def __init__(self, lr=1e-3):
        np.random.seed(1)
        w1 = np.random.randn(64, 15) / np.sqrt(64)
        w2 = np.random.randn(15, 10) / np.sqrt(15)
        self.w1 = torch.from_numpy(w1)
        self.w2 = torch.from_numpy(w2)
        self.b1 = torch.zeros(15, dtype=torch.float64)
        self.b2 = torch.zeros(10, dtype=torch.float64)
        self.lr = lr

    def predict(self, x):
        return torch.sigmoid(torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2)

    def epoch(self, x, y, batch=15):
        order = np.arange(x.shape[0])
        np.random.shuffle(order)
        order = torch.from_numpy(order)
        xs = x[order]
        ys = y[order]
        lr = self.lr
        for j in range(x.shape[0] // batch):
            a0 = xs[j * batch:(j + 1) * batch]
            yb = ys[j * batch:(j + 1) * batch]
            z1 = a0 @ self.w1 + self.b1
            a1 = torch.relu(z1)
            a2 = torch.sigmoid(a1 @ self.w2 + self.b2)
            s = torch.sigmoid(a2)
            d2 = (a2 - yb) * s * (1 - s)
            d1 = (d2 @ self.w2.T) * (z1 > 0)
            self.w2 -= lr * (a1.T @ d2)
            self.b2 -= lr * d2.mean(0)
            self.w1 -= lr * (a0.T @ d1)
            self.b1 -= lr * d1.mean(0)


def sequential(sizes, dtype, state=None):
    """nn.Sequential of Linear + ReLU with the blog's initial weights (numpy seed 1), biases 0."""
    state = np.random.RandomState(1) if state is None else state
    weights, _ = pc.fan_in_normal(state, sizes)
    layers = []
    for i, w in enumerate(weights):
        linear = torch.nn.Linear(w.shape[0], w.shape[1]).to(dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w.T.copy()).to(dtype))
            linear.bias.zero_()
        layers.append(linear)
        if i < len(weights) - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


class Trainer:
    def __init__(self, sizes, optimizer, lr, dtype):
        # one numpy stream for the weights, then the shuffles, as EpochBenchmark's networks
        self.state = np.random.RandomState(1)
        self.model = sequential(sizes, dtype, self.state)
        self.loss = torch.nn.CrossEntropyLoss()
        cls = torch.optim.SGD if optimizer == "sgd" else torch.optim.Adam
        self.opt = cls(self.model.parameters(), lr=lr)

    def epoch(self, x, labels, batch):
        order = np.arange(x.shape[0])
        self.state.shuffle(order)
        order = torch.from_numpy(order)
        for j in range(x.shape[0] // batch):
            idx = order[j * batch:(j + 1) * batch]
            self.opt.zero_grad(set_to_none=True)
            loss = self.loss(self.model(x[idx]), labels[idx])
            loss.backward()
            self.opt.step()
            loss.item()


def main():
    args = pc.parse_args(__doc__.splitlines()[0], TASKS)
    torch.set_num_threads(args.threads)
    pc.emit(pc.environment("torch", args, torch=torch.__version__, torch_threads=torch.get_num_threads(),
                           torch_cpu_capability=torch.backends.cpu.get_cpu_capability()
                           if hasattr(torch.backends, "cpu") and hasattr(torch.backends.cpu, "get_cpu_capability")
                           else None))
    x_np, digit_labels = pc.load_digits()
    x_digits = torch.from_numpy(x_np)
    y_digits = torch.from_numpy(pc.one_hot(digit_labels))
    labels_digits = torch.from_numpy(digit_labels)
    fashion = None

    def fashion_data(dtype):
        nonlocal fashion
        if fashion is None:
            x, labels = pc.fashion_synthetic(args.fashion_rows)
            fashion = (torch.from_numpy(x), torch.from_numpy(labels))
        return fashion[0].to(dtype), fashion[1]

    for task in args.tasks:
        pc.log("torch: " + task)
        common = {"threads": torch.get_num_threads(), "dtype": "float64"}
        if task == "blog":
            net = BlogNet()
            times = pc.timed_fits(lambda: [net.epoch(x_digits, y_digits) for _ in range(args.fit_epochs)], 1,
                                  args.digits_fits, args.fit_epochs)
            pc.emit(pc.timing_record("torch", task, times, 1e3, "ms", rows=1785, epochs_per_call=args.fit_epochs,
                                     **common,
                                     note="the blog's rule by hand in torch"))
        elif task == "blog-predict":
            net = BlogNet()
            times = pc.timed(lambda: net.predict(x_digits), args.predict_reps, args.predict_reps)
            pc.emit(pc.timing_record("torch", task, times, 1e6, "us", rows=1797, **common))
        elif task == "blog-accuracy":
            net = BlogNet()
            for _ in range(args.accuracy_epochs):
                net.epoch(x_digits, y_digits)
            correct = int((net.predict(x_digits).argmax(1) == labels_digits).sum())
            pc.emit(pc.accuracy_record("torch", task, correct, len(digit_labels), args.accuracy_epochs,
                     "train (1797 rows)"))
        elif task == "digits-wide":
            trainer = Trainer((64, 128, 10), "adam", 1e-3, torch.float64)
            xs = x_digits / 16.0
            times = pc.timed_fits(lambda: [trainer.epoch(xs, labels_digits, 32) for _ in range(args.fit_epochs)], 1,
                                  args.digits_fits, args.fit_epochs)
            pc.emit(pc.timing_record("torch", task, times, 1e3, "ms", rows=1792, epochs_per_call=args.fit_epochs,
                                     **common,
                                     note="nn.Sequential + autograd + torch.optim.Adam"))
        elif task.startswith("fashion-") and task[8:].split("-")[0] in ("sgd", "adam"):
            f32 = task.endswith("-f32")
            dtype = torch.float32 if f32 else torch.float64
            sgd = task.startswith("fashion-sgd")
            x, labels = fashion_data(dtype)
            trainer = Trainer((784, 256, 128, 10), "sgd" if sgd else "adam", 0.05 if sgd else 1e-3, dtype)
            times = pc.timed(lambda: trainer.epoch(x, labels, 128), 1, args.fashion_epochs)
            common["dtype"] = "float32" if f32 else "float64"
            pc.emit(pc.timing_record("torch", task, times, 1e3, "ms", rows=(x.shape[0] // 128) * 128, **common,
                                     data="synthetic", note="nn.Sequential + autograd + torch.optim"))
            del x
        elif task == "fashion-predict":
            x10k = torch.from_numpy(pc.fashion_synthetic(10000)[0])  # PredictBenchmark's 10000 rows
            model = sequential((784, 256, 128, 10), torch.float64)

            def predict():
                with torch.no_grad():
                    return torch.softmax(model(x10k), 1)
            times = pc.timed(predict, 3, 10)
            pc.emit(pc.timing_record("torch", task, times, 1e3, "ms", rows=10000, **common, data="synthetic"))
        elif task in ("fashion-accuracy-sgd", "fashion-accuracy-adam"):
            real = pc.fashion_real_or_log("torch")
            if real is None:
                continue
            x_train, l_train, x_test, l_test = real
            sgd = task.endswith("sgd")
            trainer = Trainer((784, 256, 128, 10), "sgd" if sgd else "adam", 0.05 if sgd else 1e-3, torch.float64)
            trainer.epoch(torch.from_numpy(x_train), torch.from_numpy(l_train), 128)
            with torch.no_grad():
                predicted = trainer.model(torch.from_numpy(x_test)).argmax(1).numpy()
            correct = int(np.sum(predicted == l_test))
            pc.emit(pc.accuracy_record("torch", task, correct, len(l_test), 1,
                     "Fashion-MNIST test (10000 rows)"))


if __name__ == "__main__":
    main()
