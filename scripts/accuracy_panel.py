"""Panel-gene rows of `make bench-accuracy` (issue 18): KRAS, NRAS, BRAF, MET and PIK3CA against bcftools and freebayes.

Imported by accuracy-benchmark.py (`--panel-only` runs just these; `--quick` fewer samples; `--panel-depths 500,2000`
other depths).

Reference: the peers need one FASTA with every chromosome the BAMs name (chr1, chr3, chr7, chr12, of their
GRCh38 lengths). It is built here from g2t's own bundled reference slices (Sources/G2TCore/Data/GENE.GRCh38*.fa,
headers `chrN:start-end`, 1-based, forward strand): each chromosome is N of its true length with the slices'
bases at their true coordinates, so g2t and the peers see the same BAM and the same reference bases (the
slices are checked base for base against the loci the reads are simulated from). Outside the slices
(coding exons +-500 bp) the peers see N; the simulated windows (target +-200 bp) lie inside them.

Samples (TestData/scripts/simulate.py, panel path, fixed seeds): for every depth and allele fraction one
sample over KRAS/NRAS exons 2-4, BRAF exon 15, MET exons 13-15 and PIK3CA exons 10 and 21. Each gene locus is
a mixture of a reference haplotype (1 - VAF) and one haplotype (VAF) carrying that gene's hotspot variants
and one non-hotspot SNV per targeted exon. Two hotspot sets alternate between samples (hotspots at the same
or adjacent bases cannot share a haplotype): A = KRAS G12D, Q61H, A146T; NRAS Q61K; BRAF V600E; MET
c.3028+1G>T; PIK3CA E545K, H1047R. B = KRAS G12C; NRAS Q61K; BRAF V600K (2-base MNV); MET c.3018_3028+10del
(21 bp); PIK3CA H1047R. VAFs 1-25% straddle g2t's limits (minVAF 0.5%, 3 alt fragments: 1% at 300x is
~3 alt fragments).
Scoring as accuracy-benchmark.py: PASS calls, normalised and split; an MNV counts only when every base is
found; false calls = calls in the sample's targets that are not in its truth. "freebayes any QUAL" scores freebayes' raw output (no QUAL
filter): at allele fractions near 10% its diploid QUAL stays near 0 even with ~70 alt reads, so QUAL >= 20 drops them.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "TestData", "scripts"))
import simulate as sim  # noqa: E402
import callsets  # noqa: E402
from callsets import atomize, run  # noqa: E402

DATA = os.path.join(ROOT, "Sources", "G2TCore", "Data")
DEPTHS = [300, 1000]
VAFS = [0.01, 0.02, 0.05, 0.10, 0.25]
GENES = ["KRAS", "NRAS", "BRAF", "MET", "PIK3CA"]
SPEC = sim.RAS_CRC + sim.MET14 + [("PIK3CA", 10), ("PIK3CA", 21)]
SET_A = ["KRAS_G12D", "KRAS_Q61H", "KRAS_A146T", "NRAS_Q61K", "BRAF_V600E", "MET_c3028p1GT", "PIK3CA_E545K", "PIK3CA_H1047R"]
SET_B = ["KRAS_G12C", "NRAS_Q61K", "BRAF_V600K", "MET_EX14_DEL21", "PIK3CA_H1047R"]
# A non-hotspot SNV this far from any hotspot base, so no caller merges it into a hotspot MNV.
MIN_GAP = 12


def slices():
    """g2t's bundled GRCh38 reference slices: [(chrom, start, sequence)]."""
    out = []
    for name in sorted(os.listdir(DATA)):
        if name.endswith(".fa") and ".GRCh38" in name:
            for header, seq in sim.read_fasta(os.path.join(DATA, name)):
                chrom, span = header.split(":")
                out.append((chrom, int(span.split("-")[0]), seq))
    return out


def build_reference(work):
    """chr1/chr3/chr7/chr12 at their GRCh38 lengths: N, with the bundled slices at their coordinates."""
    loci = sim.panel_loci()
    by_chrom = {}
    for chrom, start, seq in slices():
        if chrom not in sim.KARYO:
            continue
        by_chrom.setdefault(chrom, []).append((start, seq))
        # The reads come from the loci of ../shared/reference: the slices must hold the same bases there.
        for locus, (lstart, lseq) in loci.items():
            if sim.PANEL_LOCUS_CHROM[locus] != chrom or locus == "ABCB1_locus":  # ABCB1's introns are synthetic
                continue
            a, b = max(start, lstart), min(start + len(seq), lstart + len(lseq))
            if a < b:
                assert seq[a - start:b - start] == lseq[a - lstart:b - lstart], f"slice {chrom}:{start} differs from {locus}"
    path = os.path.join(work, "panel-ref.fa")
    width, chunk = 60, 60 * 100000
    with open(path, "wb") as f:
        for chrom in sim.KARYO:
            length = sim.CHROM_LEN["GRCh38"][chrom]
            f.write(f">{chrom}\n".encode())
            for c0 in range(0, length, chunk):
                c1 = min(length, c0 + chunk)
                buf = bytearray(b"N" * (c1 - c0))
                for start, seq in by_chrom.get(chrom, []):
                    a, b = max(start - 1, c0), min(start - 1 + len(seq), c1)
                    if a < b:
                        buf[a - c0:b - c0] = seq[a - start + 1:b - start + 1].encode()
                f.write(b"\n".join(bytes(buf[i:i + width]) for i in range(0, len(buf), width)) + b"\n")
    run(f"samtools faidx {path}")
    return path


def extra_snvs(targets, hotspots):
    """One non-hotspot SNV per targeted exon (a third into it), MIN_GAP from every hotspot base."""
    rot = {"A": "C", "C": "G", "G": "T", "T": "A"}
    loci = sim.panel_loci()
    near = {p + i for (_, p, r, _) in hotspots for i in range(-MIN_GAP, len(r) + MIN_GAP)}
    out = {}
    for gene, exon, ts, te in targets:
        locus = f"{gene}_locus"
        start, seq = loci[locus]
        p = ts + sim.FLANK + (te - ts - 2 * sim.FLANK) // 3
        while p in near:
            p += 1
        out[f"{gene}_e{exon}_snv"] = (locus, p, seq[p - start], rot[seq[p - start]])
    return out


def g2t_calls(g2t, bam, work):
    return callsets.g2t_calls(g2t, bam, work, chrom=True)


def bcftools_calls(bam, bed, ref, work, min_bq, min_mapq, baq=True):
    return callsets.bcftools_calls(bam, bed, ref, work, min_bq, min_mapq, baq, chrom=True)


def freebayes_calls(bam, bed, ref, work, min_bq, min_mapq, min_qual):
    return callsets.freebayes_calls(bam, bed, ref, work, min_bq, min_mapq, min_qual, chrom=True)


def rows(work, g2t, min_bq, min_mapq, min_qual, quick=False):
    """Markdown lines: recall per gene and VAF, precision per gene, for every tool."""
    depths, vafs = (DEPTHS[:1], [0.02, 0.10]) if quick else (DEPTHS, VAFS)
    if "--panel-depths" in sys.argv:  # e.g. `--panel-depths 500` on a loaded machine
        depths = [int(d) for d in sys.argv[sys.argv.index("--panel-depths") + 1].split(",")]
    ref = build_reference(work)
    sim.write_loci(work, with_offtarget=True)
    run(f"bwa index {work}/loci-ot.fa 2>/dev/null")
    targets = sim.panel_targets(SPEC)
    bed = os.path.join(work, "panel-targets.bed")
    with open(bed, "w") as f:
        for g, e, s, t in targets:
            f.write(f"{sim.PANEL_LOCUS_CHROM[g + '_locus']}\t{s - 1}\t{t}\n")
    gene_of = lambda chrom, p: next((g for g, e, s, t in targets
                                     if sim.PANEL_LOCUS_CHROM[g + "_locus"] == chrom and s <= p <= t), None)
    extras = extra_snvs(targets, [sim.V[n] for n in SET_A + SET_B])
    sim.V.update(extras)
    tools = ["g2t", "bcftools", "bcftools -B", "freebayes", "freebayes any QUAL"]
    recall = {t: {} for t in tools}      # recall[tool][(gene, vaf)] = [found, total]
    prec = {t: {} for t in tools}        # prec[tool][gene] = [true, false]
    missed = {t: {} for t in tools}      # missed[tool][variant] = [vaf, ...]
    index = 0
    for depth in depths:
        for vaf in vafs:
            hot = SET_A if index % 2 == 0 else SET_B
            carried = hot + list(extras)
            name = f"panel-acc-{depth}-{vaf * 100:g}"
            comps = []
            for g in GENES:
                locus = f"{g}_locus"
                comps += [(locus, 1 - vaf, []), (locus, vaf, [v for v in carried if sim.V[v][0] == locus])]
            sim.PANEL_SAMPLES[name] = sim._ps(name.upper(), 3000 + index, depth, SPEC, comps, "", "accuracy benchmark")
            index += 1
            sim.simulate_panel(name, work)
            bam = os.path.join(work, name + ".bam")
            run(f"cd {work} && bwa mem -t 2 -v 1 -R '@RG\\tID:{name}\\tSM:{name}' loci-ot.fa {name}_1.fq {name}_2.fq 2>/dev/null"
                f" | python3 {ROOT}/TestData/scripts/simulate.py shift GRCh38 panel | samtools sort -@2 -o {bam} - && samtools index {bam}")
            truth = {v: (sim.PANEL_LOCUS_CHROM[sim.V[v][0]],) + sim.V[v][1:] for v in carried}
            expected = {(c,) + atom for (c, p, r, a) in truth.values() for atom in atomize(p, r, a)}
            fb, fb_all = freebayes_calls(bam, bed, ref, work, min_bq, min_mapq, min_qual)
            found = {"g2t": g2t_calls(g2t, bam, work),
                     "bcftools": bcftools_calls(bam, bed, ref, work, min_bq, min_mapq),
                     "bcftools -B": bcftools_calls(bam, bed, ref, work, min_bq, min_mapq, baq=False),
                     "freebayes": fb, "freebayes any QUAL": fb_all}
            for t in tools:
                for v, (c, p, r, a) in truth.items():
                    hit = all((c,) + atom in found[t] for atom in atomize(p, r, a))
                    cell = recall[t].setdefault((v.split("_")[0], vaf), [0, 0])
                    cell[0] += hit
                    cell[1] += 1
                    if not hit:
                        missed[t].setdefault(v, []).append(f"{depth}x/{vaf * 100:g}%")
                for call in found[t]:
                    g = gene_of(call[0], call[1])
                    if g:
                        prec[t].setdefault(g, [0, 0])[0 if call in expected else 1] += 1
            print(f"  {name}: " + ", ".join(
                f"{t} {sum(all((c,) + x in found[t] for x in atomize(p, r, a)) for (c, p, r, a) in truth.values())}/{len(truth)}"
                for t in tools), file=sys.stderr)
            for f in os.listdir(work):
                if f.startswith(name):
                    os.remove(os.path.join(work, f))
    lines = ["| gene | VAF | " + " | ".join(f"{t} recall" for t in tools) + " |", "|---|---|" + "---|" * len(tools)]
    for g in GENES:
        for vaf in vafs:
            cells = [f"{100 * f_ / n:.0f}% ({f_}/{n})" for f_, n in (recall[t][(g, vaf)] for t in tools)]
            lines.append(f"| {g} | {vaf * 100:g}% | " + " | ".join(cells) + " |")
    lines += ["", "| gene | " + " | ".join(f"{t} precision" for t in tools) + " |", "|---|" + "---|" * len(tools)]
    for g in GENES:
        cells = []
        for t in tools:
            tp, fp = prec[t].get(g, [0, 0])
            cells.append(f"{100 * tp / (tp + fp):.0f}% ({tp}/{tp + fp})" if tp + fp else "no calls")
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Missed hotspots (depth/VAF): " + "; ".join(
        f"{t}: " + (", ".join(f"{v} {' '.join(m)}" for v, m in sorted(missed[t].items()) if not v.endswith("_snv")) or "none")
        for t in tools) + ".")
    lines.append(f"Depths {', '.join(map(str, depths))}x; {len(depths) * len(vafs)} samples, hotspot sets A and B alternating;"
                 f" every tool with base quality >= {min_bq} and mapping quality >= {min_mapq}; bcftools with BAQ and"
                 f" without (-B); freebayes calls kept at QUAL >= {min_qual} (its documented hard filter) and, for reference, all"
                 f" of them (\"freebayes any QUAL\").")
    return lines
