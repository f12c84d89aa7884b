"""Golden classification reports for dev.mlp.metrics.ClassificationReportTest.

    /usr/bin/python3 classification_reports.py > classification_reports.txt

Needs scikit-learn (Debian: apt-get install python3-sklearn). Each case is written as

    === case NAME
    y_true: 0 1 2 ...
    y_pred: 0 2 2 ...
    labels: -                  (or the labels= argument, space separated)
    target_names: -            (or the target_names= argument, joined with '|')
    digits: 2                  (the digits= argument; 2 is sklearn's default)
    --- report
    <classification_report(...) exactly, ending with its own newline>

so the Java test rebuilds every input from this file and never runs Python.

scikit-learn >= 1.3 computes F1 as 2*tp / (true + predicted); older versions computed
2*p*r / (p + r), which can differ in the last bit and, on a decimal tie, in the printed
digit. The script refuses to write a case in which the two would print differently, so
the golden text is the same whichever version produced it.
"""
import sys
import warnings

import numpy as np
from sklearn.metrics import classification_report, precision_recall_fscore_support
from sklearn.utils.multiclass import unique_labels


def from_counts(counts):
    """y_true, y_pred with counts[i][j] samples of true class i predicted as j."""
    y_true, y_pred = [], []
    for i, row in enumerate(counts):
        for j, c in enumerate(row):
            y_true += [i] * c
            y_pred += [j] * c
    return np.array(y_true), np.array(y_pred)


def cases():
    rs = np.random.RandomState(20240611)

    supports = [120, 305, 198, 411, 150, 276, 333, 102, 487, 219]
    y = rs.permutation(np.repeat(np.arange(10), supports))
    yield "perfect_10_classes", y, y.copy(), None, None, 2

    # class 2 is in y_true but never predicted: precision 0 (zero_division), f1 0
    y_true = np.array([0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 0, 1])
    y_pred = np.array([0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1])
    yield "never_predicted", y_true, y_pred, None, None, 2

    # class 3 is predicted but absent from y_true: recall 0, support 0
    y_true = np.array([0, 1, 1, 0, 2, 2, 2, 1, 0])
    y_pred = np.array([0, 1, 3, 0, 2, 3, 2, 1, 3])
    yield "absent_from_true", y_true, y_pred, None, None, 2

    # precision 1/8, 3/8, 5/8 and 3/40: half-even on the binary value prints
    # 0.12, 0.38, 0.62 and 0.07 where half-up on the decimal would print 0.13, 0.38, 0.63, 0.08
    y_true, y_pred = from_counts([[1, 2, 1, 4],
                                  [3, 3, 1, 1],
                                  [2, 2, 5, 32],
                                  [2, 1, 1, 3]])
    yield "rounding_ties", y_true, y_pred, None, None, 2

    # 1/40 = 0.025000000000000001 -> 0.03, 1/8 -> 0.12, accuracy 6/80 = 0.075 (0.0749999...) -> 0.07
    y_true, y_pred = from_counts([[1, 35],
                                  [39, 5]])
    yield "two_class_decimal_ties", y_true, y_pred, None, None, 2

    y_true = rs.randint(0, 2, size=200)
    flip = rs.rand(200) < 0.2
    y_pred = np.where(flip, 1 - y_true, y_true)
    yield "two_class", y_true, y_pred, None, None, 2

    y_true = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2])
    y_pred = np.array([0, 1, 1, 1, 2, 2, 2, 0, 2, 0, 1, 2])
    yield "target_names_long", y_true, y_pred, None, [
        "setosa", "versicolor", "virginica from the long island of very long names"], 2

    y_true = np.array([0, 1, 2, 0, 1, 2, 1, 1])
    y_pred = np.array([0, 2, 2, 0, 1, 1, 1, 0])
    yield "labels_superset_micro_avg", y_true, y_pred, [0, 1, 2, 3, 4], None, 2

    y_true = np.array([11, 2, 5, 40, 40, 2, 11, 5, 5, 40])
    y_pred = np.array([11, 5, 5, 40, 2, 2, 11, 11, 5, 40])
    yield "sparse_labels", y_true, y_pred, None, None, 2

    yield "single_class", np.array([3, 3, 3]), np.array([3, 3, 3]), None, None, 2

    # 13 classes: averages go through numpy's 8-way unrolled summation
    y_true = rs.randint(0, 13, size=500)
    noise = rs.randint(0, 13, size=500)
    y_pred = np.where(rs.rand(500) < 0.6, y_true, noise)
    yield "thirteen_classes", y_true, y_pred, None, None, 2

    # digits=4 and digits=0 (format(x, '.0f') also rounds half-even: 0.5 -> '0')
    y_true = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 0, 1, 2, 1])
    y_pred = np.array([0, 1, 1, 1, 2, 2, 2, 0, 2, 0, 1, 2, 0, 1, 2, 0])
    yield "four_digits", y_true, y_pred, None, None, 4
    yield "zero_digits", y_true, y_pred, None, None, 0

    # 150 classes: averages go through numpy's recursive pairwise summation (blocks > 128)
    rs = np.random.RandomState(151)
    y_true = rs.randint(0, 150, size=3000)
    noise = rs.randint(0, 150, size=3000)
    y_pred = np.where(rs.rand(3000) < 0.5, y_true, noise)
    yield "hundred_fifty_classes", y_true, y_pred, None, None, 2


def check_f1_formula_independent(name, y_true, y_pred, labels, digits):
    """Refuse a case whose printout depends on which F1 formula sklearn uses."""
    if labels is None:
        labels = unique_labels(y_true, y_pred)
    labels = np.asarray(labels)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None)
    tp = np.array([np.sum((y_true == l) & (y_pred == l)) for l in labels])
    t = np.array([np.sum(y_true == l) for l in labels])
    q = np.array([np.sum(y_pred == l) for l in labels])
    new = np.where(t + q > 0, 2.0 * tp / np.maximum(t + q, 1), 0.0)
    old_macro, new_macro = np.average(f), np.average(new)
    old_w, new_w = np.average(f, weights=s), np.average(new, weights=s)
    def fmt(x):
        return format(x, f".{digits}f")

    pairs = list(zip(map(fmt, f), map(fmt, new))) + [(fmt(old_macro), fmt(new_macro)), (fmt(old_w), fmt(new_w))]
    for a, b in pairs:
        if a != b:
            sys.exit(f"case {name}: F1 prints {a} with one sklearn formula and {b} with the other")


def main():
    warnings.simplefilter("ignore")
    out = []
    for name, y_true, y_pred, labels, names, digits in cases():
        check_f1_formula_independent(name, y_true, y_pred, labels, digits)
        report = classification_report(y_true, y_pred, labels=labels, target_names=names, digits=digits)
        out.append(f"=== case {name}\n")
        out.append("y_true: " + " ".join(str(int(v)) for v in y_true) + "\n")
        out.append("y_pred: " + " ".join(str(int(v)) for v in y_pred) + "\n")
        out.append("labels: " + ("-" if labels is None else " ".join(str(v) for v in labels)) + "\n")
        out.append("target_names: " + ("-" if names is None else "|".join(names)) + "\n")
        out.append(f"digits: {digits}\n")
        out.append("--- report\n")
        out.append(report)
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
