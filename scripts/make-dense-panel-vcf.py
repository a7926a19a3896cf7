#!/usr/bin/env python3
"""Writes a seeded VCF of N distinct records inside the panel's targets, for the VCF-import
benchmark (docs/benchmarks.md): at every target position with a known GRCh38 base (the bundled
reference slices, Sources/G2TCore/Data/*.GRCh38*.fa, every panel gene on every chromosome), the 3 SNVs,
then insertions of random 6-mers after that base, until N records.
An inserted 6-mer never ends in the anchor base, so no two records left-normalise alike (g2t
refuses duplicates). Sorted by position; AD/DP vary. Not committed: 200,000 records are ~10 MB.
usage: make-dense-panel-vcf.py N OUT.vcf [G2T]   (needs a built g2t for `g2t targets`)
DENSE_CHROMS=chr7[,chrN...] keeps the targets of those chromosomes only (make bench: bcftools csq
beside it has the bundled chr7 reference only).
"""
import random
import subprocess
import os
import sys
from pathlib import Path

n, out = int(sys.argv[1]), sys.argv[2]
g2t = sys.argv[3] if len(sys.argv) > 3 else ".build/release/g2t"
root = Path(__file__).resolve().parent.parent
rng = random.Random(13)
targets = [line.split("\t")[:3] for line in subprocess.run([g2t, "targets"], check=True, capture_output=True, text=True).stdout.splitlines()]
keep = set(filter(None, os.environ.get("DENSE_CHROMS", "").split(",")))
if keep:
    targets = [t for t in targets if t[0] in keep]
# The panel's GRCh38 sequence: FASTA records named ">chrN:START-END ..." (1-based, inclusive).
known = {}
for fa in sorted((root / "Sources/G2TCore/Data").glob("*.GRCh38*.fa")):
    name, seq = None, []
    for line in fa.read_text().splitlines() + [">"]:
        if line.startswith(">"):
            if name:
                chrom, span = name.split(":")
                start = int(span.split("-")[0])
                for i, b in enumerate("".join(seq).upper()):
                    known[(chrom, start + i)] = b
            name, seq = (line[1:].split()[0] if len(line) > 1 else None), []
        else:
            seq.append(line.strip())
lengths = {}
for line in (root / "Sources/G2TCore/Data/assemblies.tsv").read_text().splitlines():
    f = line.split("\t")
    if not line.startswith("#") and len(f) >= 2 and f[1].isdigit():
        lengths[f[0]] = int(f[1])
bases = {}
for chrom, start, end in targets:
    for p in range(int(start), int(end) + 1):
        b = known.get((chrom, p))
        if b in ("A", "C", "G", "T"):
            bases[(chrom, p)] = b
order = {c: i for i, c in enumerate(lengths)}
positions = sorted(bases, key=lambda k: (order.get(k[0], 99), k[1]))
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
    records += [(p[0], p[1], b, a) for a in alts[:per]]
records = records[:n]
with open(out, "w") as f:
    f.write("##fileformat=VCFv4.2\n")
    for c in sorted({c for c, _ in positions}, key=lambda c: order.get(c, 99)):
        f.write(f"##contig=<ID={c},length={lengths[c]}>\n")
    f.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
    f.write('##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n')
    f.write('##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n')
    f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n")
    for c, p, r, a in records:
        ref_n, alt_n = rng.randrange(20, 400), rng.randrange(1, 80)
        f.write(f"{c}\t{p}\t.\t{r}\t{a}\t50\tPASS\t.\tGT:AD:DP\t0/1:{ref_n},{alt_n}:{ref_n + alt_n}\n")
print(f"{out}: {len(records)} records at {len(positions)} positions ({per} per position)", file=sys.stderr)
