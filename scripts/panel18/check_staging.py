#!/usr/bin/env python3
"""Checks the staged issue-18 panel data against the staged slices only (no ../shared needed).

For each gene and build: the CDS spliced from the slices (exons.tsv) is a multiple of 3, starts with ATG,
ends with its only stop, has the NP length of genes.tsv notes / panel18lib.GENES, is the same protein on both
builds, every coding-exon target (+-20 bp) and every splice site lies inside a slice, and every intron
between coding exons starts GT and ends AG. For each hotspot: the REF of grch38/grch37 equals the slice,
hgvs_g agrees with it, and for coding changes the reference codon and the changed codon translate to the
amino acids of hgvs_p. Exit status 1 on any failure.
Usage: scripts/panel18/check_staging.py [DIR]   (default staging/; also works on Sources/G2TCore/Data)
"""
import glob
import os
import re
import sys

from panel18lib import CODE, GENES, Slices, cds_positions, codon_table, comp, load_exons, revcomp, translate

DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "staging")
FLANK = 20
THREE_TO_ONE = {v: k for k, v in CODE.items()}
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
    return cond


def main():
    exons = load_exons(os.path.join(DIR, "exons.tsv"))
    proteins = {}
    for (gene, build), ex in sorted(exons.items()):
        if gene not in GENES:
            continue
        sl = Slices(glob.glob(os.path.join(DIR, f"{gene}.{build}.fa")))
        chrom, strand = ex[0]["chrom"], ex[0]["strand"]
        pos = cds_positions(ex)
        bases = [sl.base(chrom, p) for p in pos]
        if not check(None not in bases, f"{gene} {build}: CDS bases missing from the slices"):
            continue
        cds = "".join(b if strand == "+" else comp(b) for b in bases)
        prot = translate(cds)
        check(len(cds) % 3 == 0, f"{gene} {build}: CDS {len(cds)} nt, not a multiple of 3")
        check(cds[:3] == "ATG", f"{gene} {build}: CDS starts {cds[:3]}")
        check(prot.endswith("*") and "*" not in prot[:-1], f"{gene} {build}: stop codons at {[i + 1 for i, a in enumerate(prot) if a == '*']}")
        check(len(prot) - 1 == GENES[gene]["aa"], f"{gene} {build}: {len(prot) - 1} aa, expected {GENES[gene]['aa']}")
        proteins.setdefault(gene, {})[build] = prot
        coding = [e for e in ex if e["cds_start"] is not None]
        for e in coding:
            check(sl.seq(chrom, e["cds_start"] - FLANK, e["cds_end"] + FLANK) is not None,
                  f"{gene} {build} exon {e['number']}: target +-{FLANK} not inside a slice")
        # introns between consecutive exons that hold coding sequence
        for a, b in zip(coding, coding[1:]):
            if strand == "+":
                donor, acceptor = sl.seq(chrom, a["end"] + 1, a["end"] + 2), sl.seq(chrom, b["start"] - 2, b["start"] - 1)
            else:
                donor = sl.seq(chrom, a["start"] - 2, a["start"] - 1)
                acceptor = sl.seq(chrom, b["end"] + 1, b["end"] + 2)
                donor, acceptor = donor and revcomp(donor), acceptor and revcomp(acceptor)
            check(donor == "GT" and acceptor == "AG", f"{gene} {build}: intron after exon {a['number']} is {donor}..{acceptor}")
        print(f"{gene} {build}: CDS {len(cds)} nt, {len(prot) - 1} aa, {len(coding)} coding exons, {len(sl.blocks)} slice records")
    for gene, p in proteins.items():
        check(p.get("GRCh38") == p.get("GRCh37"), f"{gene}: GRCh38 and GRCh37 proteins differ")

    cols, n = None, 0
    for line in open(os.path.join(DIR, "hotspots.tsv")):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if cols is None:
            cols = f
            continue
        r = dict(zip(cols, f))
        gene = r["gene"]
        if gene not in GENES:
            continue
        n += 1
        for build, col in (("GRCh38", "grch38"), ("GRCh37", "grch37")):
            sl = Slices(glob.glob(os.path.join(DIR, f"{gene}.{build}.fa")))
            loc, alleles = r[col].split(" ")
            chrom, p = loc.split(":")
            p = int(p)
            ref, alt = alleles.split(">")
            seen = sl.seq(chrom, p, p + len(ref) - 1)
            check(seen == ref, f"{gene} {r['name']} {build}: REF {ref}, slice has {seen}")
            hg = r[col + "_hgvs_g"].split(":g.")[1]
            want = f"{p}{ref}>{alt}" if len(ref) == 1 else f"{p}_{p + len(ref) - 1}delins{alt}"
            check(hg == want, f"{gene} {r['name']} {build}: hgvs_g {hg}, expected {want}")
            m = re.match(r"p\.\((\w{3})(\d+)(\w{3})\)", r["hgvs_p"].split(":")[1])
            if m:
                ex = exons[(gene, build)]
                strand = ex[0]["strand"]
                cds = cds_positions(ex)
                k = int(m.group(2))
                cod = cds[3 * k - 3:3 * k]
                ref_codon = "".join(sl.base(chrom, q) if strand == "+" else comp(sl.base(chrom, q)) for q in cod)
                mut = list(ref_codon)
                for i in range(len(ref)):
                    q = p + i
                    if q in cod:
                        a = alt[i] if strand == "+" else comp(alt[i])
                        mut[cod.index(q)] = a
                check(codon_table[ref_codon] == THREE_TO_ONE[m.group(1)] and codon_table["".join(mut)] == THREE_TO_ONE[m.group(3)],
                      f"{gene} {r['name']} {build}: codon {ref_codon}>{''.join(mut)} does not give {r['hgvs_p']}")
    print(f"{n} hotspots checked on both builds")
    for msg in failures:
        print("FAIL:", msg)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
