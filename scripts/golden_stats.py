#!/usr/bin/env python3
"""Golden values for src/smoothing/stats.ts, computed with SciPy and statsmodels.

Run with Debian's python3-scipy and python3-statsmodels installed:
    npm run golden        (writes src/smoothing/__fixtures__/golden.json)
The Vitest suite reads the JSON; it never needs Python.
"""
import json
import sys

import numpy as np
import scipy
import statsmodels
from scipy.stats import beta, binomtest, norm
from statsmodels.stats.proportion import proportion_confint

NS = [1, 2, 3, 5, 10, 37, 100, 1000, 10_000, 100_000]
ALPHAS = [1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5]


def ks_for(n):
    ks = {0, 1, n // 2, n - 1, n, (n * 9) // 10, (n * 99) // 100, (n * 3) // 5}
    return sorted(k for k in ks if 0 <= k <= n)


def cp_lower(k, n, alpha):
    # Cohen et al.'s core.py: proportion_confint(NA, N, alpha=2 * alpha, method="beta")[0]
    low = proportion_confint(k, n, alpha=2 * alpha, method="beta")[0]
    low = 0.0 if (k == 0 or np.isnan(low)) else float(low)
    direct = 0.0 if k == 0 else float(beta.ppf(alpha, k, n - k + 1))
    assert abs(low - direct) < 1e-12, (k, n, alpha, low, direct)
    return low


def cp_upper(k, n, alpha):
    return 1.0 if k == n else float(beta.ppf(1 - alpha, k + 1, n - k))


def main():
    cp = []
    for n in NS:
        for k in ks_for(n):
            for a in ALPHAS:
                cp.append({"k": k, "n": n, "alpha": a, "lower": cp_lower(k, n, a), "upper": cp_upper(k, n, a)})
    bt = []
    for n in NS:
        for k in ks_for(n):
            for p in [0.5, 0.3, 0.9]:
                bt.append({"k": k, "n": n, "p": p, "pValue": float(binomtest(k, n, p, alternative="two-sided").pvalue)})
    ps = [0.0, 1e-300, 1e-12, 1e-9, 1e-6, 1e-3, 0.01, 0.025, 0.1, 0.3, 0.5, 0.6, 0.7, 0.9, 0.975, 0.99, 0.999,
          0.999999, 1 - 1e-9, 1 - 1e-12, 1.0]
    ppf = [{"p": p, "x": float(norm.ppf(p))} for p in ps]
    out = {
        "generator": "scripts/golden_stats.py",
        "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
        "clopperPearson": cp,
        "binomialTest": bt,
        "normalPpf": ppf,
    }
    # JSON has no Infinity: encode the two infinite quantiles as strings.
    text = json.dumps(out, indent=1, allow_nan=True).replace("-Infinity", '"-Infinity"').replace(" Infinity", ' "Infinity"')
    print(text)


if __name__ == "__main__":
    main()
