#!/usr/bin/env python3
"""Generates a cohort of annotated g2t analyses (JSON Lines) for the scoring benchmark.

usage: make-cohort.py N SEED OUT.jsonl TEMPLATE.annotated.json...

Each sample starts from a template (real `g2t annotate` output of a TestData sample), then gets a
new ID, a random tumour type, a random subset of the pooled annotated variants (with their phase
calls when both variants are kept), and in some samples ABCB1/EGFR copy number and ABCB1 TPM.
The seed fixes every choice, so the same arguments give the same bytes.
"""
import json
import random
import sys

TUMOUR_TYPES = ["LUAD", "LUSC", "NSCLC", "COADREAD", "STAD", "ESCA", "ESCC", "HNSC", "PAAD", "CHOL", "GBM", "BRCA", "HGSOC", None]


def main():
    n, seed, out, templates = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    rng = random.Random(seed)
    bases = [json.load(open(t)) for t in templates]
    pool = {}
    phases = []
    for b in bases:
        for v in b["variants"]:
            pool[(v["chrom"], v["pos"], v["ref"], v["alt"])] = v
        phases += b.get("phases", [])
    keys = sorted(pool)
    with open(out, "w") as f:
        for i in range(n):
            a = json.loads(json.dumps(rng.choice(bases)))
            a["sample"]["id"] = f"S{i:06d}"
            t = rng.choice(TUMOUR_TYPES)
            a["sample"]["tumorType"] = t
            a["sample"]["tumorTypeName"] = None if t is None else t
            chosen = sorted(rng.sample(keys, rng.randint(0, min(5, len(keys)))))
            a["variants"] = [dict(pool[k], vaf=round(rng.uniform(0.02, 0.6), 4)) for k in chosen]
            kept = {f"{c}:{p}:{r}:{x}" for c, p, r, x in chosen}
            a["phases"] = [p for p in phases if all(k in kept for k in p["keys"])]
            if rng.random() < 0.5:
                a["copyNumber"] = [
                    {"gene": "ABCB1", "copies": (c := round(rng.choice([2, 2, 2, 3.5, 4, 6, 9]) * rng.uniform(0.9, 1.1), 4)),
                     "log2Ratio": 0.0, "status": "amplification" if c >= 5 else "gain" if c >= 3 else "neutral", "targets": 5},
                    {"gene": "EGFR", "copies": (e := round(rng.choice([2, 2, 2, 6, 12]) * rng.uniform(0.9, 1.1), 4)),
                     "log2Ratio": 0.0, "status": "amplification" if e >= 5 else "gain" if e >= 3 else "neutral", "targets": 5}]
            if rng.random() < 0.3:
                a["expression"] = [{"gene": "ABCB1", "tpm": round(rng.lognormvariate(3, 1.5), 2), "source": "generated"}]
            a.pop("sampleTumorTypeName", None)
            f.write(json.dumps(a, separators=(",", ":"), sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
