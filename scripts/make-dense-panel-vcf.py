#!/usr/bin/env python3
"""Writes a seeded VCF of N distinct records inside the panel's targets, for the VCF-import
benchmark (docs/benchmarks.md): at every target position with a known GRCh38 base (TestData's
chr7 FASTA), the 3 SNVs, then insertions of random 6-mers after that base, until N records.
An inserted 6-mer never ends in the anchor base, so no two records left-normalise alike (g2t
refuses duplicates). Sorted by position; AD/DP vary. Not committed: 200,000 records are ~10 MB.
usage: make-dense-panel-vcf.py N OUT.vcf [G2T]   (needs samtools and a built g2t for `g2t targets`)
"""
import random
import subprocess
import sys
from pathlib import Path

n, out = int(sys.argv[1]), sys.argv[2]
g2t = sys.argv[3] if len(sys.argv) > 3 else ".build/release/g2t"
root = Path(__file__).resolve().parent.parent
ref = root / "TestData/ref/chr7.panel.GRCh38.fa.gz"
rng = random.Random(13)
targets = [line.split("\t")[:3] for line in subprocess.run([g2t, "targets"], check=True, capture_output=True, text=True).stdout.splitlines()]
bases = {}
for chrom, start, end in targets:
    fa = subprocess.run(["samtools", "faidx", str(ref), f"{chrom}:{start}-{end}"], check=True, capture_output=True, text=True).stdout
    seq = "".join(fa.splitlines()[1:]).upper()
    for i, b in enumerate(seq):
        if b in "ACGT":
            bases[int(start) + i] = b
positions = sorted(bases)
per = -(-n // len(positions))  # records per position, rounded up
records = []
for p in positions:
    b = bases[p]
    alts = [a for a in "ACGT" if a != b]
    seen = set()
    while len(alts) < per:
        ins = "".join(rng.choice("ACGT") for _ in range(6))
        if ins[-1] != b and ins not in seen:
            seen.add(ins)
            alts.append(b + ins)
    records += [(p, b, a) for a in alts[:per]]
records = records[:n]
with open(out, "w") as f:
    f.write("##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n")
    f.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
    f.write('##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n')
    f.write('##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n')
    f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n")
    for p, r, a in records:
        ref_n, alt_n = rng.randrange(20, 400), rng.randrange(1, 80)
        f.write(f"chr7\t{p}\t.\t{r}\t{a}\t50\tPASS\t.\tGT:AD:DP\t0/1:{ref_n},{alt_n}:{ref_n + alt_n}\n")
print(f"{out}: {len(records)} records at {len(positions)} positions ({per} per position)", file=sys.stderr)
