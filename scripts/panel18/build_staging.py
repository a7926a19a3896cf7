#!/usr/bin/env python3
"""Builds the issue-18 panel data (KRAS, NRAS, BRAF, MET, PIK3CA) into staging/ from ../shared.

Writes staging/genes.tsv, staging/exons.tsv, staging/hotspots.tsv (rows to append to the files of the same
name in Sources/G2TCore/Data, same columns) and staging/<GENE>.<build>.fa (coding exons +- MARGIN bp of the
shared LRG-based slices). Every hotspot row is recomputed here from the exon table and the sequence:
the rows of shared/research/hotspots_panel.tsv must come out identical (else the script stops), and the
extra rows (EXTRA below) are computed the same way, their reference base and amino-acid change checked.
scripts/panel18/check_staging.py then re-checks the written files against the written slices only.
Usage: scripts/panel18/build_staging.py [SHARED_DIR] [OUT_DIR]   (defaults ../shared, staging)
"""
import os
import sys

from panel18lib import (CODE, GENES, cds_positions, codon_table, comp, c_to_g, load_exons, read_fasta,
                        translate, revcomp)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "staging")
REF = os.path.join(SHARED, "reference")
MARGIN = 500  # bp kept around each coding exon: covers the +-20 bp targets, read overhang and indel normalisation
MERGE_GAP = 1000  # windows closer than this are written as one record (fewer blocks to scan per base lookup)
BUILDS = ("GRCh38", "GRCh37")
ACC = {("chr12", "GRCh38"): "NC_000012.12", ("chr12", "GRCh37"): "NC_000012.11",
       ("chr1", "GRCh38"): "NC_000001.11", ("chr1", "GRCh37"): "NC_000001.10",
       ("chr7", "GRCh38"): "NC_000007.14", ("chr7", "GRCh37"): "NC_000007.13",
       ("chr3", "GRCh38"): "NC_000003.12", ("chr3", "GRCh37"): "NC_000003.11"}
LRG = {"KRAS": "LRG_344 (NG_007524.2)", "NRAS": "LRG_92 (NG_007572.1)", "BRAF": "LRG_299 (NG_007873.3)",
       "MET": "LRG_662 (NG_008996.1)", "PIK3CA": "LRG_310 (NG_012113.2)"}

# Hotspots added here (not in shared/research/hotspots_panel.tsv): (gene, name, c. change). Each is computed
# from the exon table and the sequence; the coding-strand reference base and the amino-acid change implied by
# the name are asserted. Extended-RAS codons 12, 13, 59, 61, 117, 146 (the colorectal anti-EGFR rule) and
# the common METex14 donor changes.
EXTRA = [
    ("KRAS", "G13C", "c.37G>T"),
    ("KRAS", "A59T", "c.175G>A"),
    ("KRAS", "Q61K", "c.181C>A"),
    ("KRAS", "K117N (AAA>AAT)", "c.351A>T"),
    ("KRAS", "K117N (AAA>AAC)", "c.351A>C"),
    ("KRAS", "A146V", "c.437C>T"),
    ("KRAS", "A146P", "c.436G>C"),
    ("NRAS", "G12C", "c.34G>T"),
    ("NRAS", "G12V", "c.35G>T"),
    ("NRAS", "G13D", "c.38G>A"),
    ("NRAS", "A59T", "c.175G>A"),
    ("NRAS", "Q61H (CAA>CAT)", "c.183A>T"),
    ("NRAS", "Q61H (CAA>CAC)", "c.183A>C"),
    ("NRAS", "K117N (AAG>AAT)", "c.351G>T"),
    ("NRAS", "K117N (AAG>AAC)", "c.351G>C"),
    ("NRAS", "A146T", "c.436G>A"),
    ("MET", "c.3028+1G>A (METex14 skipping, splice donor)", "c.3028+1G>A"),
    ("MET", "c.3028+2T>C (METex14 skipping, splice donor)", "c.3028+2T>C"),
    ("MET", "c.3028+2T>G (METex14 skipping, splice donor)", "c.3028+2T>G"),
    ("MET", "D1010H (c.3028G>C, METex14 skipping, last exon base)", "c.3028G>C"),
    ("MET", "D1010Y (c.3028G>T, METex14 skipping, last exon base)", "c.3028G>T"),
]
# The shared row's name "exon 14 splice donor (METex14 skipping)" would be shown as "MET exon" (g2t keeps the
# name's first word); renamed so the report says "MET c.3028+1G>T", as issue 18 asks.
RENAME = {("MET", "exon 14 splice donor (METex14 skipping)"): "c.3028+1G>T (METex14 skipping, splice donor)"}
THREE = CODE  # one-letter -> three-letter


def parse_c(change):
    """'c.35G>T' / 'c.3028+1G>T' / 'c.1798_1799delinsAA' -> (first, last, offset, ref, alt) on the coding strand."""
    body = change[2:]
    if "delins" in body:
        rng, alt = body.split("delins")
        a, b = (int(x) for x in rng.split("_"))
        return a, b, 0, None, alt
    pos, alleles = body[:-3], body[-3:]
    ref, alt = alleles[0], alleles[2]
    off = 0
    if "+" in pos:
        pos, o = pos.split("+")
        off = int(o)
    elif "-" in pos[1:]:
        pos, o = pos.rsplit("-", 1)
        off = -int(o)
    return int(pos), int(pos), off, ref, alt


def hotspot_row(gene, name, change, tx, ex, seq, start):
    """One hotspot row: computed positions on both builds, with the reference and codon checks."""
    a, b, off, ref_c, alt_c = parse_c(change)
    out = {}
    codon_info = ""
    ptxt = "p.?"
    for build in BUILDS:
        exons = ex[build]
        strand = exons[0]["strand"]
        chrom = exons[0]["chrom"]
        cds = cds_positions(exons)
        s, st = seq[build], start[build]
        gpos = [c_to_g(cds, strand, c, off) for c in range(a, b + 1)]
        ref_coding = "".join(s[g - st] if strand == "+" else comp(s[g - st]) for g in gpos)
        if ref_c is not None:
            assert ref_coding == ref_c, f"{gene} {change} {build}: coding reference is {ref_coding}, not {ref_c}"
        alt_coding = alt_c
        lo = min(gpos)
        ref_plus = s[lo - st:lo - st + len(gpos)]
        alt_plus = alt_coding if strand == "+" else revcomp(alt_coding)
        assert (ref_plus if strand == "+" else revcomp(ref_plus)) == ref_coding
        # protein consequence (coding positions only)
        if off == 0:
            cdsseq = "".join(s[g - st] if strand == "+" else comp(s[g - st]) for g in cds)
            k = (a - 1) // 3
            assert (b - 1) // 3 == k, "change spans two codons"
            codon = cdsseq[3 * k:3 * k + 3]
            mut = list(codon)
            for i, c in enumerate(range(a, b + 1)):
                mut[c - 1 - 3 * k] = alt_coding[i]
            ra, aa = codon_table[codon], codon_table["".join(mut)]
            ptxt = f"p.({THREE[ra]}{k + 1}{THREE[aa]})"
            short = name.split(" ")[0]
            if not short.startswith("c."):
                assert short == f"{ra}{k + 1}{aa}", f"{gene} {change}: codon {codon} gives {ra}{k + 1}{aa}, name says {short}"
            codon_info = f"codon {k + 1} = {codon} ({THREE[ra]})"
        else:
            # intronic: name the intron's first/last dinucleotide for the record
            codon_info = f"c.{a}{'+' if off > 0 else '-'}{abs(off)} is intronic"
        acc = ACC[(chrom, build)]
        if len(gpos) == 1:
            hg = f"{acc}:g.{lo}{ref_plus}>{alt_plus}"
        else:
            hg = f"{acc}:g.{lo}_{lo + len(gpos) - 1}delins{alt_plus}"
        out[build] = (f"{chrom}:{lo} {ref_plus}>{alt_plus}", hg, ref_plus, strand)
    refchk = (f"GRCh38 {out['GRCh38'][2]}, GRCh37 {out['GRCh37'][2]} (+ strand); {codon_info}")
    return {"gene": gene, "name": name, "hgvs_c": f"{tx['refseq']}:{change}", "hgvs_p": f"{tx['protein']}:{ptxt}",
            "grch38": out["GRCh38"][0], "grch38_hgvs_g": out["GRCh38"][1],
            "grch37": out["GRCh37"][0], "grch37_hgvs_g": out["GRCh37"][1], "ref_check": refchk}


def windows(exons, margin):
    """Coding exons +- margin, merged when closer than MERGE_GAP: [(start, end, [exon numbers])]."""
    w = sorted((e["cds_start"] - margin, e["cds_end"] + margin, e["number"]) for e in exons if e["cds_start"])
    merged = []
    for s, e, n in w:
        if merged and s - merged[-1][1] <= MERGE_GAP:
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2].append(n)
        else:
            merged.append([s, e, [n]])
    return merged


def main():
    os.makedirs(OUT, exist_ok=True)
    exons = load_exons(os.path.join(REF, "MANE_exons_panel.tsv"))
    header_lines = [l for l in open(os.path.join(REF, "MANE_exons_panel.tsv")) if not l.startswith("#")]
    # exons.tsv rows: the shared rows for the five genes, unchanged
    with open(os.path.join(OUT, "exons.tsv"), "w") as f:
        f.write("# Rows to append to Sources/G2TCore/Data/exons.tsv: shared/reference/MANE_exons_panel.tsv, unchanged (KRAS, NRAS, BRAF, MET, PIK3CA; both builds).\n")
        f.write(header_lines[0])
        for line in header_lines[1:]:
            if line.split("\t")[0] in GENES:
                f.write(line)
    seq, start = {}, {}
    for g in GENES:
        for b in BUILDS:
            name, s = read_fasta(os.path.join(REF, f"{g}_{b}.fa"))[0]
            seq[(g, b)] = s
            start[(g, b)] = int(name.split(":")[1].split("-")[0])
    # genes.tsv rows
    with open(os.path.join(OUT, "genes.tsv"), "w") as f:
        f.write("# Rows to append to Sources/G2TCore/Data/genes.tsv (MANE Select v1.0 ids as confirmed in shared/reference/PROVENANCE.md, source P1).\n")
        f.write("gene\ttranscript_refseq\ttranscript_ensembl\tprotein_refseq\tchrom\tstrand\trole\tnote\n")
        for g in GENES:
            t = GENES[g]
            e = exons[(g, "GRCh38")][0]
            note = "MANE Select v1.0" + (t.get("note") and f"; {t['note']}" or "")
            f.write(f"{g}\t{t['refseq']}\t{e['ensembl']}\t{t['protein']}\t{e['chrom']}\t{e['strand']}\tsomatic\t{note}\n")
    # slices
    for g in GENES:
        for b in BUILDS:
            ex = exons[(g, b)]
            s, st = seq[(g, b)], start[(g, b)]
            chrom = ex[0]["chrom"]
            with open(os.path.join(OUT, f"{g}.{b}.fa"), "w") as f:
                for ws, we, nums in windows(ex, MARGIN):
                    assert ws >= st and we <= st + len(s) - 1, f"{g} {b}: window outside the shared slice"
                    part = s[ws - st:we - st + 1]
                    f.write(f">{chrom}:{ws}-{we} {g} MANE({GENES[g]['refseq']}/{ex[0]['ensembl']}) coding exon(s) "
                            f"{','.join(map(str, sorted(nums)))} +-{MARGIN} bp; {b} {chrom} ({ACC[(chrom, b)]}), 1-based inclusive, "
                            f"forward (+) strand, {len(part)} bp; cut from shared/reference/{g}_{b}.fa = {LRG[g]}\n")
                    for i in range(0, len(part), 60):
                        f.write(part[i:i + 60] + "\n")
    # hotspots: recompute the shared rows (must agree exactly), then the extra ones
    rows = []
    shared_lines = [l.rstrip("\n").split("\t") for l in open(os.path.join(SHARED, "research", "hotspots_panel.tsv"))
                    if not l.startswith("#")]
    cols = shared_lines[0]
    for f_ in shared_lines[1:]:
        r = dict(zip(cols, f_))
        g = r["gene"]
        exg = {b: exons[(g, b)] for b in BUILDS}
        seqg = {b: seq[(g, b)] for b in BUILDS}
        stg = {b: start[(g, b)] for b in BUILDS}
        change = r["hgvs_c"].split(":")[1]
        c = hotspot_row(g, r["name"], change, GENES[g], exg, seqg, stg)
        for k in ("hgvs_c", "hgvs_p", "grch38", "grch38_hgvs_g", "grch37", "grch37_hgvs_g"):
            assert c[k] == r[k], f"{g} {r['name']} {k}: shared {r[k]!r}, recomputed {c[k]!r}"
        r["name"] = RENAME.get((g, r["name"]), r["name"])
        r["sources"] += "; recomputed identically from the exon table and sequence by scripts/panel18/build_staging.py"
        rows.append(r)
    for g, name, change in EXTRA:
        exg = {b: exons[(g, b)] for b in BUILDS}
        c = hotspot_row(g, name, change, GENES[g], exg, {b: seq[(g, b)] for b in BUILDS}, {b: start[(g, b)] for b in BUILDS})
        c["rsid"] = "."
        c["sources"] = ("computed by scripts/panel18/build_staging.py from the MANE exon table and the LRG-based sequence "
                        "(coding-strand reference base and amino-acid change asserted); position not compared with an external source")
        rows.append(c)
    order = {g: i for i, g in enumerate(GENES)}
    rows.sort(key=lambda r: (order[r["gene"]], int(r["grch38"].split(" ")[0].split(":")[1]) * (1 if exons[(r["gene"], "GRCh38")][0]["strand"] == "+" else -1), r["name"]))
    with open(os.path.join(OUT, "hotspots.tsv"), "w") as f:
        f.write("# Rows to append to Sources/G2TCore/Data/hotspots.tsv. Rows whose sources say 'computed by scripts/panel18/build_staging.py' "
                "are new (not in shared/research/hotspots_panel.tsv); all others are the shared rows, recomputed identically "
                "(the MET donor row renamed so that g2t shows 'MET c.3028+1G>T').\n")
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(r[c] for c in cols) + "\n")
    print(f"staged {len(rows)} hotspots, slices and tables in {OUT}")


if __name__ == "__main__":
    main()
