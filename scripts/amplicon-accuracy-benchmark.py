#!/usr/bin/env python3
"""Amplicon rows of `make bench-accuracy`: g2t with and without --amplicons, bcftools and freebayes on
the committed amplicon samples (TestData/samples/amplicon, scripts in TestData/make-amplicon-testdata.sh):
whole-amplicon reads with untrimmed primers over EGFR exons 18-21, 11 variants at 5-20% (T790M, L858R,
exon 19 deletion, exon 20 insertion, SNVs within 10 bp of an insert end or under a primer) and one
primer-site mismatch that must not be called. Scored as accuracy-benchmark.py scores (normalised,
atomised PASS calls): recall of the truth, false positives in the amplicon inserts' targets, and whether
the primer mismatch was called. bcftools and freebayes are run as in accuracy-benchmark.py, without
primer trimming (neither trims; labs run e.g. ivar trim or fgbio first). usage: amplicon-accuracy-benchmark.py
"""
import importlib.util
import json
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("accuracy", os.path.join(ROOT, "scripts", "accuracy-benchmark.py"))
acc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(acc)

DATA = os.path.join(ROOT, "TestData", "samples", "amplicon")
BED = os.path.join(DATA, "egfr-exons18-21.amplicons.bed")
TRUTH = os.path.join(DATA, "amplicon-egfr.truth.vcf.gz")
PRIMER_MISMATCH = 55191780  # simulate_amplicon.py: a base of EGFR_ex21_2's left primer
SAMPLES = ["amplicon-egfr", "amplicon-egfr-markdup"]


def g2t_calls(bam, work, amplicons):
    out = os.path.join(work, "g2t.json")
    acc.run([acc.G2T, "call", bam, "-o", out] + (["--amplicons", BED] if amplicons else []))
    calls = set()
    for v in json.load(open(out))["variants"]:
        if v["filter"] == "PASS":
            calls.update(acc.atomize(v["pos"], v["ref"], v["alt"]))
    return calls


def main():
    work = tempfile.mkdtemp(prefix="g2t-amplicon-accuracy-")
    try:
        truth = acc.vcf_calls(TRUTH, work)
        plain_ref = os.path.join(work, "ref.fa")
        acc.run(f"bgzip -dc {acc.REF_GZ} > {plain_ref} && samtools faidx {plain_ref}")
        region_bed = os.path.join(work, "amplicons.bed")
        with open(region_bed, "w") as f:
            for line in open(BED):
                if not line.startswith("#"):
                    f.write("\t".join(line.split("\t")[:3]) + "\n")
        print("| sample | tool | recall | false positives | primer mismatch called |")
        print("|---|---|---|---|---|")
        for s in SAMPLES:
            bam = os.path.join(DATA, s + ".bam")
            tools = [("g2t --amplicons", lambda: g2t_calls(bam, work, True)), ("g2t", lambda: g2t_calls(bam, work, False)),
                     ("bcftools", lambda: acc.bcftools_calls(bam, region_bed, work))]
            if shutil.which("freebayes"):
                tools.append(("freebayes", lambda: acc.freebayes_calls(bam, region_bed, plain_ref, work)))
            for name, call in tools:
                calls = call()
                found = len(truth & calls)
                fp = calls - truth
                primer = any(p == PRIMER_MISMATCH for p, _, _ in fp)
                print(f"| {s} | {name} | {found}/{len(truth)} | {len(fp)} | {'yes' if primer else 'no'} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
