#!/usr/bin/env python3
"""Builds g2t's test samples: simulated Illumina reads from the real EGFR sequence and ABCB1 exons.

Steps (all seeded, so a re-run gives the same reads):
  1. loci.fa: two alignment contigs. EGFR_locus is the real GRCh38 EGFR region; ABCB1_locus holds the
     real ABCB1 exons (derived from NM_000927.5) at their true offsets, with SYNTHETIC random intron
     filler between them (no public ABCB1 genomic sequence was available; see PROVENANCE.md).
  2. For each sample, haplotype components (share of reads, variants carried) are written as windows
     around every target (coding exon +-20 bp, widened by 200 bp) and art_illumina simulates reads.
  3. make-testdata.sh aligns with bwa mem, and shift_sam() moves the alignments onto true chr7
     coordinates (GRCh38 or GRCh37) before samtools sorts and indexes them.
Usage: simulate.py loci OUT_DIR | simulate.py reads SAMPLE OUT_DIR | simulate.py shift BUILD CHROM [offtarget] < in.sam > out.sam
       simulate.py truth SAMPLE BUILD > truth.vcf | simulate.py chr7 BUILD OUT.fa
Panel genes (issue 18: KRAS, NRAS, BRAF, MET, PIK3CA on their own chromosomes; PANEL_SAMPLES below):
       simulate.py reads SAMPLE OUT_DIR | simulate.py shift BUILD panel < in.sam > out.sam
       simulate.py truth SAMPLE BUILD > truth.vcf      (same commands; a PANEL_SAMPLES name selects the panel path)
  The panel path aligns to loci-ot.fa (EGFR, ABCB1 and the five gene loci) and moves every locus onto its
  own chromosome (chr1, chr3, chr7, chr12) of GRCh38 or GRCh37. The EGFR/ABCB1 samples above are untouched.
"""
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("G2T_SHARED", os.path.join(HERE, "..", "..", "..", "shared"))
REF = os.path.join(SHARED, "reference")

EGFR_START = 55014032          # GRCh38 start of EGFR_GRCh38.fa
ABCB1_START, ABCB1_END = 87503017, 87600884
CHR7_LEN = {"GRCh38": 159345973, "GRCh37": 159138663}
# GRCh37 = GRCh38 + offset, constant over each locus (PROVENANCE.md).
OFFSET37 = {"EGFR_locus": 67693, "ABCB1_locus": -370684}
LOCUS_START38 = {"EGFR_locus": EGFR_START, "ABCB1_locus": ABCB1_START}
FLANK = 20      # target = coding exon +- 20 bp
WINDOW = 200    # simulated window beyond the target


def read_fasta(path):
    recs, name, seq = [], None, []
    for line in open(path):
        line = line.strip()
        if line.startswith(">"):
            if name:
                recs.append((name, "".join(seq)))
            name, seq = line[1:].split()[0], []
        elif line:
            seq.append(line.upper())
    if name:
        recs.append((name, "".join(seq)))
    return recs


def loci():
    """The two alignment contigs, as {name: (grch38_start, sequence)}."""
    egfr = read_fasta(os.path.join(REF, "EGFR_GRCh38.fa"))[0][1]
    rng = random.Random(20261123)
    abcb1 = [rng.choice("ACGT") for _ in range(ABCB1_END - ABCB1_START + 1)]  # SYNTHETIC filler
    for name, seq in read_fasta(os.path.join(REF, "ABCB1_GRCh38_exons_DERIVED_from_NM_000927.5.fa")):
        s, e = (int(x) for x in name.split(":")[1].split("-"))
        abcb1[s - ABCB1_START:e - ABCB1_START + 1] = seq
    return {"EGFR_locus": (EGFR_START, egfr), "ABCB1_locus": (ABCB1_START, "".join(abcb1))}


def targets(genes=("EGFR", "ABCB1"), exons=None):
    """GRCh38 coding-exon targets (+-FLANK) from the MANE exon table: [(gene, exon, start, end)]."""
    out = []
    for line in open(os.path.join(REF, "MANE_exons_EGFR_ABCB1.tsv")):
        if line.startswith("#") or line.startswith("gene\t"):
            continue
        f = line.rstrip("\n").split("\t")
        if f[3] != "GRCh38" or f[0] not in genes or f[11] in ("", "."):
            continue
        if exons and (f[0], int(f[6])) not in exons:
            continue
        out.append((f[0], int(f[6]), int(f[11]) - FLANK, int(f[12]) + FLANK))
    return out


# Variants in GRCh38 VCF form (1-based pos, ref, alt), from shared/research/hotspots.tsv.
V = {
    "L858R": ("EGFR_locus", 55191822, "T", "G"),
    "T790M": ("EGFR_locus", 55181378, "C", "T"),
    "E746_A750del": ("EGFR_locus", 55174771, "AGGAATTAAGAGAAGC", "A"),
    "C797S": ("EGFR_locus", 55181399, "G", "C"),
    "L858R_MNV": ("EGFR_locus", 55191822, "TG", "GT"),  # c.2573_2574delinsGT: CTG>CGT, also p.L858R
    "TRAP": ("EGFR_locus", 55191850, "A", "T"),
    "V769_D770insASV": ("EGFR_locus", 55181305, "A", "ATGGCCAGCG"),  # c.2300_2308dup  # a plain exon 21 SNV, made into artefacts by `trap`
    "rs1045642": ("ABCB1_locus", 87509329, "A", "G"),
    "rs1128503": ("ABCB1_locus", 87550285, "A", "G"),
    # Germline variants of the off-target normals, for the panel of normals' site list:
    "rs1050171": ("EGFR_locus", 55181370, "G", "A"),  # EGFR c.2361G>A p.(Gln787=), a common polymorphism
    "GERM_DEL": ("EGFR_locus", 55174827, "TTC", "T"),  # SYNTHETIC: a 2-bp deletion in the exon 19 target flank (c.2283+8_2283+9del)
}

# sample -> (read-group sample name, seed, depth, targets, [(locus, share, [variants])])
SAMPLES = {
    "demo-nsclc": ("DEMO-NSCLC", 11, 200, None, [
        ("EGFR_locus", 0.70, []), ("EGFR_locus", 0.30, ["L858R"]),
        ("ABCB1_locus", 0.50, []), ("ABCB1_locus", 0.50, ["rs1045642", "rs1128503"]),
    ]),
    "egfr-wildtype": ("EGFR-WT", 23, 260, None, [
        ("EGFR_locus", 1.0, []), ("ABCB1_locus", 1.0, ["rs1045642"]),
    ]),
    # Kinase-domain exons only, to keep TestData small: an exon 19 deletion with a T790M subclone.
    "egfr-ex19del-t790m": ("EGFR-EX19-T790M", 37, 400, {("EGFR", 18), ("EGFR", 19), ("EGFR", 20), ("EGFR", 21)}, [
        ("EGFR_locus", 0.60, []), ("EGFR_locus", 0.25, ["E746_A750del"]), ("EGFR_locus", 0.15, ["E746_A750del", "T790M"]),
    ]),
    # Exon 20 only: T790M and C797S (21 bp apart) on one haplotype, or on two.
    "egfr-t790m-c797s-cis": ("EGFR-CIS", 41, 300, {("EGFR", 20)}, [
        ("EGFR_locus", 0.70, []), ("EGFR_locus", 0.30, ["T790M", "C797S"]),
    ]),
    # Exon 21 only: L858R written as a two-base change (an MNV) at 30%.
    "egfr-l858r-mnv": ("EGFR-MNV", 47, 300, {("EGFR", 21)}, [
        ("EGFR_locus", 0.70, []), ("EGFR_locus", 0.30, ["L858R_MNV"]),
    ]),
    # Exon 20 only: the exon 20 insertion c.2300_2308dup (V769_D770insASV) at 20%.
    "egfr-ex20ins": ("EGFR-EX20INS", 59, 400, {("EGFR", 20)}, [
        ("EGFR_locus", 0.80, []), ("EGFR_locus", 0.20, ["V769_D770insASV"]),
    ]),
    # Exon 21 only: an SNV at 20%, the raw material of the artefact traps.
    "egfr-trap": ("EGFR-TRAP", 53, 400, {("EGFR", 21)}, [
        ("EGFR_locus", 0.80, []), ("EGFR_locus", 0.20, ["TRAP"]),
    ]),
    "egfr-t790m-c797s-trans": ("EGFR-TRANS", 43, 300, {("EGFR", 20)}, [
        ("EGFR_locus", 0.50, []), ("EGFR_locus", 0.25, ["T790M"]), ("EGFR_locus", 0.25, ["C797S"]),
    ]),
}

# Copy number: a panel of normals and tumours with a gene at 2, 4 or 8 copies (share 1.0 = 2 copies),
# on a few exons of each gene to keep TestData small. No purity dilution: copies are total copies.
CN_EXONS = {("EGFR", e) for e in (18, 19, 20, 21, 22)} | {("ABCB1", e) for e in (12, 13, 21, 22, 26)}
for i, seed in ((1, 61), (2, 62), (3, 63)):
    SAMPLES[f"pon-normal-{i}"] = (f"NORMAL-{i}", seed, 60, CN_EXONS, [("EGFR_locus", 1.0, []), ("ABCB1_locus", 1.0, [])])
for name, seed, egfr, abcb1 in (("cn-2", 71, 1.0, 1.0), ("cn-abcb1-4", 72, 1.0, 2.0),
                                ("cn-abcb1-8", 73, 1.0, 4.0), ("cn-egfr-8", 74, 4.0, 1.0)):
    SAMPLES[name] = (name.upper(), seed, 60, CN_EXONS, [("EGFR_locus", egfr, []), ("ABCB1_locus", abcb1, [])])


# Off-target reads: whole loci of other genes from ../shared/reference, sampled at low fold as a
# capture's off-target reads are. BRAF and MET lie on chr7 (but far from EGFR and ABCB1); KRAS,
# NRAS and PIK3CA on chr12, chr1 and chr3. The EGFR and ABCB1 introns get no off-target reads, so
# a focal EGFR gain does not lift chr7's off-target count.
OFFTARGET = {"BRAF_locus": ("chr7", "BRAF_GRCh38.fa"), "MET_locus": ("chr7", "MET_GRCh38.fa"),
             "KRAS_locus": ("chr12", "KRAS_GRCh38.fa"), "NRAS_locus": ("chr1", "NRAS_GRCh38.fa"),
             "PIK3CA_locus": ("chr3", "PIK3CA_GRCh38.fa")}
CHROM_LEN38 = {"chr1": 248956422, "chr3": 198295559, "chr7": 159345973, "chr12": 133275309}
OT_FOLD = 1.0  # about 3,400 off-target reads on chr7 and 1,700 on the other autosomes per sample


def offtarget(chr7=1.0):
    """Fold of off-target reads per locus; `chr7` scales the chr7 loci (a whole-chromosome gain)."""
    return {l: OT_FOLD * (chr7 if c == "chr7" else 1.0) for l, (c, _) in OFFTARGET.items()}


# Copy number with off-target reads (samples/cn-ot): three normals carrying germline variants
# (rs1050171 in normals 1 and 2, GERM_DEL in normals 2 and 3, all heterozygous), and tumours with
# EGFR focally at 8 copies, chr7 wholly at 4 copies, EGFR at 8 copies at purity 0.5 (read share
# 0.5 * 8/2 + 0.5 = 2.5), and ABCB1 at 1 copy. Each tuple gains a sixth field: off-target folds.
for name, seed, egfr in (("ot-normal-1", 81, [(0.5, []), (0.5, ["rs1050171"])]),
                         ("ot-normal-2", 82, [(0.5, ["rs1050171", "GERM_DEL"]), (0.5, [])]),
                         ("ot-normal-3", 83, [(0.5, ["GERM_DEL"]), (0.5, [])])):
    SAMPLES[name] = (name.upper(), seed, 60, CN_EXONS,
                     [("EGFR_locus", sh, v) for sh, v in egfr] + [("ABCB1_locus", 1.0, [])], offtarget())
for name, seed, egfr, abcb1, chr7 in (("ot-egfr-8", 91, 4.0, 1.0, 1.0), ("ot-chr7-4", 92, 2.0, 2.0, 2.0),
                                      ("ot-egfr-8-p50", 93, 2.5, 1.0, 1.0), ("ot-abcb1-1", 94, 1.0, 0.5, 1.0)):
    SAMPLES[name] = (name.upper(), seed, 60, CN_EXONS, [("EGFR_locus", egfr, []), ("ABCB1_locus", abcb1, [])], offtarget(chr7))


def apply(seq, start, variants):
    """Applies VCF-style variants (right to left, so offsets stay valid) to a locus sequence."""
    s = list(seq)
    for name in sorted(variants, key=lambda n: -V[n][1]):
        _, pos, ref, alt = V[name]
        i = pos - start
        assert "".join(s[i:i + len(ref)]) == ref, f"{name}: reference mismatch"
        s[i:i + len(ref)] = alt
    return "".join(s)


def offtarget_loci():
    """The off-target loci, as {name: (chrom, grch38_start, sequence)}."""
    out = {}
    for name, (chrom, fa) in OFFTARGET.items():
        header, seq = read_fasta(os.path.join(REF, fa))[0]
        out[name] = (chrom, int(header.split(":")[1].split("-")[0]), seq)
    return out


def write_loci(out_dir, with_offtarget=False):
    """loci.fa (EGFR and ABCB1 loci), or loci-ot.fa (those plus the off-target loci)."""
    contigs = {n: seq for n, (_, seq) in loci().items()}
    if with_offtarget:
        contigs.update({n: seq for n, (_, _, seq) in offtarget_loci().items()})
    with open(os.path.join(out_dir, "loci-ot.fa" if with_offtarget else "loci.fa"), "w") as f:
        for name, seq in contigs.items():
            f.write(f">{name}\n")
            for i in range(0, len(seq), 60):
                f.write(seq[i:i + 60] + "\n")


def simulate(sample, out_dir):
    _, seed, depth, exons, comps = SAMPLES[sample][:5]
    folds = SAMPLES[sample][5] if len(SAMPLES[sample]) > 5 else {}
    L = loci()
    tgt = targets(exons=exons)
    r1 = open(os.path.join(out_dir, f"{sample}_1.fq"), "w")
    r2 = open(os.path.join(out_dir, f"{sample}_2.fq"), "w")
    for ci, (locus, share, variants) in enumerate(comps):
        start, seq = L[locus]
        hap = apply(seq, start, variants)

        def hap_index(i):
            """Index in the haplotype of locus index i (indels before i move it)."""
            return i + sum(len(V[v][3]) - len(V[v][2]) for v in variants if V[v][1] - start + len(V[v][2]) <= i)
        fa = os.path.join(out_dir, f"{sample}.c{ci}.fa")
        with open(fa, "w") as f:
            for gene, exon, ts, te in tgt:
                if (gene == "EGFR") != (locus == "EGFR_locus"):
                    continue
                a, b = hap_index(ts - WINDOW - start), hap_index(te + WINDOW - start + 1)
                f.write(f">c{ci}_{gene}_e{exon}\n{hap[a:b]}\n")
        prefix = os.path.join(out_dir, f"{sample}.c{ci}.")
        subprocess.run(["art_illumina", "-q", "-ss", "HS25", "-i", fa, "-p", "-l", "100", "-f", str(depth * share),
                        "-m", "250", "-s", "30", "-rs", str(seed * 100 + ci), "-na", "-o", prefix],
                       check=True, stdout=subprocess.DEVNULL)
        for src, dst in ((prefix + "1.fq", r1), (prefix + "2.fq", r2)):
            with open(src) as f:
                dst.write(f.read())
            os.remove(src)
        os.remove(fa)
    ot = offtarget_loci() if folds else {}
    for k, (locus, fold) in enumerate(sorted(folds.items())):
        fa = os.path.join(out_dir, f"{sample}.ot{k}.fa")
        with open(fa, "w") as f:
            f.write(f">ot{k}_{locus}\n{ot[locus][2]}\n")
        prefix = os.path.join(out_dir, f"{sample}.ot{k}.")
        subprocess.run(["art_illumina", "-q", "-ss", "HS25", "-i", fa, "-p", "-l", "100", "-f", str(fold),
                        "-m", "250", "-s", "30", "-rs", str(seed * 100 + 50 + k), "-na", "-o", prefix],
                       check=True, stdout=subprocess.DEVNULL)
        for src, dst in ((prefix + "1.fq", r1), (prefix + "2.fq", r2)):
            with open(src) as f:
                dst.write(f.read())
            os.remove(src)
        os.remove(fa)
    r1.close()
    r2.close()


def shift_sam(build, chrom, with_offtarget=False):
    """Moves alignments from the locus contigs onto chr7 of `build`, naming the contig `chrom`;
    `with_offtarget` (GRCh38 only): also the off-target loci onto chr1, chr3, chr7 and chr12."""
    ot = {n: (c, st) for n, (c, st, _) in offtarget_loci().items()}

    def to_build(contig, pos):
        if contig in ot and pos != 0:
            return ot[contig][0], ot[contig][1] - 1 + pos  # off-target loci: GRCh38 only
        if contig not in LOCUS_START38 or pos == 0:
            return contig, pos
        p = LOCUS_START38[contig] - 1 + pos
        return chrom, p + (OFFSET37[contig] if build == "GRCh37" else 0)

    sq_done = False
    for line in sys.stdin:
        if line.startswith("@SQ"):
            if not sq_done:
                if with_offtarget:  # every chromosome the off-target loci lie on, in karyotype order
                    for c in sorted(CHROM_LEN38, key=lambda c: int(c[3:])):
                        sys.stdout.write(f"@SQ\tSN:{c}\tLN:{CHROM_LEN38[c]}\tAS:{build}\n")
                else:
                    sys.stdout.write(f"@SQ\tSN:{chrom}\tLN:{CHR7_LEN[build]}\tAS:{build}\n")
                sq_done = True
            continue
        if line.startswith("@"):
            sys.stdout.write(line)
            continue
        f = line.rstrip("\n").split("\t")
        rname, pos = f[2], int(f[3])
        rnext, pnext = f[6], int(f[7])
        mate_contig = rname if rnext == "=" else rnext
        f[2], f[3] = (lambda c, p: (c, str(p)))(*to_build(rname, pos))
        if rnext != "*":
            c, p = to_build(mate_contig, pnext)
            f[6], f[7] = ("=" if c == f[2] else c), str(p)
        if f[6] == "=" and rname != mate_contig:
            f[8] = "0"
        tags = []
        for t in f[11:]:
            if t.startswith("XA:Z:"):
                continue  # alternative hits name locus contigs; drop them
            if t.startswith("SA:Z:"):
                parts = []
                for sa in t[5:].rstrip(";").split(";"):
                    c, p, rest = sa.split(",", 2)
                    c2, p2 = to_build(c, int(p))
                    parts.append(f"{c2},{p2},{rest}")
                t = "SA:Z:" + ";".join(parts) + ";"
            tags.append(t)
        sys.stdout.write("\t".join(f[:11] + tags) + "\n")


def base_at(fields, pos):
    """Query index of reference position `pos` in a SAM record, or None."""
    ref, q = int(fields[3]), 0
    for n, op in re.findall(r"(\d+)([MIDNSHP=X])", fields[5]):
        n = int(n)
        if op in "M=X":
            if ref <= pos < ref + n:
                return q + pos - ref
            ref += n
            q += n
        elif op in "IS":
            q += n
        elif op in "DN":
            if ref <= pos < ref + n:
                return None
            ref += n
    return None


def alt_at(fields, pos, n):
    """Query index of the n reference bases from `pos` when a SAM record aligns them contiguously (no
    insertion or deletion between them), or None."""
    q = base_at(fields, pos)
    if q is None or any(base_at(fields, pos + i) != q + i for i in range(1, n)):
        return None
    return q


def trap(kind, pos, ref, alt, chrom=None, src=None, dst=None):
    """Turns the reads carrying ALT at POS into an artefact of KIND (SAM lines from `src`, default stdin,
    to `dst`, default stdout; only on CHROM when given; REF/ALT may be several bases, an MNV):
    strand: only forward reads keep it; readend: only where it lies within 15 bases of a read end;
    orientation: only F1R2 reads keep it; lowbq: its base quality drops to 2; dup: those reads are
    flagged duplicates; lowmapq: their mapping quality drops to 3; mostlyKIND (mostlydup, mostlystrand...):
    the same for two reads in three; strandNN (e.g. strand85): forward reads keep it and so many reverse
    reads that NN% of the carrying reads are forward. Elsewhere the bases revert to REF."""
    src, dst = src or sys.stdin, dst or sys.stdout
    keep_reverse = None
    if kind[len("strand"):].isdigit() and kind.startswith("strand"):
        # Two passes: count the carrying reads per strand, then keep evenly spread reverse reads.
        src = list(src)
        share = int(kind[len("strand"):]) / 100
        fwd = rev = 0
        for line in src:
            f = line.rstrip("\n").split("\t")
            if line.startswith("@") or f[2] == "*" or (chrom and f[2] != chrom):
                continue
            q = alt_at(f, pos, len(ref))
            if q is not None and f[9][q:q + len(alt)] == alt:
                rev += bool(int(f[1]) & 0x10)
                fwd += not int(f[1]) & 0x10
        keep_reverse = (min(rev, round(fwd * (1 - share) / share)), max(rev, 1))
    seen = rev_seen = 0
    for line in src:
        if line.startswith("@"):
            dst.write(line)
            continue
        f = line.rstrip("\n").split("\t")
        q = alt_at(f, pos, len(ref)) if f[2] != "*" and (not chrom or f[2] == chrom) else None
        if q is None or f[9][q:q + len(alt)] != alt:
            dst.write(line)
            continue
        flag, n = int(f[1]), len(f[9])
        seen += 1
        if kind.startswith("mostly"):
            if seen % 3 == 0:
                dst.write(line)
                continue
            kind_now = kind[len("mostly"):]
        else:
            kind_now = kind
        if keep_reverse is not None:
            kept, total = keep_reverse
            keep = not flag & 0x10
            if flag & 0x10:
                keep = (rev_seen + 1) * kept // total > rev_seen * kept // total
                rev_seen += 1
        else:
            keep = {"strand": not flag & 0x10,
                    "readend": min(q, n - len(alt) - q) < 15,
                    "orientation": bool(flag & 0x40) != bool(flag & 0x10)}.get(kind_now, True)
        if not keep:
            f[9] = f[9][:q] + ref + f[9][q + len(ref):]
        elif kind_now == "lowbq":
            f[10] = f[10][:q] + "#" * len(alt) + f[10][q + len(alt):]
        elif kind_now == "dup":
            f[1] = str(flag | 0x400)
        elif kind_now == "lowmapq":
            f[4] = "3"
        dst.write("\t".join(f) + "\n")


def truth(sample, build):
    """Truth VCF: each variant with its expected allele fraction."""
    _, _, _, _, comps = SAMPLES[sample]
    af = {}
    for locus, share, variants in comps:
        total = sum(s for l, s, _ in comps if l == locus)
        for v in variants:
            af[v] = af.get(v, 0) + share / total
    chrom = "chr7" if build == "GRCh38" else "7"
    print("##fileformat=VCFv4.3")
    print(f"##contig=<ID={chrom},length={CHR7_LEN[build]},assembly={build}>")
    print('##INFO=<ID=AF,Number=A,Type=Float,Description="Simulated allele fraction">')
    print('##INFO=<ID=NAME,Number=1,Type=String,Description="Variant name">')
    print("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")
    for v in sorted(af, key=lambda n: V[n][1]):
        locus, pos, ref, alt = V[v]
        if build == "GRCh37":
            pos += OFFSET37[locus]
        print(f"{chrom}\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\tAF={af[v]:.3f};NAME={v}")


def chr7_fasta(build, out):
    """A chr7 FASTA of the true length: EGFR genomic sequence and ABCB1 exons, N elsewhere."""
    n = CHR7_LEN[build]
    seq = bytearray(b"N" * n)
    egfr_file = "EGFR_GRCh38.fa" if build == "GRCh38" else "EGFR_GRCh37.fa"
    name, s = read_fasta(os.path.join(REF, egfr_file))[0]
    start = int(name.split(":")[1].split("-")[0])
    seq[start - 1:start - 1 + len(s)] = s.encode()
    for name, s in read_fasta(os.path.join(REF, "ABCB1_GRCh38_exons_DERIVED_from_NM_000927.5.fa")):
        st = int(name.split(":")[1].split("-")[0]) + (OFFSET37["ABCB1_locus"] if build == "GRCh37" else 0)
        seq[st - 1:st - 1 + len(s)] = s.encode()
    with open(out, "w") as f:
        f.write(">chr7\n" if build == "GRCh38" else ">7\n")
        for i in range(0, n, 60):
            f.write(seq[i:i + 60].decode() + "\n")


# ---------------------------------------------------------------------------------------------------------
# Panel genes of issue 18 (KRAS, NRAS, BRAF, MET, PIK3CA). Their real LRG-based loci from ../shared/reference
# (the same contigs as the off-target loci above) carry the variants; reads are aligned to loci-ot.fa and
# `shift BUILD panel` puts every locus on its own chromosome. Nothing above this line changed for them, so the
# EGFR/ABCB1 samples keep their bytes.

PANEL_LOCUS_CHROM = {"EGFR_locus": "chr7", "ABCB1_locus": "chr7", "KRAS_locus": "chr12", "NRAS_locus": "chr1",
                     "BRAF_locus": "chr7", "MET_locus": "chr7", "PIK3CA_locus": "chr3"}
# GRCh37 = GRCh38 + offset, constant over each locus (shared/reference/PROVENANCE.md, "Panel genes").
PANEL_OFFSET37 = {"EGFR_locus": 67693, "ABCB1_locus": -370684, "KRAS_locus": 152934, "NRAS_locus": 542621,
                  "BRAF_locus": -300200, "MET_locus": -359946, "PIK3CA_locus": -282212}
CHROM_LEN = {"GRCh38": CHROM_LEN38,
             "GRCh37": {"chr1": 249250621, "chr3": 198022430, "chr7": 159138663, "chr12": 133851895}}
KARYO = ("chr1", "chr3", "chr7", "chr12")

# Variants in GRCh38 VCF form, from shared/research/hotspots_panel.tsv (re-checked by scripts/panel18/check_staging.py).
V.update({
    "KRAS_G12C": ("KRAS_locus", 25245351, "C", "A"),    # NM_004985.5:c.34G>T
    "KRAS_G12D": ("KRAS_locus", 25245350, "C", "T"),    # c.35G>A
    "KRAS_G13D": ("KRAS_locus", 25245347, "C", "T"),    # c.38G>A
    "KRAS_Q61H": ("KRAS_locus", 25227341, "T", "G"),    # c.183A>C
    "KRAS_A146T": ("KRAS_locus", 25225628, "C", "T"),   # c.436G>A
    "NRAS_Q61K": ("NRAS_locus", 114713909, "G", "T"),   # NM_002524.5:c.181C>A
    "BRAF_V600E": ("BRAF_locus", 140753336, "A", "T"),  # NM_004333.6:c.1799T>A
    "BRAF_V600K": ("BRAF_locus", 140753336, "AC", "TT"),  # c.1798_1799delinsAA (2-base MNV)
    "MET_c3028p1GT": ("MET_locus", 116771990, "G", "T"),  # NM_000245.4:c.3028+1G>T (METex14 donor)
    # SYNTHETIC (not from a hotspot list): a 21-bp deletion of the last 11 exon-14 bases and intron 14 +1..+10,
    # NM_000245.4:c.3018_3028+10del (already 3'-most: the next base G differs from the first deleted T; VCF
    # anchor C at 116771978 is left-normal: the last deleted base A differs from it).
    "MET_EX14_DEL21": ("MET_locus", 116771978, "CTTTTCCAGAAGGTATATTTCA", "C"),
    "PIK3CA_E545K": ("PIK3CA_locus", 179218303, "G", "A"),   # NM_006218.4:c.1633G>A
    "PIK3CA_H1047R": ("PIK3CA_locus", 179234297, "A", "G"),  # c.3140A>G
})

RAS_CRC = [("KRAS", 2), ("KRAS", 3), ("KRAS", 4), ("NRAS", 2), ("NRAS", 3), ("NRAS", 4), ("BRAF", 15)]
MET14 = [("MET", 13), ("MET", 14), ("MET", 15)]
# Copy number: a few exons of every panel gene (EGFR, ABCB1, KRAS, NRAS, BRAF, MET, PIK3CA), as CN_EXONS above.
CN18 = ([("EGFR", e) for e in (18, 19, 20, 21)] + [("ABCB1", 12), ("ABCB1", 13)] + [("KRAS", 2), ("KRAS", 3), ("KRAS", 4)]
        + [("NRAS", 2), ("NRAS", 3), ("NRAS", 4)] + [("BRAF", 11), ("BRAF", 15)]
        + [("MET", e) for e in (2, 14, 16, 19, 21)] + [("PIK3CA", 10), ("PIK3CA", 21)])


def _ps(rg, seed, depth, targets, comps, tumour, note, low=None):
    """A panel sample: comps = [(locus, share, [variants])]; a locus with targets but no component gets one
    reference component of share 1.0 (two copies); `low` = {(gene, exon): depth factor} for thin targets."""
    return {"rg": rg, "seed": seed, "depth": depth, "targets": targets, "comps": comps, "tumour": tumour,
            "note": note, "low": low or {}}


PANEL_SAMPLES = {
    "crc-kras-g12d": _ps("CRC-KRAS-G12D", 101, 400, RAS_CRC, [("KRAS_locus", 0.70, []), ("KRAS_locus", 0.30, ["KRAS_G12D"])],
                         "COADREAD", "KRAS G12D 30%: cetuximab and panitumumab resistant"),
    "kras-g12c": _ps("KRAS-G12C", 102, 400, RAS_CRC, [("KRAS_locus", 0.75, []), ("KRAS_locus", 0.25, ["KRAS_G12C"])],
                     "COADREAD;LUAD", "KRAS G12C 25% (colorectal: sotorasib + panitumumab, adagrasib + cetuximab; lung: sotorasib, adagrasib)"),
    "kras-g13d": _ps("KRAS-G13D", 103, 400, RAS_CRC, [("KRAS_locus", 0.80, []), ("KRAS_locus", 0.20, ["KRAS_G13D"])],
                     "COADREAD", "KRAS G13D 20%"),
    "kras-q61h": _ps("KRAS-Q61H", 104, 400, RAS_CRC, [("KRAS_locus", 0.70, []), ("KRAS_locus", 0.30, ["KRAS_Q61H"])],
                     "COADREAD", "KRAS Q61H (c.183A>C) 30%"),
    "kras-a146t": _ps("KRAS-A146T", 105, 400, RAS_CRC, [("KRAS_locus", 0.85, []), ("KRAS_locus", 0.15, ["KRAS_A146T"])],
                      "COADREAD", "KRAS A146T 15% (exon 4: missed by exon-2-only testing)"),
    "nras-q61k": _ps("NRAS-Q61K", 106, 400, RAS_CRC, [("NRAS_locus", 0.70, []), ("NRAS_locus", 0.30, ["NRAS_Q61K"])],
                     "COADREAD", "NRAS Q61K 30%"),
    "braf-v600e": _ps("BRAF-V600E", 107, 400, RAS_CRC, [("BRAF_locus", 0.70, []), ("BRAF_locus", 0.30, ["BRAF_V600E"])],
                      "COADREAD;LUAD", "BRAF V600E 30% (colorectal: encorafenib + cetuximab; lung: dabrafenib + trametinib)"),
    "braf-v600k": _ps("BRAF-V600K", 108, 400, RAS_CRC, [("BRAF_locus", 0.75, []), ("BRAF_locus", 0.25, ["BRAF_V600K"])],
                      "LUAD", "BRAF V600K as a 2-base MNV (c.1798_1799delinsAA) 25%"),
    "met-ex14-donor": _ps("MET-EX14-DONOR", 109, 400, MET14, [("MET_locus", 0.70, []), ("MET_locus", 0.30, ["MET_c3028p1GT"])],
                          "LUAD", "MET c.3028+1G>T 30% (METex14 skipping)"),
    "met-ex14-del": _ps("MET-EX14-DEL", 110, 400, MET14, [("MET_locus", 0.75, []), ("MET_locus", 0.25, ["MET_EX14_DEL21"])],
                        "LUAD", "MET c.3018_3028+10del 25% (SYNTHETIC 21-bp donor deletion, METex14 skipping)"),
    "pik3ca-e545k": _ps("PIK3CA-E545K", 111, 400, RAS_CRC + [("PIK3CA", 10), ("PIK3CA", 21)],
                        [("PIK3CA_locus", 0.70, []), ("PIK3CA_locus", 0.30, ["PIK3CA_E545K"])],
                        "COADREAD", "PIK3CA E545K 30%, RAS/BRAF wild type"),
    "egfr-l858r-pik3ca-h1047r": _ps("EGFR-L858R-PIK3CA-H1047R", 112, 400, [("EGFR", 21), ("PIK3CA", 10), ("PIK3CA", 21)],
                                    [("EGFR_locus", 0.70, []), ("EGFR_locus", 0.30, ["L858R"]),
                                     ("PIK3CA_locus", 0.80, []), ("PIK3CA_locus", 0.20, ["PIK3CA_H1047R"])],
                                    "LUAD", "EGFR L858R 30% + PIK3CA H1047R 20% (co-mutation context)"),
    "crc-ras-wt": _ps("CRC-RAS-WT", 113, 500, RAS_CRC, [], "COADREAD",
                      "KRAS/NRAS exons 2-4 and BRAF exon 15 wild type at ~500x: extended RAS/BRAF wild type"),
    "crc-ras-lowcov": _ps("CRC-RAS-LOWCOV", 114, 500, RAS_CRC, [], "COADREAD",
                          "wild type, but NRAS exon 4 (codons 117, 146) at ~10x: must NOT be called extended RAS/BRAF wild type",
                          low={("NRAS", 4): 0.02}),
    # MET amplification beside EGFR L858R: MET at 8 total copies (share 4.0, pure tumour), every other gene at 2.
    "met-amp-egfr-l858r": _ps("MET-AMP-EGFR-L858R", 115, 150, CN18,
                              [("EGFR_locus", 0.70, []), ("EGFR_locus", 0.30, ["L858R"]), ("MET_locus", 4.0, [])],
                              "LUAD", "EGFR L858R 30% + focal MET amplification (8 copies); panel-normal-1..3 are its panel of normals"),
}
for _i, _seed in ((1, 121), (2, 122), (3, 123)):
    PANEL_SAMPLES[f"panel-normal-{_i}"] = _ps(f"PANEL-NORMAL-{_i}", _seed, 150, CN18, [], "",
                                              "normal for the panel of normals of met-amp-egfr-l858r (all genes 2 copies)")


def panel_targets(spec):
    """GRCh38 coding-exon targets (+-FLANK) for [(gene, exon)], from both MANE exon tables, in spec order."""
    rows = {}
    for fname in ("MANE_exons_EGFR_ABCB1.tsv", "MANE_exons_panel.tsv"):
        for line in open(os.path.join(REF, fname)):
            if line.startswith("#") or line.startswith("gene\t"):
                continue
            f = line.rstrip("\n").split("\t")
            if f[3] == "GRCh38" and f[11] not in ("", "."):
                rows[(f[0], int(f[6]))] = (int(f[11]) - FLANK, int(f[12]) + FLANK)
    missing = [t for t in spec if t not in rows]
    assert not missing, f"no coding exon rows for {missing}"
    return [(g, e, *rows[(g, e)]) for g, e in spec]


def panel_loci():
    """Every locus contig of loci-ot.fa, as {name: (grch38_start, sequence)}."""
    out = dict(loci())
    out.update({n: (st, seq) for n, (_, st, seq) in offtarget_loci().items()})
    return out


def panel_components(sample):
    d = PANEL_SAMPLES[sample]
    comps = list(d["comps"])
    have = {l for l, _, _ in comps}
    for g, _ in d["targets"]:
        if f"{g}_locus" not in have:
            comps.append((f"{g}_locus", 1.0, []))
            have.add(f"{g}_locus")
    return comps


def simulate_panel(sample, out_dir):
    d = PANEL_SAMPLES[sample]
    L = panel_loci()
    tgt = panel_targets(d["targets"])
    r1 = open(os.path.join(out_dir, f"{sample}_1.fq"), "w")
    r2 = open(os.path.join(out_dir, f"{sample}_2.fq"), "w")
    for ci, (locus, share, variants) in enumerate(panel_components(sample)):
        start, seq = L[locus]
        hap = apply(seq, start, variants)

        def hap_index(i):
            return i + sum(len(V[v][3]) - len(V[v][2]) for v in variants if V[v][1] - start + len(V[v][2]) <= i)
        groups = {}
        for gene, exon, ts, te in tgt:
            if f"{gene}_locus" == locus:
                groups.setdefault(d["low"].get((gene, exon), 1.0), []).append((gene, exon, ts, te))
        for gi, (factor, items) in enumerate(sorted(groups.items())):
            fa = os.path.join(out_dir, f"{sample}.c{ci}.g{gi}.fa")
            with open(fa, "w") as f:
                for gene, exon, ts, te in items:
                    a, b = hap_index(ts - WINDOW - start), hap_index(te + WINDOW - start + 1)
                    f.write(f">c{ci}_{gene}_e{exon}\n{hap[a:b]}\n")
            prefix = os.path.join(out_dir, f"{sample}.c{ci}.g{gi}.")
            subprocess.run(["art_illumina", "-q", "-ss", "HS25", "-i", fa, "-p", "-l", "100", "-f", str(d["depth"] * share * factor),
                            "-m", "250", "-s", "30", "-rs", str(d["seed"] * 1000 + ci * 10 + gi), "-na", "-o", prefix],
                           check=True, stdout=subprocess.DEVNULL)
            for src, dst in ((prefix + "1.fq", r1), (prefix + "2.fq", r2)):
                with open(src) as f:
                    dst.write(f.read())
                os.remove(src)
            os.remove(fa)
    r1.close()
    r2.close()


def shift_panel(build):
    """Moves alignments from the loci-ot.fa contigs onto their own chromosomes of `build` (chr1, chr3, chr7, chr12)."""
    L = panel_loci()

    def to_build(contig, pos):
        if contig not in L or pos == 0:
            return contig, pos
        p = L[contig][0] - 1 + pos
        return PANEL_LOCUS_CHROM[contig], p + (PANEL_OFFSET37[contig] if build == "GRCh37" else 0)

    sq_done = False
    for line in sys.stdin:
        if line.startswith("@SQ"):
            if not sq_done:
                for c in KARYO:
                    sys.stdout.write(f"@SQ\tSN:{c}\tLN:{CHROM_LEN[build][c]}\tAS:{build}\n")
                sq_done = True
            continue
        if line.startswith("@"):
            sys.stdout.write(line)
            continue
        f = line.rstrip("\n").split("\t")
        rname, pos, rnext, pnext = f[2], int(f[3]), f[6], int(f[7])
        mate_contig = rname if rnext == "=" else rnext
        f[2], p = to_build(rname, pos)
        f[3] = str(p)
        if rnext != "*":
            c, p = to_build(mate_contig, pnext)
            f[6], f[7] = ("=" if c == f[2] else c), str(p)
        if f[6] != "=" and rnext != "*":
            f[8] = "0"  # mates on two chromosomes have no template length
        tags = []
        for t in f[11:]:
            if t.startswith("XA:Z:"):
                continue
            if t.startswith("SA:Z:"):
                parts = []
                for sa in t[5:].rstrip(";").split(";"):
                    c, p, rest = sa.split(",", 2)
                    c2, p2 = to_build(c, int(p))
                    parts.append(f"{c2},{p2},{rest}")
                t = "SA:Z:" + ";".join(parts) + ";"
            tags.append(t)
        sys.stdout.write("\t".join(f[:11] + tags) + "\n")


def truth_panel(sample, build):
    """Truth VCF of a panel sample: each variant with its expected allele fraction, on its own chromosome."""
    comps = panel_components(sample)
    af = {}
    for locus, share, variants in comps:
        total = sum(s for l, s, _ in comps if l == locus)
        for v in variants:
            af[v] = af.get(v, 0) + share / total
    print("##fileformat=VCFv4.3")
    for c in KARYO:
        print(f"##contig=<ID={c},length={CHROM_LEN[build][c]},assembly={build}>")
    print('##INFO=<ID=AF,Number=A,Type=Float,Description="Simulated allele fraction">')
    print('##INFO=<ID=NAME,Number=1,Type=String,Description="Variant name">')
    print(f"##g2t_sample=<ID={PANEL_SAMPLES[sample]['rg']},tumour_types=\"{PANEL_SAMPLES[sample]['tumour']}\",note=\"{PANEL_SAMPLES[sample]['note']}\">")
    print("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")

    def key(v):
        locus, pos = V[v][0], V[v][1]
        return KARYO.index(PANEL_LOCUS_CHROM[locus]), pos
    for v in sorted(af, key=key):
        locus, pos, ref, alt = V[v]
        if build == "GRCh37":
            pos += PANEL_OFFSET37[locus]
        print(f"{PANEL_LOCUS_CHROM[locus]}\t{pos}\t.\t{ref}\t{alt}\t.\tPASS\tAF={af[v]:.3f};NAME={v}")

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "loci":
        write_loci(sys.argv[2])
        write_loci(sys.argv[2], with_offtarget=True)
    elif cmd == "reads" and sys.argv[2] in PANEL_SAMPLES:
        simulate_panel(sys.argv[2], sys.argv[3])
    elif cmd == "reads":
        simulate(sys.argv[2], sys.argv[3])
    elif cmd == "shift" and sys.argv[3] == "panel":
        shift_panel(sys.argv[2])
    elif cmd == "truth" and sys.argv[2] in PANEL_SAMPLES:
        truth_panel(sys.argv[2], sys.argv[3])
    elif cmd == "shift":
        shift_sam(sys.argv[2], sys.argv[3], with_offtarget=len(sys.argv) > 4 and sys.argv[4] == "offtarget")
    elif cmd == "truth":
        truth(sys.argv[2], sys.argv[3])
    elif cmd == "chr7":
        chr7_fasta(sys.argv[2], sys.argv[3])
    elif cmd == "trap":
        _, pos, ref, alt = V["TRAP"]
        trap(sys.argv[2], pos, ref, alt)
    elif cmd == "rg":
        print(PANEL_SAMPLES[sys.argv[2]]["rg"] if sys.argv[2] in PANEL_SAMPLES else SAMPLES[sys.argv[2]][0])
    else:
        sys.exit(__doc__)
