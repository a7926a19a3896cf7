#!/usr/bin/env python3
"""Writes a seeded VCF of N records for the annotation benchmark: sorted SNVs spread along chr7
(the chromosome g2t's test reference FASTA holds, so bcftools csq can run on the same input),
outside the panel genes, plus the panel's hotspots. REF bases outside the panel are arbitrary:
neither tool reads the reference there.
usage: make-exome-vcf.py N OUT.vcf
"""
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
# The panel genes on chr7 with margins (EGFR, ABCB1, MET, BRAF): g2t checks REF against its bundled
# sequence inside them, so no arbitrary REF may fall there.
genes = [(55_000_000, 55_300_000), (87_490_000, 87_620_000), (116_600_000, 116_850_000), (140_700_000, 140_950_000)]
hot = [(55191822, "T", "G"), (55181378, "C", "T"), (55174771, "AGGAATTAAGAGAAGC", "A"), (87509329, "A", "G")]
pos = set()
while len(pos) < n - len(hot):
    p = rng.randrange(10_000, 159_000_000)
    if not any(a <= p <= b for a, b in genes):
        pos.add(p)
rows = sorted([(p, "A", rng.choice("CGT")) for p in pos] + hot)
with open(out, "w") as f:
    f.write("##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n")
    f.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
    f.write('##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n')
    f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n")
    for p, r, a in rows:
        f.write(f"chr7\t{p}\t.\t{r}\t{a}\t50\tPASS\t.\tGT:AD\t0/1:{rng.randrange(20, 200)},{rng.randrange(5, 100)}\n")
