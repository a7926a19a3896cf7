#!/usr/bin/env python3
"""Accuracy of g2t's caller against bcftools and freebayes on generated truth sets (fixed seeds).

For every depth (200, 500, 1000, 2000x) and allele fraction (1, 2, 5, 10, 20, 50%) one sample is
simulated over EGFR exons 18-21 (the reads, alignment and coordinates as in TestData), carrying at
that fraction: 8 SNVs, 2 hotspot SNVs (L858R, T790M), an MNV, the exon 19 deletion
c.2235_2249del and the exon 20 insertion c.2300_2308dup. Each tool's calls are normalised
(left-aligned, multi-allelic records split) and broken into single-base changes where ref and alt
have equal length, so an MNV counts as found only when every changed base is; then recall (by
class and fraction) and false positives (calls in the targets that are not in the truth) are
counted. The artefact traps of TestData (one strand, read ends, orientation, low base quality,
duplicates, low mapping quality) count as false positives for a tool that passes them.

Tools, each with g2t's base and mapping quality minima (20 and 20, CallingParameters.minBaseQuality
and minMappingQuality): g2t call; bcftools mpileup -q 20 -Q 20 -d 10000 -a AD,DP | bcftools call
-mv, with BAQ (bcftools' default) and without it (mpileup -B); freebayes --pooled-continuous
--min-alternate-fraction 0.01 --min-base-quality 20 --min-mapping-quality 20, keeping calls with
QUAL >= 20 (freebayes sets no FILTER of its own; QUAL 20 is its documented common hard filter).
usage: accuracy-benchmark.py [--quick] [--write-docs]
[--ffpe-only] [--ffpe-extra N]: FFPE-like samples (scripts/accuracy_ffpe.py) get their own table.
[--panel-only] [--panel-depths D,...]: the KRAS/NRAS/BRAF/MET/PIK3CA rows (scripts/accuracy_panel.py) get their own table.
"""
import json
import os
import sys
import shutil
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "TestData", "scripts"))
import simulate as sim  # noqa: E402
import callsets  # noqa: E402
from callsets import atomize, run  # noqa: E402

G2T = os.environ.get("G2T", os.path.join(ROOT, ".build", "release", "g2t"))
REF_GZ = os.path.join(ROOT, "TestData", "ref", "chr7.panel.GRCh38.fa.gz")
DEPTHS = [200, 500, 1000, 2000]
VAFS = [0.01, 0.02, 0.05, 0.10, 0.20, 0.50]
EXONS = {("EGFR", 18), ("EGFR", 19), ("EGFR", 20), ("EGFR", 21)}


def truth_variants():
    """The benchmark's variants: name -> (locus, pos, ref, alt, class)."""
    egfr_start, egfr = sim.loci()["EGFR_locus"]
    base = lambda p: egfr[p - egfr_start]
    rot = {"A": "C", "C": "G", "G": "T", "T": "A"}
    cds = {e: (s + 20, t - 20) for g, e, s, t in sim.targets(exons=EXONS)}  # targets are CDS +-20
    picks = {18: [30, 60], 19: [10, 90], 20: [120, 150], 21: [30, 90]}
    out = {}
    for exon, offsets in picks.items():
        for k, off in enumerate(offsets):
            p = cds[exon][0] + off
            out[f"snv_e{exon}_{k}"] = ("EGFR_locus", p, base(p), rot[base(p)], "SNV")
    for name in ("L858R", "T790M"):
        locus, p, r, a = sim.V[name]
        out[name] = (locus, p, r, a, "hotspot SNV")
    p = cds[18][0] + 90
    out["mnv_e18"] = ("EGFR_locus", p, base(p) + base(p + 1), rot[base(p)] + rot[base(p + 1)], "MNV")
    locus, p, r, a = sim.V["E746_A750del"]
    out["E746_A750del"] = (locus, p, r, a, "exon 19 deletion")
    out["ex20ins"] = ("EGFR_locus", 55181305, "A", "ATGGCCAGCG", "exon 20 insertion")
    return out


def vcf_calls(path, work):
    return callsets.vcf_calls(path, REF_GZ, work)


def g2t_calls(bam, work):
    return callsets.g2t_calls(G2T, bam, work)


# g2t's defaults (CallingParameters.minBaseQuality, minMappingQuality), given to every tool.
MIN_BQ, MIN_MAPQ = 20, 20
# freebayes writes every candidate; QUAL >= 20 is the usual hard filter on its output.
FREEBAYES_MIN_QUAL = 20


def bcftools_calls(bam, bed, work, baq=True):
    return callsets.bcftools_calls(bam, bed, REF_GZ, work, MIN_BQ, MIN_MAPQ, baq)


def freebayes_calls(bam, bed, plain_ref, work):
    return callsets.freebayes_calls(bam, bed, plain_ref, work, MIN_BQ, MIN_MAPQ, FREEBAYES_MIN_QUAL)[0]


def write_docs_block(tag, table, heading):
    """Replaces the `<!-- TAG:begin/end -->` block of docs/benchmarks.md with `table`, or appends it under `heading`."""
    doc = os.path.join(ROOT, "docs", "benchmarks.md")
    text = open(doc).read()
    begin, end = f"<!-- {tag}:begin -->", f"<!-- {tag}:end -->"
    block = f"{begin}\n{table}\n{end}"
    if begin in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text += f"\n{heading}\n\n{block}\n"
    open(doc, "w").write(text)


def ffpe_table(work, plain_ref):
    """The FFPE rows (accuracy_ffpe.py), written to their own block of docs/benchmarks.md."""
    import accuracy_ffpe
    extra = int(sys.argv[sys.argv.index("--ffpe-extra") + 1]) if "--ffpe-extra" in sys.argv else 4
    callers = {"g2t": lambda bam, bed: g2t_calls(bam, work), "bcftools": lambda bam, bed: bcftools_calls(bam, bed, work),
               "freebayes": lambda bam, bed: freebayes_calls(bam, bed, plain_ref, work)}
    table = "\n".join(accuracy_ffpe.rows(work, plain_ref, callers, extra))
    print(table)
    if "--write-docs" in sys.argv:
        write_docs_block("accuracy-ffpe", table,
                         "## FFPE damage accuracy\n\nCommand: `make bench-accuracy` (scripts/accuracy_ffpe.py).")


def panel_table(work):
    """The panel-gene rows (accuracy_panel.py), written to their own block of docs/benchmarks.md."""
    import accuracy_panel
    table = "\n".join(accuracy_panel.rows(work, G2T, MIN_BQ, MIN_MAPQ, FREEBAYES_MIN_QUAL, quick="--quick" in sys.argv))
    print(table)
    if "--write-docs" in sys.argv:
        write_docs_block("accuracy-panel", table,
                         "## Calling accuracy on KRAS, NRAS, BRAF, MET and PIK3CA\n\nCommand: `make bench-accuracy`"
                         " (scripts/accuracy_panel.py; `python3 scripts/accuracy-benchmark.py --panel-only --write-docs` runs just"
                         " these).")


def main():
    if "--panel-only" in sys.argv:
        work = tempfile.mkdtemp(prefix="g2t-accuracy-panel-")
        try:
            panel_table(work)
        finally:
            cleanup(work)
        return
    quick = "--quick" in sys.argv
    depths, vafs = (DEPTHS[:2], [0.05, 0.2]) if quick else (DEPTHS, VAFS)
    work = tempfile.mkdtemp(prefix="g2t-accuracy-")
    try:
        run_all(work, depths, vafs)
    finally:
        cleanup(work)


def cleanup(work):
    """The work folder holds a 752 MB panel FASTA and every BAM: removed unless G2T_KEEP_WORK is set."""
    if os.environ.get("G2T_KEEP_WORK"):
        print(f"work files kept in {work}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)


def run_all(work, depths, vafs):
    bed = os.path.join(work, "targets.bed")
    with open(bed, "w") as f:
        for g, e, s, t in sim.targets(exons=EXONS):
            f.write(f"chr7\t{s - 1}\t{t}\n")
    in_targets = lambda p: any(s <= p <= t for g, e, s, t in sim.targets(exons=EXONS))
    plain_ref = os.path.join(work, "chr7.fa")
    run(f"bgzip -dc {REF_GZ} > {plain_ref} && samtools faidx {plain_ref}")
    sim.write_loci(work)
    run(f"bwa index {work}/loci.fa 2>/dev/null")
    ffpe_table(work, plain_ref)
    if "--ffpe-only" in sys.argv:
        return
    panel_table(work)
    truth = truth_variants()
    for name, (locus, p, r, a, cls) in truth.items():
        sim.V[name] = (locus, p, r, a)
    tools = ["g2t", "bcftools", "bcftools -B", "freebayes"]
    # recall[tool][class][vaf] = [found, total]; fp[tool] = count; traps[tool] = passed traps
    recall = {t: {} for t in tools}
    fp = {t: 0 for t in tools}
    # precision[tool][kind][vaf] = [true calls, false calls]; kind: "SNV/MNV" or "indel"
    precision = {t: {} for t in tools}
    target_bp = sum(t - s + 1 for g, e, s, t in sim.targets(exons=EXONS))
    for depth in depths:
        for vaf in vafs:
            name = f"acc-{depth}-{int(vaf * 100)}"
            sim.SAMPLES[name] = (name, 1000 + depth + int(vaf * 100), depth, EXONS,
                                 [("EGFR_locus", 1 - vaf, []), ("EGFR_locus", vaf, list(truth))])
            sim.simulate(name, work)
            bam = os.path.join(work, name + ".bam")
            run(f"cd {work} && bwa mem -t 2 -v 1 -R '@RG\\tID:{name}\\tSM:{name}' loci.fa {name}_1.fq {name}_2.fq 2>/dev/null"
                f" | python3 {ROOT}/TestData/scripts/simulate.py shift GRCh38 chr7 | samtools sort -@2 -o {bam} - && samtools index {bam}")
            expected = {}
            for n, (locus, p, r, a, cls) in truth.items():
                for atom in atomize(p, r, a):
                    expected[atom] = (n, cls)
            found = {"g2t": g2t_calls(bam, work), "bcftools": bcftools_calls(bam, bed, work),
                     "bcftools -B": bcftools_calls(bam, bed, work, baq=False),
                     "freebayes": freebayes_calls(bam, bed, plain_ref, work)}
            for t in tools:
                calls = found[t]
                for n, (locus, p, r, a, cls) in truth.items():
                    hit = all(atom in calls for atom in atomize(p, r, a))
                    cell = recall[t].setdefault(cls, {}).setdefault(vaf, [0, 0])
                    cell[0] += hit
                    cell[1] += 1
                fp[t] += sum(1 for c in calls if c not in expected and in_targets(c[0]))
                for c in calls:
                    if not in_targets(c[0]):
                        continue
                    kind = "SNV/MNV" if len(c[1]) == len(c[2]) else "indel"
                    cell = precision[t].setdefault(kind, {}).setdefault(vaf, [0, 0])
                    cell[0 if c in expected else 1] += 1
            print(f"  {name}: " + ", ".join(f"{t} {sum(all(x in found[t] for x in atomize(p, r, a)) for (l, p, r, a, c) in truth.values())}/{len(truth)}" for t in tools), file=sys.stderr)
    traps = {t: [] for t in tools}
    for kind in ["strand", "readend", "orientation", "lowbq", "dup", "lowmapq"]:
        bam = os.path.join(ROOT, "TestData", "samples", f"trap-{kind}.bam")
        trap_bed = os.path.join(work, "trap.bed")
        open(trap_bed, "w").write("chr7\t55191700\t55191900\n")
        for t, calls in (("g2t", g2t_calls(bam, work)), ("bcftools", bcftools_calls(bam, trap_bed, work)),
                         ("bcftools -B", bcftools_calls(bam, trap_bed, work, baq=False)),
                         ("freebayes", freebayes_calls(bam, trap_bed, plain_ref, work))):
            if any(c[0] == 55191850 for c in calls):
                traps[t].append(kind)

    lines = ["| class | VAF | " + " | ".join(f"{t} recall" for t in tools) + " |", "|---|---|" + "---|" * len(tools)]
    classes = list(dict.fromkeys(cls for (_, _, _, _, cls) in truth.values()))
    for cls in classes:
        for vaf in vafs:
            cells = []
            for t in tools:
                f_, n = recall[t][cls][vaf]
                cells.append(f"{100 * f_ / n:.0f}% ({f_}/{n})")
            lines.append(f"| {cls} | {vaf * 100:g}% | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| calls | VAF | " + " | ".join(f"{t} precision" for t in tools) + " |")
    lines.append("|---|---|" + "---|" * len(tools))
    for kind in ("SNV/MNV", "indel"):
        for vaf in vafs:
            cells = []
            for t in tools:
                tp, fp_ = precision[t].get(kind, {}).get(vaf, [0, 0])
                cells.append(f"{100 * tp / (tp + fp_):.0f}% ({tp}/{tp + fp_})" if tp + fp_ else "no calls")
            lines.append(f"| {kind} | {vaf * 100:g}% | " + " | ".join(cells) + " |")
    total_kb = target_bp * len(depths) * len(vafs) / 1000
    lines.append("")
    lines.append(f"False positives in the targets ({total_kb:.0f} kb of target over all truth sets): " +
                 ", ".join(f"{t} {fp[t]} ({fp[t] / total_kb * 100:.1f} per 100 kb)" for t in tools) + ".")
    lines.append("Artefact traps passed (should be none): " +
                 "; ".join(f"{t}: {', '.join(traps[t]) or 'none'}" for t in tools) + ".")
    lines.append(f"Depths {', '.join(map(str, depths))}x (reads, before mates are merged); each cell pools those depths.")
    lines.append(f"Every tool ran with base quality >= {MIN_BQ} and mapping quality >= {MIN_MAPQ}; bcftools with BAQ (default) and"
                 f" without (-B); freebayes calls kept at QUAL >= {FREEBAYES_MIN_QUAL}.")
    table = "\n".join(lines)
    print(table)
    if "--write-docs" in sys.argv:
        doc = os.path.join(ROOT, "docs", "benchmarks.md")
        text = open(doc).read()
        begin, end = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"
        block = f"{begin}\n{table}\n{end}"
        if begin in text:
            text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
        else:
            text += f"\n## Calling accuracy\n\nCommand: `make bench-accuracy` (scripts/accuracy-benchmark.py).\n\n{block}\n"
        open(doc, "w").write(text)


if __name__ == "__main__":
    main()
