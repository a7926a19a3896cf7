#!/usr/bin/env python3
"""Would a SAGE-like hotspot tier call more at 0.1%? Evaluated on scripts/bench-cfdna-null.sh's TSV.

usage: bench-cfdna-hotspot-test.py NULL.tsv [ALPHA]

The tier tested: a hotspot allele is called when its alt molecules are unlikely under the sample's own
per-substitution consensus background (one-sided binomial tail P(X >= alt | molecules, background)),
Bonferroni-corrected for the number of panel hotspots tested (the report lists every one), at ALPHA
(default 0.05). For each row it prints nothing; per sample kind it prints: hotspot alleles tested, the
alt-molecule distribution, g2t's current detections, the tier's detections, and the fewest alt molecules
the tier needs (at the median depth and background).
"""
import csv
import math
import sys
from collections import Counter, defaultdict
from statistics import median


def tail(k, n, e):
    """P(X >= k) for X ~ Binomial(n, e)."""
    if k <= 0:
        return 1.0
    return max(0.0, 1.0 - sum(math.comb(n, i) * e ** i * (1 - e) ** (n - i) for i in range(k)))


def needed(n, e, tests, alpha):
    k = 1
    while tail(k, n, e) * tests > alpha and k < 100:
        k += 1
    return k


def main():
    alpha = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
    rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
    by = defaultdict(list)
    for r in rows:
        by[r["kind"]].append(r)
    print(f"kind\tsamples\thotspot_tests\talt_molecules(count:tests)\tg2t_detected\ttier_detected\ttier_needs\tmedian_background\tpassing_calls_total")
    for kind, rs in by.items():
        samples = len({r["seed"] for r in rs})
        dist = Counter(int(r["alt_molecules"]) for r in rs)
        g2t = sum(r["status"] == "detected" for r in rs)
        tier = 0
        for r in rs:
            n, k, e, h = int(r["molecules"]), int(r["alt_molecules"]), float(r["background"]), int(r["hotspots_in_panel"])
            if k > 0 and tail(k, n, e) * h <= alpha:
                tier += 1
        n = int(median(int(r["molecules"]) for r in rs))
        e = median(float(r["background"]) for r in rs)
        h = int(rs[0]["hotspots_in_panel"])
        calls = sum(int(r["passing_calls"]) for r in {r["seed"]: r for r in rs}.values())
        print(f"{kind}\t{samples}\t{len(rs)}\t{' '.join(f'{a}:{c}' for a, c in sorted(dist.items()))}\t{g2t}\t{tier}"
              f"\t>= {needed(n, e, h, alpha)} of {n}\t{e:.2g}\t{calls}")


if __name__ == "__main__":
    main()
