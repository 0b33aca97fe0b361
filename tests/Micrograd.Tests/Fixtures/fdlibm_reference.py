"""Writes fdlibm_reference.csv: erf, log1p and expm1 at seeded random points of every branch of fdlibm's algorithms, with
the correctly rounded value and what rounding left out (value + residual is the exact value to about 2^-106 relative),
computed by mpmath at 200 bits. FdlibmTests measures Fdlibm.cs against it; the tests never run this script.

    python3 fdlibm_reference.py > fdlibm_reference.csv      (mpmath 1.3.0)
"""
import random
import mpmath

mpmath.mp.prec = 200
random.seed(20240611)


def log_uniform(lo, hi):
    return 10 ** random.uniform(lo, hi)


def signed(x):
    return x if random.random() < 0.5 else -x


def points():
    erf = [signed(random.uniform(a, b)) for a, b in
           [(2 ** -28, 0.84375), (0.84375, 1.25), (1.25, 1 / 0.35), (1 / 0.35, 6), (6, 30)] for _ in range(300)]
    erf += [signed(log_uniform(-320, -8.5)) for _ in range(100)]
    log1p = [random.uniform(-0.2929, 0.4142) for _ in range(400)]
    log1p += [-1 + log_uniform(-16, -0.2) for _ in range(300)]
    log1p += [signed(log_uniform(-320, -1)) for _ in range(400)]
    log1p += [log_uniform(-0.4, 308) for _ in range(400)]
    expm1 = [signed(random.uniform(0, 0.3466)) for _ in range(400)]
    expm1 += [signed(random.uniform(0.3466, 1.0397)) for _ in range(300)]
    expm1 += [random.uniform(1.0397, 709.78) for _ in range(300)]
    expm1 += [-random.uniform(1.0397, 38.9) for _ in range(200)]
    expm1 += [signed(log_uniform(-320, -1)) for _ in range(300)]
    return [("erf", x, mpmath.erf) for x in erf] + [("log1p", x, mpmath.log1p) for x in log1p] \
        + [("expm1", x, mpmath.expm1) for x in expm1]


print("function,x,value,residual")
for name, x, f in points():
    exact = f(mpmath.mpf(x))
    value = float(exact)  # rounds to nearest
    residual = float(exact - mpmath.mpf(value))
    print(f"{name},{x!r},{value!r},{residual!r}")
