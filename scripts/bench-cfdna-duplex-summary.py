#!/usr/bin/env python3
"""The duplex hotspot tier (branch hot1) on scripts/bench-cfdna-null.sh's TSV: per sample kind, the hotspot
tests, the one-strand-or-duplex alt molecules and the duplex alt molecules at the hotspot allele, the duplex
molecules and the duplex alt molecules the tier needs (medians), and the detections (status "detected").

usage: bench-cfdna-duplex-summary.py NULL.tsv [NULL2.tsv ...]
"""
import csv
import sys
from collections import Counter, defaultdict
from statistics import median


def dist(values):
    return " ".join(f"{k}:{v}" for k, v in sorted(Counter(values).items()))


def main():
    rows = []
    for path in sys.argv[1:]:
        with open(path) as f:
            rows += list(csv.DictReader(f, delimiter="\t"))
    if not rows:
        sys.exit(__doc__)
    groups = defaultdict(list)
    for r in rows:
        groups[r["kind"]].append(r)
    print("kind\tsamples\thotspot tests\talt molecules (value:tests)\tduplex alt molecules, SNV hotspots (value:tests)"
          "\tmedian duplex molecules\tduplex alt needed (value:tests)\tdetected\tdetected SNV with < 3 molecules\tsamples with a passing call")
    for kind, rs in groups.items():
        snv = [r for r in rs if r["duplex_molecules"] not in ("", None)]
        samples = {r["seed"] for r in rs}
        passing = {r["seed"] for r in rs if int(r["passing_calls"]) > 0}
        det = [r for r in rs if r["status"] == "detected"]
        low = [r for r in det if r in snv and int(r["alt_molecules"]) < 3]
        print("\t".join(map(str, [
            kind, len(samples), len(rs), dist(int(r["alt_molecules"]) for r in rs),
            dist(int(r["duplex_alt"]) for r in snv),
            median(int(r["duplex_molecules"]) for r in snv) if snv else "-",
            dist(r["duplex_needed"] or "none" for r in snv), len(det), len(low), len(passing)])))


if __name__ == "__main__":
    main()
