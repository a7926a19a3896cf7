#!/usr/bin/env python3
"""Lift a BAM aligned to gene-region contigs named 'chrN:START-END' (1-based, as in
/work/shared/reference/<GENE>_<build>.fa) onto whole-chromosome coordinates.
Keeps only read pairs in which both reads are mapped (MAPQ >= minq on at least one) to the same
region contig; secondary/supplementary alignments are dropped. Output is coordinate-unsorted.
usage: lift_panel_contigs.py in.bam out.bam GRCh38|GRCh37 [minq]"""
import sys, pysam
LEN = {"GRCh38": {"chr1": 248956422, "chr3": 198295559, "chr7": 159345973, "chr12": 133275309},
       "GRCh37": {"chr1": 249250621, "chr3": 198022430, "chr7": 159138663, "chr12": 133851895}}
inp, outp, build = sys.argv[1], sys.argv[2], sys.argv[3]
minq = int(sys.argv[4]) if len(sys.argv) > 4 else 1
src = pysam.AlignmentFile(inp, "rb" if inp.endswith(".bam") else "r")
chroms = ["chr1", "chr3", "chr7", "chr12"]
hdr = src.header.to_dict()
hdr["SQ"] = [{"SN": c, "LN": LEN[build][c], "AS": build} for c in chroms]
out = pysam.AlignmentFile(outp, "wb", header=hdr)
tid = {c: i for i, c in enumerate(chroms)}
off = {}
for i, name in enumerate(src.references):
    c, rng = name.split(":"); s = int(rng.split("-")[0])
    off[i] = (tid[c], s - 1)
# collect pairs
pairs = {}
for r in src.fetch(until_eof=True):
    if r.is_secondary or r.is_supplementary:
        continue
    pairs.setdefault(r.query_name, []).append(r)
kept = 0
for name, rs in pairs.items():
    if len(rs) != 2: continue
    a, b = rs
    if a.is_unmapped or b.is_unmapped or a.reference_id != b.reference_id: continue
    if max(a.mapping_quality, b.mapping_quality) < minq: continue
    t, o = off[a.reference_id]
    for r in (a, b):
        d = r.to_dict()
        n = pysam.AlignedSegment.from_dict(d, src.header)
        n2 = pysam.AlignedSegment(out.header)
        n2.query_name = r.query_name; n2.flag = r.flag
        n2.reference_id = t; n2.reference_start = r.reference_start + o
        n2.mapping_quality = r.mapping_quality; n2.cigartuples = r.cigartuples
        n2.next_reference_id = t; n2.next_reference_start = r.next_reference_start + o
        n2.template_length = r.template_length
        n2.query_sequence = r.query_sequence; n2.query_qualities = r.query_qualities
        n2.set_tags(r.get_tags())
        out.write(n2)
    kept += 1
out.close()
print(f"kept {kept} pairs", file=sys.stderr)
