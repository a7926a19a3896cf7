#!/usr/bin/env python3
"""Build germline-resource.GRCh3{7,8}.tsv from population-frequency rows found in public repositories.

Every number in the output is copied from a source row kept verbatim under sources/ (see PROVENANCE.md for
repository, path, commit and licence of each). Nothing is typed in by hand: this script only
  1. reads the source rows (GRCh37 coordinates: all sources found are gnomAD v2.1 / 1000G phase 3 = GRCh37),
  2. keeps rows inside the panel targets (MANE Select coding exons +-20 bp, both builds),
  3. checks REF against the GRCh37 reference (EGFR_GRCh37.fa; ABCB1 only via GRCh38 exon sequence),
  4. lifts GRCh37 -> GRCh38 by the per-gene constant offset of the MANE exon table and verifies it by
     (a) the offset being identical for every exon of the gene in both builds and
     (b) REF and +-25 bp flanks being identical in EGFR_GRCh37.fa and EGFR_GRCh38.fa (EGFR) or REF equal
         to the GRCh38 exon FASTA (ABCB1, exonic positions only),
  5. writes the two TSVs, a per-population detail TSV and a check log.

Usage: python3 build_germline_resource.py [--shared /work/shared] [--out DIR]
Needs only the Python standard library.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import os
import sys

FLANK_CHECK = 25  # bp each side compared between builds: long enough to make a wrong offset fail
WINDOW = 20       # panel target = coding exon +- 20 bp (issue 12 / brief)

# gnomAD's own popmax (v2.1) is the maximum over these groups; asj, fin and oth are excluded by gnomAD
# because they are bottlenecked or heterogeneous (gnomAD v2.1 release notes).
GNOMAD_POPMAX_GROUPS = ("afr", "amr", "eas", "nfe", "sas")
TGP_GROUPS = ("afr", "amr", "eas", "eur", "sas")


def read_fasta(path):
    """Return {header_first_word: sequence} for a small FASTA."""
    seqs, name, parts = {}, None, []
    with open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith(">"):
                if name is not None:
                    seqs[name] = "".join(parts).upper()
                name, parts = line[1:].split()[0], []
            else:
                parts.append(line.strip())
    if name is not None:
        seqs[name] = "".join(parts).upper()
    return seqs


class Region:
    """A stretch of genomic sequence named chrN:start-end (1-based inclusive)."""

    def __init__(self, name, seq):
        chrom, span = name.split(":")
        start, end = span.split("-")
        self.chrom, self.start, self.end, self.seq = chrom, int(start), int(end), seq
        if len(seq) != self.end - self.start + 1:
            raise ValueError(f"{name}: length {len(seq)} != span")

    def get(self, pos, length=1):
        if pos < self.start or pos + length - 1 > self.end:
            return None
        return self.seq[pos - self.start: pos - self.start + length]


def load_regions(path):
    return [Region(n, s) for n, s in read_fasta(path).items()]


def fetch(regions, pos, length=1):
    for r in regions:
        s = r.get(pos, length)
        if s is not None:
            return s
    return None


def load_targets(tsv_paths):
    """{(gene, build): [(lo, hi, exon_number)]} of coding exons +- WINDOW."""
    targets, offsets = {}, {}
    for path in tsv_paths:
        with open(path) as fh:
            rows = [l for l in fh if not l.startswith("#")]
        reader = csv.DictReader(rows, delimiter="\t")
        for r in reader:
            if r["cds_start"] == ".":
                continue  # non-coding exon (ABCB1 exon 1)
            lo, hi = int(r["cds_start"]) - WINDOW, int(r["cds_end"]) + WINDOW
            targets.setdefault((r["gene"], r["assembly"]), []).append((lo, hi, r["exon_number"]))
            offsets.setdefault(r["gene"], {}).setdefault(r["exon_number"], {})[r["assembly"]] = (
                int(r["exon_start"]), int(r["exon_end"]))
    # per-gene GRCh37->GRCh38 offset, required to be identical for every exon (start and end)
    gene_offset = {}
    for gene, exons in offsets.items():
        diffs = set()
        for ex in exons.values():
            if "GRCh37" in ex and "GRCh38" in ex:
                diffs.add(ex["GRCh38"][0] - ex["GRCh37"][0])
                diffs.add(ex["GRCh38"][1] - ex["GRCh37"][1])
        if len(diffs) == 1:
            gene_offset[gene] = diffs.pop()
    return targets, gene_offset


COMP = str.maketrans("ACGT", "TGCA")


def load_exon_rows(tsv_paths):
    rows = []
    for path in tsv_paths:
        with open(path) as fh:
            lines = [l for l in fh if not l.startswith("#")]
        rows += [r for r in csv.DictReader(lines, delimiter="\t") if r["assembly"] == "GRCh38" and r["cds_start"] != "."]
    return rows


def hgvs_c(exons, gene, pos, ref, alt):
    """HGVS c. of a GRCh38 SNV on the MANE Select transcript (computed from the shared exon table)."""
    if len(ref) != 1 or len(alt) != 1:
        return "."
    for r in exons:
        if r["gene"] != gene:
            continue
        cs, ce, es, ee = int(r["cds_start"]), int(r["cds_end"]), int(r["exon_start"]), int(r["exon_end"])
        first, last = int(r["cds_first_c"][2:]), int(r["cds_last_c"][2:])
        plus = r["strand"] == "+"
        rb, ab = (ref, alt) if plus else (ref.translate(COMP), alt.translate(COMP))
        if not (cs - 20 <= pos <= ce + 20):
            continue
        if cs <= pos <= ce:
            c = first + (pos - cs) if plus else first + (ce - pos)
            return f"{r['transcript_refseq']}:c.{c}{rb}>{ab}"
        upstream = pos < cs if plus else pos > ce   # 5' of the coding part of this exon, in transcript order
        dist = (cs - pos) if plus and upstream else (pos - ce) if plus else (pos - ce) if upstream else (cs - pos)
        inside_exon = es <= pos <= ee
        if upstream:
            name = f"c.-{dist}" if inside_exon and first == 1 else f"c.{first}-{dist}"
        else:
            name = f"c.*{dist}" if inside_exon and r["exon_number"] == r["exon_count"] else f"c.{last}+{dist}"
        return f"{r['transcript_refseq']}:{name}{rb}>{ab}"
    return "."


def in_target(targets, gene, build, pos, ref):
    end = pos + len(ref) - 1
    for lo, hi, ex in targets.get((gene, build), []):
        if pos <= hi and end >= lo:
            return ex
    return None


def fmt(x):
    if x is None or x == "" or x == ".":
        return "."
    return ("%.6g" % float(x))


def popmax(values: dict, groups):
    best, who = None, None
    for g in groups:
        v = values.get(g)
        if v in (None, "", ".", "NA"):
            continue
        v = float(v)
        if best is None or v > best:
            best, who = v, g
    return best, who


def read_summix(path):
    """Summix (gnomAD v2.1 exomes + 1000G phase 3), GRCh37. A2 = reference allele, A1 = other allele;
    the AF columns are taken as frequencies of A1 (checked: A2 equals GRCh37 REF at every kept site)."""
    out = []
    with gzip.open(path, "rt") if path.endswith(".gz") else open(path) as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        for r in reader:
            gn = {g: r.get(f"gnomad_AF_{g}") for g in ("afr", "amr", "nfe", "asj", "eas", "fin", "oth", "sas")}
            tgp = {"eur": r["ref_AF_eur_1000G"], "afr": r["ref_AF_afr_1000G"], "sas": r["ref_AF_sas_1000G"],
                   "eas": r["ref_AF_eas_1000G"], "amr": r["ref_AF_iam_1000G"]}
            pm, who = popmax(gn, GNOMAD_POPMAX_GROUPS)
            out.append(dict(chrom="chr" + r["CHR"], pos=int(r["POS"]), ref=r["A2"], alt=r["A1"], rsid=r["RSID"],
                            af=None, af_popmax=pm, popmax_population=("gnomAD_exomes_v2.1:" + who) if who else ".",
                            source="SUMMIX_GNOMAD2_EXOMES_1KG",
                            detail=";".join([f"gnomAD_{k}={v}" for k, v in gn.items()] +
                                            [f"1KG_{k}={v}" for k, v in tgp.items()])))
    return out


def read_howard(path):
    """ANNOVAR-converted gnomAD v2.1.1 exome VCF (GRCh37) from the HOWARD test databases."""
    out = []
    with gzip.open(path, "rt") if path.endswith(".gz") else open(path) as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            info = dict(kv.split("=", 1) for kv in f[7].split(";") if "=" in kv)
            groups = {g: info.get(f"AF_{g}") for g in ("afr", "amr", "eas", "nfe", "sas", "fin", "asj", "oth")}
            pm, who = popmax(groups, GNOMAD_POPMAX_GROUPS)
            stated = info.get("AF_popmax")
            out.append(dict(chrom=f[0] if f[0].startswith("chr") else "chr" + f[0], pos=int(f[1]),
                            ref=f[3].upper(), alt=f[4].upper(), rsid=f[2],
                            af=info.get("AF"), af_popmax=stated if stated not in (None, ".") else pm,
                            popmax_population=("gnomAD_exomes_v2.1.1:" + who) if who else ".",
                            source="HOWARD_GNOMAD211_EXOME",
                            detail=";".join(f"gnomAD_{k}={v}" for k, v in groups.items()) +
                            f";stated_AF_popmax={stated};recomputed_popmax={pm}"))
    return out


def read_1kg30x(path):
    """1000 Genomes 30x on GRCh38 (NYGC), as shipped in pypgx-bundle. Uses the 2,504 unrelated samples:
    af = sum(AC_*_unrel) / sum(AN_*_unrel) over the five super-populations; popmax = max AF_*_unrel."""
    out = []
    with gzip.open(path, "rt") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.split("\t", 8)
            info = dict(kv.split("=", 1) for kv in f[7].split(";") if "=" in kv)
            pops = ("AFR", "AMR", "EAS", "EUR", "SAS")
            try:
                ac = sum(int(info[f"AC_{p}_unrel"]) for p in pops)
                an = sum(int(info[f"AN_{p}_unrel"]) for p in pops)
            except KeyError:
                continue
            if ac == 0 or an == 0:
                continue  # not seen in the 2,504 unrelated samples
            afs = {p.lower(): info.get(f"AF_{p}_unrel") for p in pops}
            pm, who = popmax(afs, [p.lower() for p in pops])
            out.append(dict(build="GRCh38", chrom=f[0], pos=int(f[1]), ref=f[3].upper(), alt=f[4].upper(),
                            rsid=".", af=ac / an, af_popmax=pm,
                            popmax_population=("1000G_30x_unrelated:" + who.upper()) if who else ".",
                            source="PYPGX_BUNDLE_1KG30X",
                            detail=f"AC_unrel={ac};AN_unrel={an};" + ";".join(f"AF_{k.upper()}_unrel={v}" for k, v in afs.items())
                            + f";AF_all3202={info.get('AF')};vcf_id={f[2]}"))
    return out


def read_verifybamid(prefix):
    """VerifyBamID2 resource (.dat.bed + .dat.mu, line-aligned): mu = mean ALT dosage (0..2) over the 2,504
    1000 Genomes phase 3 samples, so AF = mu / 2. No per-population values are given (popmax unknown)."""
    out = {}
    with open(prefix + ".dat.bed") as fb, open(prefix + ".dat.mu") as fm:
        for lb, lm in zip(fb, fm):
            b, m = lb.split(), lm.split()
            chrom, pos, ref, alt = b[0], int(b[2]), b[3].upper(), b[4].upper()
            if "," in alt:
                continue
            rs = next((x for x in m[0].split("_") if x.startswith("rs")), ".")
            out[(chrom if chrom.startswith("chr") else "chr" + chrom, pos, ref, alt)] = (float(m[1]), rs, m[0])
    return out


def read_conpair(txt, bed38):
    """Conpair marker list: chrom pos ref alt AF (1000 Genomes phase 3, global ALT frequency; 2,535-sample set, see
    PROVENANCE). The GRCh38 liftover BED of the same markers gives the other build (position only)."""
    pos38 = set()
    with open(bed38) as fh:
        for line in fh:
            f = line.split()
            pos38.add((f[0], int(f[2])))
    out = []
    with open(txt) as fh:
        for line in fh:
            f = line.split()
            if len(f) < 5:
                continue
            out.append(dict(build="GRCh37", chrom="chr" + f[0], pos=int(f[1]), ref=f[2].upper(), alt=f[3].upper(),
                            rsid=".", af=float(f[4]), af_popmax=None, popmax_population=".", source="CONPAIR_1KGP3",
                            detail=f"AF={f[4]}"))
    return out, pos38


def read_sites(path):
    """{(pos, REF, ALT): ID} of a VCF (used to confirm a lifted position in the other build; IDs are rsIDs)."""
    sites = {}
    with gzip.open(path, "rt") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.split("\t", 6)
            for alt in f[4].split(","):
                sites[(int(f[1]), f[3].upper(), alt.upper())] = f[2]
    return sites


def left_normalise(pos, ref, alt, fetch_base):
    """Trim shared suffix then shared prefix (keeping one anchor base), then shift indels left."""
    while len(ref) > 1 and len(alt) > 1 and ref[-1] == alt[-1]:
        ref, alt = ref[:-1], alt[:-1]
    while len(ref) > 1 and len(alt) > 1 and ref[0] == alt[0]:
        ref, alt, pos = ref[1:], alt[1:], pos + 1
    if len(ref) != len(alt):  # indel: shift left while the last bases agree
        while True:
            if ref[-1] != alt[-1]:
                break
            prev = fetch_base(pos - 1)
            if prev is None:
                break
            ref, alt, pos = prev + ref[:-1], prev + alt[:-1], pos - 1
    return pos, ref, alt


SOURCE_PRIORITY = {  # one row per variant: a source with both a global AF and a popmax, larger cohort first
    "HOWARD_GNOMAD211_EXOME": 0, "PYPGX_BUNDLE_1KG30X": 1, "SUMMIX_GNOMAD2_EXOMES_1KG": 2, "VERIFYBAMID_1KGP3": 3,
    "CONPAIR_1KGP3": 4}
# Conpair's repository licence is a non-commercial academic software licence: its rows are used only as a cross-check
# unless --allow-restricted is given (see PROVENANCE.md).
RESTRICTED = {"CONPAIR_1KGP3"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="/work/shared")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--allow-restricted", action="store_true",
                    help="also take numbers from sources whose licence restricts use (Conpair)")
    a = ap.parse_args()
    ref = os.path.join(a.shared, "reference")
    src = os.path.join(a.out, "sources")

    targets, gene_offset = load_targets([os.path.join(ref, "MANE_exons_EGFR_ABCB1.tsv"),
                                         os.path.join(ref, "MANE_exons_panel.tsv")])
    seq = {"GRCh37": {"EGFR": load_regions(os.path.join(ref, "EGFR_GRCh37.fa")), "ABCB1": None},
           "GRCh38": {"EGFR": load_regions(os.path.join(ref, "EGFR_GRCh38.fa")),
                      "ABCB1": load_regions(os.path.join(ref, "ABCB1_GRCh38_exons_DERIVED_from_NM_000927.5.fa"))}}
    for g in ("KRAS", "NRAS", "BRAF", "MET", "PIK3CA"):
        for b in ("GRCh37", "GRCh38"):
            seq[b][g] = load_regions(os.path.join(ref, f"{g}_{b}.fa"))
    gene_chrom = {"EGFR": "chr7", "ABCB1": "chr7", "BRAF": "chr7", "MET": "chr7", "KRAS": "chr12", "NRAS": "chr1",
                  "PIK3CA": "chr3"}
    # ABCB1 has no genomic sequence here: a 1000G phase 3 (GRCh37) call set confirms lifted REF/ALT instead
    abcb1_p3 = read_sites(os.path.join(src, "pypgx-bundle_1kgp_GRCh37_ABCB1.vcf.gz"))

    records = []
    for r in read_summix(os.path.join(src, "summix_exome_cmInfo_chrom7_output.txt.gz")):
        r["build"] = "GRCh37"; records.append(r)
    rsid37 = read_rsids(os.path.join(src, "howard_avsnp150.hg19.vcf.gz"))
    for r in read_howard(os.path.join(src, "howard_gnomad211_exome.hg19.vcf.gz")):
        r["build"] = "GRCh37"
        r["rsid"] = rsid37.get((r["chrom"], r["pos"], r["ref"], r["alt"]), r["rsid"])
        records.append(r)
    records += read_1kg30x(os.path.join(src, "pypgx-bundle_1kgp_GRCh38_ABCB1.vcf.gz"))
    vbid38 = {}
    for name in ("1000g.phase3.10k.{b}.exome", "1000g.phase3.100k.{b}"):
        v37 = read_verifybamid(os.path.join(src, "verifybamid_" + name.format(b="b37") + ".vcf.gz"))
        vbid38.update(read_verifybamid(os.path.join(src, "verifybamid_" + name.format(b="b38") + ".vcf.gz")))
        for (chrom, pos, r, alt), (mu, rs, vid) in v37.items():
            if chrom not in ("chr7", "chr12", "chr1", "chr3"):
                continue
            records.append(dict(build="GRCh37", chrom=chrom, pos=pos, ref=r, alt=alt, rsid=rs, af=mu / 2.0,
                                af_popmax=None, popmax_population=".", source="VERIFYBAMID_1KGP3",
                                detail=f"mu={mu};id={vid};file={name.format(b='b37')}"))

    conpair, conpair38 = read_conpair(os.path.join(src, "conpair_GRCh37.markers_MAF_0.4_LD_0.8.txt"),
                                      os.path.join(src, "conpair_GRCh38.markers_MAF_0.4_LD_0.8.liftover.bed"))
    records += conpair

    log, best, detail = [], {}, []
    for rec in records:
        nb = rec["build"]; ob = "GRCh38" if nb == "GRCh37" else "GRCh37"
        gene = ex = None
        for (g, b) in targets:
            if b != nb or gene_chrom[g] != (rec["chrom"] if rec["chrom"].startswith("chr") else "chr" + rec["chrom"]):
                continue
            e = in_target(targets, g, nb, rec["pos"], rec["ref"])
            if e is not None:
                gene, ex = g, e
                break
        if gene is None:
            continue
        sn, so = seq[nb].get(gene), seq[ob].get(gene)
        fn = (lambda p: fetch(sn, p)) if sn else (lambda p: None)
        pos, r, alt = left_normalise(rec["pos"], rec["ref"], rec["alt"], fn)
        if "," in alt or alt in ("*", ".") or alt.startswith("<"):
            log.append(f"SKIP {gene} {rec['source']} {pos} {r}>{alt}: not a simple allele")
            continue
        status = []
        got = fetch(sn, pos, len(r)) if sn else None
        if got is None:
            status.append(f"REF {nb} not checkable (no {nb} sequence at this position)")
        elif got != r:
            log.append(f"DROP {gene} {rec['source']} {rec['rsid']} {nb}:{pos} {r}>{alt}: REF mismatch ({got})")
            continue
        else:
            status.append(f"REF {nb} OK")
        off = gene_offset.get(gene)
        if off is None:
            log.append(f"DROP {gene} {rec['rsid']}: no single GRCh37->GRCh38 offset"); continue
        opos = pos + off if nb == "GRCh37" else pos - off
        goto = fetch(so, opos, len(r)) if so else None
        if goto is None:
            status.append(f"REF {ob} not checkable (no {ob} sequence at this position)")
        elif goto != r:
            log.append(f"DROP {gene} {rec['rsid']} {ob}:{opos}: REF mismatch after lift ({goto} != {r})"); continue
        else:
            status.append(f"REF {ob} OK")
        if sn and so and gene != "ABCB1":
            a1 = fetch(sn, pos - FLANK_CHECK, 2 * FLANK_CHECK + len(r))
            a2 = fetch(so, opos - FLANK_CHECK, 2 * FLANK_CHECK + len(r))
            if a1 is None or a1 != a2:
                log.append(f"DROP {gene} {rec['rsid']}: flanks differ between builds"); continue
            status.append(f"flank+-{FLANK_CHECK} identical in both builds")
        if gene == "ABCB1":
            p37 = pos if nb == "GRCh37" else opos
            hit = (p37, r, alt) in abcb1_p3
            if hit and rec["rsid"] in (".", "") and abcb1_p3[(p37, r, alt)].startswith("rs"):
                rec["rsid"] = abcb1_p3[(p37, r, alt)]  # rsID as given by the 1000G phase 3 call set
            status.append("1000G phase 3 GRCh37 call set has the same REF/ALT at the lifted position" if hit
                          else "absent from the 1000G phase 3 GRCh37 call set")
            if not hit and goto is None and got is None:
                log.append(f"DROP ABCB1 {rec['source']} {nb}:{pos} {r}>{alt}: REF unverifiable in both builds"); continue
        p37, p38 = (pos, opos) if nb == "GRCh37" else (opos, pos)
        if rec["source"] == "CONPAIR_1KGP3":
            if (gene_chrom[gene], p38) not in conpair38:
                log.append(f"DROP {gene} CONPAIR {p37}: not in the GRCh38 liftover of the same markers"); continue
            status.append("GRCh38 liftover BED of the same marker set has the lifted position")
        if rec["source"] == "VERIFYBAMID_1KGP3":
            twin = vbid38.get((gene_chrom[gene], p38, r, alt))
            if twin is None or abs(twin[0] / 2.0 - rec["af"]) > 1e-9:
                log.append(f"DROP {gene} VERIFYBAMID {p37}: the b38 resource lacks the lifted site or its mu differs"); continue
            status.append("b38 resource has the same site at the lifted position with the same mu")
        if in_target(targets, gene, "GRCh38", p38, r) is None or in_target(targets, gene, "GRCh37", p37, r) is None:
            log.append(f"DROP {gene} {rec['rsid']}: outside the target in the other build"); continue
        key = (gene_chrom[gene], p37, r, alt)
        row = dict(gene=gene, ex=ex, p37=p37, p38=p38, ref=r, alt=alt, rec=rec, status=status)
        detail.append(row)
        restricted = rec["source"] in RESTRICTED and not a.allow_restricted
        if not restricted and (key not in best or SOURCE_PRIORITY[rec["source"]] < SOURCE_PRIORITY[best[key]["rec"]["source"]]):
            best[key] = row
        log.append(f"KEEP {gene} exon{ex} {rec['source']} {rec['rsid']} GRCh37:{p37} GRCh38:{p38} {r}>{alt} [{'; '.join(status)}]")

    # a field the chosen source lacks (af or af_popmax) is filled from the next source that has it; the source key
    # then names both, primary first ("A+B": everything from A except the field A did not give)
    final = {}
    for key, row in best.items():
        rec = dict(row["rec"]); filled = []
        for fld in ("af", "af_popmax"):
            if rec[fld] in (None, ".", ""):
                for d in sorted(detail, key=lambda d: SOURCE_PRIORITY[d["rec"]["source"]]):
                    o = d["rec"]
                    if (gene_chrom[d["gene"]], d["p37"], d["ref"], d["alt"]) != key or o is row["rec"]:
                        continue
                    if o["source"] in RESTRICTED and not a.allow_restricted:
                        continue
                    if o[fld] not in (None, ".", ""):
                        rec[fld] = o[fld]
                        if fld == "af_popmax":
                            rec["popmax_population"] = o["popmax_population"]
                        filled.append(o["source"]); break
        if filled:
            rec["source"] = "+".join([row["rec"]["source"]] + sorted(set(filled)))
        final[key] = rec

    # rsIDs found by one source are kept when the chosen row's source has none
    for key, rec in final.items():
        if rec["rsid"] in (".", ""):
            for d in detail:
                if (gene_chrom[d["gene"]], d["p37"], d["ref"], d["alt"]) == key and d["rec"]["rsid"] not in (".", ""):
                    rec["rsid"] = d["rec"]["rsid"]

    header = "#chrom\tpos\tref\talt\trsid\tgene\taf\taf_popmax\tpopmax_population\tsource\n"
    for build in ("GRCh37", "GRCh38"):
        rows = sorted(best.items(), key=lambda kv: (kv[0][0], kv[1]["p37"], kv[1]["ref"], kv[1]["alt"]))
        with open(os.path.join(a.out, f"germline-resource.{build}.tsv"), "w") as fh:
            fh.write(header)
            for key, row in rows:
                rec = final[key]
                fh.write("\t".join(str(x) for x in [key[0], row["p37"] if build == "GRCh37" else row["p38"], row["ref"],
                                                     row["alt"], rec["rsid"], row["gene"], fmt(rec["af"]),
                                                     fmt(rec["af_popmax"]), rec["popmax_population"], rec["source"]]) + "\n")
    with open(os.path.join(a.out, "germline-resource.detail.tsv"), "w") as fh:
        fh.write("#source\tgene\texon\thgvs_c_computed\trsid\tpos_GRCh37\tpos_GRCh38\tref\talt\taf\taf_popmax\tvalues_as_in_source\tchecks\n")
        exons = load_exon_rows([os.path.join(ref, "MANE_exons_EGFR_ABCB1.tsv"), os.path.join(ref, "MANE_exons_panel.tsv")])
        for d in sorted(detail, key=lambda x: (x["gene"], x["p37"], x["alt"], x["rec"]["source"])):
            rec = d["rec"]
            fh.write("\t".join([rec["source"], d["gene"], f"exon{d['ex']}", hgvs_c(exons, d["gene"], d["p38"], d["ref"], d["alt"]),
                                rec["rsid"], str(d["p37"]), str(d["p38"]),
                                d["ref"], d["alt"], fmt(rec["af"]), fmt(rec["af_popmax"]), rec["detail"],
                                "; ".join(d["status"])]) + "\n")
    # cross-source agreement where two independent files give the same variant
    by_key = {}
    for d in detail:
        by_key.setdefault((d["gene"], d["p37"], d["ref"], d["alt"]), []).append(d)
    for key, ds in sorted(by_key.items(), key=lambda kv: kv[0][1]):
        if len(ds) > 1:
            log.append("CROSSCHECK " + " ".join(map(str, key)) + ": " + "; ".join(
                f"{d['rec']['source']} af={fmt(d['rec']['af'])} popmax={fmt(d['rec']['af_popmax'])}"
                f" ({d['rec']['popmax_population']})" for d in ds))
    with open(os.path.join(a.out, "build.log"), "w") as fh:
        fh.write(f"gene offsets GRCh38-GRCh37 (identical for every exon start and end): {gene_offset}\n")
        fh.write("\n".join(log) + "\n")
    print(f"offsets {gene_offset}; {len(detail)} source rows kept, {len(best)} distinct variants")


def read_rsids(path):
    """ANNOVAR avsnp150 (dbSNP 150) VCF from the HOWARD test databases: (chrom,pos,ref,alt) -> rsID."""
    m = {}
    with gzip.open(path, "rt") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            info = dict(kv.split("=", 1) for kv in f[7].split(";") if "=" in kv)
            if info.get("avsnp150", ".") != ".":
                m[(f[0] if f[0].startswith("chr") else "chr" + f[0], int(f[1]), f[3].upper(), f[4].upper())] = info["avsnp150"]
    return m


if __name__ == "__main__":
    sys.exit(main())
