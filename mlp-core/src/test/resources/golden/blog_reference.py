"""The blog's network, verbatim in its math, run with numpy to produce the golden values that
the Java tests compare against.

    python3 blog_reference.py /path/to/digits.csv.gz > blog_reference.txt

The digits file is mlp-data/src/main/resources/dev/mlp/data/digits.csv.gz (scikit-learn's
load_digits in the same order). Relu.prime is the one in the blog's complete code on GitHub;
the post itself does not print it.
"""
import gzip
import sys

import numpy as np


class Relu:
    @staticmethod
    def activation(z):
        z[z < 0] = 0
        return z

    @staticmethod
    def prime(z):
        z[z < 0] = 0
        z[z > 0] = 1
        return z


class Sigmoid:
    @staticmethod
    def activation(z):
        return 1 / (1 + np.exp(-z))

    @staticmethod
    def prime(z):
        return Sigmoid.activation(z) * (1 - Sigmoid.activation(z))


class MSE:
    def __init__(self, activation_fn):
        self.activation_fn = activation_fn

    @staticmethod
    def loss(y_true, y_pred):
        return np.mean((y_pred - y_true) ** 2)

    @staticmethod
    def prime(y_true, y_pred):
        return y_pred - y_true

    def delta(self, y_true, y_pred):
        return self.prime(y_true, y_pred) * self.activation_fn.prime(y_pred)


class Network:
    def __init__(self, dimensions, activations):
        self.n_layers = len(dimensions)
        self.loss = None
        self.learning_rate = None
        self.w = {}
        self.b = {}
        self.activations = {}
        for i in range(len(dimensions) - 1):
            self.w[i + 1] = np.random.randn(dimensions[i], dimensions[i + 1]) / np.sqrt(dimensions[i])
            self.b[i + 1] = np.zeros(dimensions[i + 1])
            self.activations[i + 2] = activations[i]

    def _feed_forward(self, x):
        z = {}
        a = {1: x}
        for i in range(1, self.n_layers):
            z[i + 1] = np.dot(a[i], self.w[i]) + self.b[i]
            a[i + 1] = self.activations[i + 1].activation(z[i + 1])
        return z, a

    def predict(self, x):
        _, a = self._feed_forward(x)
        return a[self.n_layers]

    def _update_w_b(self, index, dw, delta):
        self.w[index] -= self.learning_rate * dw
        self.b[index] -= self.learning_rate * np.mean(delta, 0)

    def _back_prop(self, z, a, y_true):
        delta = self.loss.delta(y_true, a[self.n_layers])
        dw = np.dot(a[self.n_layers - 1].T, delta)
        update_params = {self.n_layers - 1: (dw, delta)}
        for i in reversed(range(2, self.n_layers)):
            delta = np.dot(delta, self.w[i].T) * self.activations[i].prime(z[i])
            dw = np.dot(a[i - 1].T, delta)
            update_params[i - 1] = (dw, delta)
        for k, v in update_params.items():
            self._update_w_b(k, v[0], v[1])

    def fit(self, x, y_true, loss, epochs, batch_size, learning_rate=1e-3):
        self.loss = loss(self.activations[self.n_layers])
        self.learning_rate = learning_rate
        for i in range(epochs):
            seed = np.arange(x.shape[0])
            np.random.shuffle(seed)
            x_ = x[seed]
            y_ = y_true[seed]
            for j in range(x.shape[0] // batch_size):
                k = j * batch_size
                l = (j + 1) * batch_size
                z, a = self._feed_forward(x_[k:l])
                self._back_prop(z, a, y_[k:l])
            if (i + 1) % 10 == 0:
                _, a = self._feed_forward(x)
                print("loss %d %.17g" % (i + 1, self.loss.loss(y_true, a[self.n_layers])))


def main():
    np.set_printoptions(precision=17)
    np.random.seed(1)
    nn = Network((2, 3, 1), (Relu, Sigmoid))
    print("w1", " ".join("%.17g" % v for v in nn.w[1].ravel()))
    print("w2", " ".join("%.17g" % v for v in nn.w[2].ravel()))

    np.random.seed(1)
    print("rand", " ".join("%.17g" % v for v in np.random.rand(5)))
    np.random.seed(7)
    print("randn", " ".join("%.17g" % v for v in np.random.randn(5)))
    np.random.seed(3)
    seed = np.arange(20)
    np.random.shuffle(seed)
    print("shuffle", " ".join(str(v) for v in seed))

    with gzip.open(sys.argv[1], "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    x = table[:, :64]
    y = np.eye(10)[table[:, 64].astype(int)]
    np.random.seed(1)
    nn = Network((64, 15, 10), (Relu, Sigmoid))
    nn.fit(x, y, loss=MSE, epochs=100, batch_size=15, learning_rate=1e-3)
    pred = np.argmax(nn.predict(x), 1)
    print("errors", int(np.sum(pred != table[:, 64].astype(int))))


if __name__ == "__main__":
    main()
