#!/usr/bin/env python3
"""Independent molecule count for RealReferenceStandardTests: reads over a position grouped by exact
RX UMI and fragment ends (leftmost mate start, |TLEN|), no UMI error merging, no quality filter; a
group is an alt molecule when more than half of its reads' bases there are the alt base.
usage: direct_family_count.py BAM  (prints expected-molecules.tsv)"""
import sys, collections, pysam
bam = pysam.AlignmentFile(sys.argv[1])
print("hotspot\thgvsc\tpos\talt\tgroups\talt_majority_groups")
for name, hgvsc, pos1, alt in [("PIK3CA E542K", "c.1624G>A", 179218294, "A"), ("PIK3CA E545K", "c.1633G>A", 179218303, "A"),
                               ("PIK3CA E545A", "c.1634A>C", 179218304, "C")]:
    fam = collections.defaultdict(collections.Counter)
    for col in bam.pileup("chr3", pos1 - 1, pos1, truncate=True, min_base_quality=0, stepper="nofilter", max_depth=10**7):
        for pr in col.pileups:
            if pr.is_del or pr.is_refskip:
                continue
            r = pr.alignment
            key = (r.get_tag("RX"), min(r.reference_start, r.next_reference_start), abs(r.template_length))
            fam[key][r.query_sequence[pr.query_position]] += 1
    alt_major = sum(1 for c in fam.values() if 2 * c[alt] > sum(c.values()))
    print(f"{name}\t{hgvsc}\t{pos1}\t{alt}\t{len(fam)}\t{alt_major}")
