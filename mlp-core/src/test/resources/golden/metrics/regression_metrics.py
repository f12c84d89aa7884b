"""Golden regression metrics for dev.mlp.metrics.MetricsTest.

    /usr/bin/python3 regression_metrics.py > regression_metrics.txt

Needs scikit-learn (Debian: apt-get install python3-sklearn). Each case is written as

    === case NAME
    shape: ROWS COLS
    y_true: <row-major values, repr>
    y_pred: <row-major values, repr>
    r2: <r2_score(y_true, y_pred), multioutput='uniform_average'>
    mae: <mean_absolute_error(y_true, y_pred)>
    mse: <mean_squared_error(y_true, y_pred)>

Values are written with repr, which round-trips exactly through Double.parseDouble.
"""
import sys
import warnings

import numpy as np
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score


def cases():
    rs = np.random.RandomState(7)

    y_true = np.array([[3.0], [-0.5], [2.0], [7.0]])
    y_pred = np.array([[2.5], [0.0], [2.0], [8.0]])
    yield "single_output_small", y_true, y_pred

    y_true = np.array([[0.5, 1.0], [-1.0, 1.0], [7.0, -6.0]])
    y_pred = np.array([[0.0, 2.0], [-1.0, 2.0], [8.0, -5.0]])
    yield "two_outputs_small", y_true, y_pred

    y_true = rs.randn(40, 3) * [1.0, 10.0, 0.01]
    y_pred = y_true + rs.randn(40, 3) * [0.3, 4.0, 0.02]
    yield "three_outputs_different_scales", y_true, y_pred

    # worse than predicting the mean: negative r2
    y_true = rs.rand(25, 1)
    y_pred = 1.0 - y_true
    yield "negative_r2", y_true, y_pred

    # column 0 constant and predicted exactly (score 1), column 1 constant and missed (score 0)
    y_true = np.array([[2.0, 5.0], [2.0, 5.0], [2.0, 5.0], [2.0, 5.0]])
    y_pred = np.array([[2.0, 5.0], [2.0, 4.0], [2.0, 5.0], [2.0, 6.5]])
    yield "constant_columns", y_true, y_pred

    y_true = rs.randn(300, 1) * 3.0 + 1.0
    y_pred = y_true + rs.randn(300, 1)
    yield "three_hundred_rows", y_true, y_pred


def main():
    warnings.simplefilter("ignore")
    out = []
    for name, y_true, y_pred in cases():
        out.append(f"=== case {name}\n")
        out.append(f"shape: {y_true.shape[0]} {y_true.shape[1]}\n")
        out.append("y_true: " + " ".join(repr(float(v)) for v in y_true.ravel()) + "\n")
        out.append("y_pred: " + " ".join(repr(float(v)) for v in y_pred.ravel()) + "\n")
        out.append(f"r2: {float(r2_score(y_true, y_pred))!r}\n")
        out.append(f"mae: {float(mean_absolute_error(y_true, y_pred))!r}\n")
        out.append(f"mse: {float(mean_squared_error(y_true, y_pred))!r}\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
