"""Independent references for the Leadsource attribution tests.

Run: .venv/bin/python reference.py   (numpy, pandas, ChannelAttribution 2.2.5 from PyPI)

1. Exact first-order Markov removal effects with numpy (np.linalg.solve on I - Q).
2. Shapley values by brute force over all coalitions, with v(S) = sum of r(T) for T subset of S.
3. ChannelAttribution.markov_model (simulation-based) and heuristic_models on the same paths.
"""
import itertools
import math
import sys

import numpy as np
import pandas as pd

# path, conversions, nulls, conversion value (revenue) of the path
PATHS = [
    ("A>B>C", 3, 2, 300.0),
    ("A", 1, 4, 50.0),
    ("B>A>B", 2, 1, 120.0),
    ("C>C>D", 1, 3, 80.0),
    ("D>A", 0, 2, 0.0),
    ("B>D>C", 2, 2, 90.0),
]
TEXTBOOK = [("C1>C2>C3", 1, 0, 0.0), ("C1", 0, 1, 0.0), ("C2>C3", 0, 1, 0.0)]


def collapse(path):
    out = []
    for c in path.split(">"):
        if not out or out[-1] != c:
            out.append(c)
    return out


def markov_exact(paths):
    channels = sorted({c for p, *_ in paths for c in p.split(">")})
    idx = {c: i + 1 for i, c in enumerate(channels)}  # 0 = START
    n = len(channels) + 1
    counts = np.zeros((n, n + 2))  # columns: transient states, then CONV, NULL
    for p, conv, null, _ in paths:
        seq = [0] + [idx[c] for c in collapse(p)]
        for a, b in zip(seq, seq[1:]):
            counts[a, b] += conv + null
        counts[seq[-1], n] += conv
        counts[seq[-1], n + 1] += null
    probs = counts / counts.sum(axis=1, keepdims=True)
    q, b = probs[:, :n], probs[:, n]

    def p_conv(removed=None):
        a = np.eye(n) - q
        rhs = b.copy()
        if removed is not None:
            a[removed, :] = 0.0
            a[removed, removed] = 1.0
            rhs[removed] = 0.0
        return np.linalg.solve(a, rhs)[0]

    p = float(p_conv())
    re = {c: 1.0 - float(p_conv(idx[c])) / p for c in channels}
    total = sum(re.values())
    return p, re, {c: re[c] / total for c in channels}


def shapley_bruteforce(paths):
    rate = {}
    for p, conv, null, _ in paths:
        t = frozenset(p.split(">"))
        j, k = rate.get(t, (0, 0))
        rate[t] = (j + conv + null, k + conv)
    r = {t: k / j for t, (j, k) in rate.items() if k > 0}
    players = sorted({c for t in r for c in t})
    n = len(players)

    def v(s):
        return sum(val for t, val in r.items() if t <= s)

    phi = {}
    for c in players:
        others = [x for x in players if x != c]
        total = 0.0
        for size in range(n):
            w = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for s in itertools.combinations(others, size):
                s = frozenset(s)
                total += w * (v(s | {c}) - v(s))
        phi[c] = total
    return phi


def show(name, paths):
    p, re, share = markov_exact(paths)
    conv = sum(x[1] for x in paths)
    rev = sum(x[3] for x in paths)
    print(f"== {name}: exact Markov (numpy) P(conv) = {p!r}")
    for c in sorted(re):
        print(f"  {c}: RE = {re[c]!r}  share = {share[c]!r}  "
              f"conv = {share[c] * conv!r}  revenue = {share[c] * rev!r}")
    phi = shapley_bruteforce(paths)
    tot = sum(phi.values())
    print(f"== {name}: brute-force Shapley, sum phi = {tot!r}")
    for c in sorted(phi):
        print(f"  {c}: phi = {phi[c]!r}  conv = {phi[c] / tot * conv!r}  "
              f"revenue = {phi[c] / tot * rev!r}")


show("textbook", TEXTBOOK)
show("cross-check", PATHS)

if "--no-ca" in sys.argv:
    sys.exit(0)

from ChannelAttribution import heuristic_models, markov_model  # noqa: E402

df = pd.DataFrame(PATHS, columns=["path", "total_conversions", "total_null", "total_conversion_value"])
res = markov_model(df, "path", "total_conversions", var_value="total_conversion_value",
                   var_null="total_null", order=1, nsim_start=2e6, max_step=1000,
                   out_more=True, seed=0, conv_par=0.005, verbose=False, flg_pro=False)
pd.set_option("display.precision", 10)
print("== ChannelAttribution.markov_model")
print(res["result"])
print(res["removal_effects"])
print(res["transition_matrix"])
print("== ChannelAttribution.heuristic_models")
print(heuristic_models(df, "path", "total_conversions", var_value="total_conversion_value", flg_pro=False).to_string())
