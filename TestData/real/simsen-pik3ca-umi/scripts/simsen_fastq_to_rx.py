#!/usr/bin/env python3
"""SiMSen-Seq read layout as used by UMIErrorCorrect(2) (-ul 19 -sl 16): read 1 = 19-nt UMI, 16-nt
spacer, then template; read 2 = template (no UMI). Writes FASTQs whose header comment is
'RX:Z:<UMI>' (bwa mem -C copies it into the SAM record); R1 loses its first 35 bases.
usage: simsen_fastq_to_rx.py R1.fq.gz R2.fq.gz out_R1.fq out_R2.fq [umi_len spacer_len]"""
import sys, gzip
r1, r2, o1, o2 = sys.argv[1:5]
ul = int(sys.argv[5]) if len(sys.argv) > 5 else 19
sl = int(sys.argv[6]) if len(sys.argv) > 6 else 16
def recs(p):
    with gzip.open(p, "rt") as f:
        while True:
            h = f.readline().rstrip()
            if not h: return
            s = f.readline().rstrip(); f.readline(); q = f.readline().rstrip()
            yield h, s, q
with open(o1, "w") as g1, open(o2, "w") as g2:
    for (h1, s1, q1), (h2, s2, q2) in zip(recs(r1), recs(r2)):
        n1, n2 = h1.split()[0], h2.split()[0]
        assert n1 == n2
        umi = s1[:ul]
        g1.write(f"{n1}\tRX:Z:{umi}\n{s1[ul+sl:]}\n+\n{q1[ul+sl:]}\n")
        g2.write(f"{n2}\tRX:Z:{umi}\n{s2}\n+\n{q2}\n")
