#!/usr/bin/env python3
"""Chebyshev coefficients of the float64 erf that mlp-onnx exports (dev.mlp.onnx.ErfGraph).

ONNX Runtime has no float64 Erf kernel, so a float64 GELU is exported with erf built from
operators that have one (Mul, Add, Sub, Exp, Abs, Sign, Less, Where):

  erf(t) = sign(t) * E(|t|),  a = |t|
  E(a) = a * A(s),                 s = a*a/2 - 1         for a < 2   (a*a in [0, 4] -> s in [-1, 1])
  E(a) = 1 - exp(-a*a) * B(s),     s = a/2 - 2           for 2 <= a < 6   (s in [-1, 1])
  E(a) = 1                                               for a >= 6 (erfc(6) = 2e-17: 1 - erfc rounds to 1)

A and B are Chebyshev series, evaluated with Clenshaw's recurrence. Their coefficients come from
interpolation at Chebyshev points with mpmath at 50 digits; the script prints them as Java
literals and the largest error of the float64 evaluation over a dense grid.

Rerun: python3 mlp-onnx/tools/erf_coefficients.py   (Debian: apt-get install python3-mpmath)
"""
import math

import mpmath

mpmath.mp.dps = 50


def cheb_coefficients(f, n):
    """Coefficients c_0..c_{n-1} of the degree n-1 interpolant of f on [-1, 1] at Chebyshev points."""
    xs = [mpmath.cos(mpmath.pi * (k + mpmath.mpf(1) / 2) / n) for k in range(n)]
    fs = [f(x) for x in xs]
    cs = []
    for j in range(n):
        s = mpmath.fsum(fs[k] * mpmath.cos(mpmath.pi * j * (k + mpmath.mpf(1) / 2) / n) for k in range(n))
        cs.append(2 * s / n)
    cs[0] /= 2
    return [float(c) for c in cs]


def clenshaw(cs, s):
    b1 = b2 = 0.0
    s2 = 2.0 * s
    for c in reversed(cs[1:]):
        b1, b2 = s2 * b1 - b2 + c, b1
    return s * b1 - b2 + cs[0]


def erf_a(s):  # erf(a)/a with a*a = 2(s + 1)
    u = 2 * (s + 1)
    if u == 0:
        return 2 / mpmath.sqrt(mpmath.pi)
    a = mpmath.sqrt(u)
    return mpmath.erf(a) / a


def erfc_b(s):  # erfc(a) exp(a*a) with a = 2(s + 2)
    a = 2 * (s + 2)
    return mpmath.erfc(a) * mpmath.exp(a * a)


def erf64(t, A, B):
    a = abs(t)
    if a < 2:
        e = a * clenshaw(A, a * a / 2 - 1)
    elif a < 6:
        e = 1 - math.exp(-a * a) * clenshaw(B, a / 2 - 2)
    else:
        e = 1.0
    return math.copysign(e, t) if t != 0 else 0.0


def main():
    A = cheb_coefficients(erf_a, 26)
    B = cheb_coefficients(erfc_b, 30)
    # drop the trailing coefficients too small to matter in float64
    while abs(A[-1]) < 1e-18 * abs(A[0]):
        A.pop()
    while abs(B[-1]) < 1e-18 * abs(B[0]):
        B.pop()
    worst = 0.0
    where = 0.0
    n = 200000
    for i in range(n + 1):
        t = 7.0 * i / n
        err = abs(erf64(t, A, B) - float(mpmath.erf(t)))
        if err > worst:
            worst, where = err, t
    print("// erf(a)/a, a < 2: %d coefficients" % len(A))
    print(", ".join(repr(c) for c in A))
    print("// erfc(a) exp(a^2), 2 <= a < 6: %d coefficients" % len(B))
    print(", ".join(repr(c) for c in B))
    print("// largest |erf error| on [0, 7] (step 3.5e-5): %.3g at t = %.6f" % (worst, where))


if __name__ == "__main__":
    main()
