"""Artefact traps on the panel genes (issue 18): the EGFR traps of `make bench-accuracy`, at KRAS and BRAF hotspots.

Imported by accuracy-benchmark.py (`--panel-traps-only` runs just these, in a few minutes; `--panel-only` runs them
after the panel rows). Hotspots pass on less evidence than other sites (hotspotMinAltFragments, hotspotMinVAF), so an
artefact at a hotspot is the hard case. Two generated samples (TestData/scripts/simulate.py panel path, fixed seeds,
~400x): A = KRAS G12D 15% + BRAF V600E 15% (KRAS exon 2, BRAF exon 15); B = BRAF V600K 20% (the 2-base MNV). Their
reads carrying the hotspot allele are turned into each artefact kind by simulate.py's `trap()` (the same code that
makes TestData's EGFR traps): strand (forward reads only), readend (allele only within 15 bases of a read end),
orientation (F1R2 only), lowbq (base quality 2), dup (flagged duplicates), lowmapq (mapping quality 3), and "mostly"
versions (two carrying reads in three artefactual, the third untouched). A near-threshold pair on strand: strand85 and
strand95 keep 85% / 95% of the carrying reads on the forward strand (the rest reverse). "none" is the untouched sample:
every tool should PASS it, so a trap's "-" is the filter at work, not a missed allele.
Scored as the EGFR traps: a PASS call of a tool on any base of the hotspot site.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "TestData", "scripts"))
import simulate as sim  # noqa: E402
import callsets  # noqa: E402
from callsets import run  # noqa: E402

DEPTH = 400  # as the committed panel samples (TestData/samples/*-v600e etc.)
SAMPLES = {
    # name: (seed, targets, [(variant, VAF)])
    "panel-trap-a": (3101, [("KRAS", 2), ("BRAF", 15)], [("KRAS_G12D", 0.15), ("BRAF_V600E", 0.15)]),
    "panel-trap-b": (3102, [("BRAF", 15)], [("BRAF_V600K", 0.20)]),
}
SNV_KINDS = ["none", "strand", "readend", "orientation", "lowbq", "dup", "lowmapq",
             "mostlystrand", "mostlyreadend", "mostlyorientation", "mostlydup", "mostlylowmapq", "strand85", "strand95"]
MNV_KINDS = ["none", "strand", "mostlystrand", "lowbq", "strand85", "strand95"]
# A full artefact (every carrying read) should pass no tool; "none" should pass every tool. The mostly and
# near-threshold kinds have a real third of (or 5-15% of) the evidence left, so either outcome is reported, not scored.
FULL = {"strand", "readend", "orientation", "lowbq", "dup", "lowmapq"}


def strand_counts(sam_path, chrom, pos, ref, alt):
    """(forward, reverse) reads carrying ALT at the site, and the MAPQ/dup/BQ-eligible ones, from a SAM file."""
    fwd = rev = 0
    for line in open(sam_path):
        if line.startswith("@"):
            continue
        f = line.split("\t")
        if f[2] != chrom:
            continue
        q = sim.alt_at(f, pos, len(ref))
        if q is not None and f[9][q:q + len(alt)] == alt:
            flag = int(f[1])
            if flag & 0x400 or int(f[4]) < 20 or min(ord(c) - 33 for c in f[10][q:q + len(alt)]) < 20:
                continue
            rev += bool(flag & 0x10)
            fwd += not flag & 0x10
    return fwd, rev


def g2t_site(g2t, bam, work, chrom, pos, n):
    """g2t's record(s) at the site, whatever their filter, with its counts (altDepth/depth, per strand, lod)."""
    import json
    out = os.path.join(work, "traps-g2t.json")
    run([g2t, "call", bam, "-o", out])
    recs = []
    for v in json.load(open(out))["variants"]:
        if v["chrom"] == chrom and pos <= v["pos"] < pos + n:
            recs.append(f"{v['ref']}>{v['alt']} {v['filter']} alt {v.get('altDepth')}/{v.get('depth')}"
                        f" (fwd {v.get('altForward')}, rev {v.get('altReverse')}), lod {v.get('lod')}")
    return recs


def rows(work, g2t, callers):
    """Markdown lines: one row per (site, trap kind), a PASS cell per tool. `callers`: {tool: f(bam, bed) -> calls}."""
    sim.write_loci(work, with_offtarget=True)
    if not os.path.exists(os.path.join(work, "loci-ot.fa.bwt")):
        run(f"bwa index {work}/loci-ot.fa 2>/dev/null")
    tools = list(callers)
    lines = ["| site (VAF) | trap | carrying reads fwd/rev (usable) | " + " | ".join(tools) + " |",
             "|---|---|---|" + "---|" * len(tools)]
    passed = {t: [] for t in tools}
    failed_controls = {t: [] for t in tools}
    details = []
    for name, (seed, spec, variants) in SAMPLES.items():
        targets = sim.panel_targets(spec)
        comps = []
        for gene in dict.fromkeys(g for g, _ in spec):
            locus = f"{gene}_locus"
            carried = [(v, f) for v, f in variants if sim.V[v][0] == locus]
            vaf = carried[0][1] if carried else 0.0
            comps += [(locus, 1 - vaf, []), (locus, vaf, [v for v, _ in carried])]
        sim.PANEL_SAMPLES[name] = sim._ps(name.upper(), seed, DEPTH, spec, comps, "", "artefact traps")
        sim.simulate_panel(name, work)
        sam = os.path.join(work, name + ".sam")
        run(f"cd {work} && bwa mem -t 2 -v 1 -R '@RG\\tID:{name}\\tSM:{name}' loci-ot.fa {name}_1.fq {name}_2.fq 2>/dev/null"
            f" | python3 {ROOT}/TestData/scripts/simulate.py shift GRCh38 panel > {sam}")
        bed = os.path.join(work, name + ".bed")
        with open(bed, "w") as f:
            for g, e, s, t in targets:
                f.write(f"{sim.PANEL_LOCUS_CHROM[g + '_locus']}\t{s - 1}\t{t}\n")
        for v, vaf in variants:
            locus, pos, r, a = sim.V[v]
            chrom = sim.PANEL_LOCUS_CHROM[locus]
            site = f"{v.replace('_', ' ')} ({vaf * 100:g}%)"
            for kind in (SNV_KINDS if len(r) == 1 else MNV_KINDS):
                trapped = os.path.join(work, f"{name}-{v}-{kind}.sam")
                with open(sam) as src, open(trapped, "w") as dst:
                    if kind == "none":
                        dst.writelines(src)
                    else:
                        sim.trap(kind, pos, r, a, chrom=chrom, src=src, dst=dst)
                bam = trapped[:-4] + ".bam"
                run(f"samtools sort -@2 --no-PG -o {bam} {trapped} 2>/dev/null && samtools index {bam}")
                fwd, rev = strand_counts(trapped, chrom, pos, r, a)
                cells = []
                for t in tools:
                    calls = callers[t](bam, bed)
                    hit = any(c[0] == chrom and pos <= c[1] < pos + len(r) for c in calls)
                    cells.append("PASS" if hit else "-")
                    if kind == "none" and not hit:
                        failed_controls[t].append(v)
                    if kind in FULL and hit:
                        passed[t].append(f"{v} {kind}")
                g2t_rec = g2t_site(g2t, bam, work, chrom, pos, len(r))
                details.append(f"{v} {kind}: g2t " + ("; ".join(g2t_rec) or "no record"))
                lines.append(f"| {site} | {kind} | {fwd}/{rev} | " + " | ".join(cells) + " |")
                print(f"  {v} {kind}: fwd/rev {fwd}/{rev}: " + ", ".join(f"{t} {c}" for t, c in zip(tools, cells))
                      + f"; g2t {g2t_rec}", file=sys.stderr)
                for p in (trapped, bam, bam + ".bai"):
                    os.remove(p)
        for f in os.listdir(work):
            if f.startswith(name):
                os.remove(os.path.join(work, f))
    lines.append("")
    lines.append("Full artefact traps passed on the new genes (should be none): " +
                 "; ".join(f"{t}: {', '.join(passed[t]) or 'none'}" for t in tools) + ".")
    lines.append("Untouched controls not passed (should be none): " +
                 "; ".join(f"{t}: {', '.join(failed_controls[t]) or 'none'}" for t in tools) + ".")
    lines.append(f"Depth {DEPTH}x; reads fwd/rev = carrying reads after the trap with MAPQ >= 20, BQ >= 20, not duplicates"
                 " (both mates counted where they overlap the site).")
    return lines, details
