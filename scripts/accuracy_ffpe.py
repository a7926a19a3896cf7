"""FFPE rows of `make bench-accuracy` (imported by accuracy-benchmark.py; `--ffpe-only` runs just these).

Samples: the committed TestData/samples/ffpe BAMs, plus EXTRA generated ones (other seeds) from
TestData/scripts/simulate_ffpe.py: ~1000x over EGFR exons 18-21, C>T/G>A damage (and G>T/C>A in
the oxidation samples) at 1-5% per site with 90% in one pair orientation, damage at T790M and G719S,
true SNVs at 2%, 5% and 20%. Scored per tool (PASS calls): false positives per 100 kb of target
(calls in the targets that are not a simulated true variant), damage-driven hotspot calls (a call
of the damaged T790M or G719S allele), recall of true SNVs at >= 5% and at 2%.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "TestData", "scripts"))
import simulate as sim  # noqa: E402
import simulate_ffpe as ffpe  # noqa: E402

COMMITTED = ["ffpe-deam", "ffpe-oxo"]


def generate(name, seed, oxidation, work):
    """A further FFPE sample (not committed) into work/NAME.bam."""
    dmg = {"deamination": (0.005, 0.02), "oxidation": (0.01, 0.05)} if oxidation else {"deamination": (0.01, 0.05)}
    ffpe.FFPE[name] = (name.upper(), seed, 1000, dmg)
    ffpe.reads(name, work)
    bam = os.path.join(work, name + ".bam")
    subprocess.run(f"cd {work} && bwa mem -t 2 -v 1 -R '@RG\\tID:{name}\\tSM:{name}' loci.fa {name}_1.fq {name}_2.fq 2>/dev/null"
                   f" | python3 {ROOT}/TestData/scripts/simulate_ffpe.py damage {name}"
                   f" | python3 {ROOT}/TestData/scripts/simulate.py shift GRCh38 chr7 | samtools sort -@2 -o {bam} - && samtools index {bam}",
                   shell=True, check=True, capture_output=True)
    return bam


def rows(work, plain_ref, callers, extra=0):
    """Markdown lines of the FFPE table; callers: {tool: fn(bam, bed) -> set of (pos, ref, alt)}."""
    tg = sim.targets(exons=ffpe.EXONS)
    bed = os.path.join(work, "ffpe.bed")
    with open(bed, "w") as f:
        for _, _, s, t in tg:
            f.write(f"chr7\t{s - 1}\t{t}\n")
    in_targets = lambda p: any(s <= p <= t for _, _, s, t in tg)
    target_bp = sum(t - s + 1 for _, _, s, t in tg)
    samples = [(n, os.path.join(ROOT, "TestData", "samples", "ffpe", n + ".bam")) for n in COMMITTED]
    if extra:
        if not os.path.exists(os.path.join(work, "loci.fa.bwt")):
            sim.write_loci(work)
            subprocess.run(f"bwa index {work}/loci.fa", shell=True, check=True, capture_output=True)
        for i in range(extra):
            name = f"ffpe-bench-{i}"
            samples.append((name, generate(name, 300 + i, i % 2 == 1, work)))
    stats = {t: {"fp": 0, "hot": 0, "r5": [0, 0], "r2": [0, 0]} for t in callers}
    for name, bam in samples:
        design = ffpe.design(name)
        true = {(p, r, a) for p, r, a, _, k in design.values() if k in ("snv", "trap-true")}
        hot = {(p, "C" if n == "T790M" else "G", "T" if n == "T790M" else "A") for n, p in ffpe.HOTSPOTS.items()}
        for t, call in callers.items():
            calls = call(bam, bed)
            s = stats[t]
            s["fp"] += sum(1 for c in calls if c not in true and in_targets(c[0]))
            s["hot"] += sum(1 for c in calls if c in hot)
            for p, r, a, vaf, k in design.values():
                if k != "snv":
                    continue
                cell = s["r5"] if vaf >= 0.05 else s["r2"]
                cell[0] += (p, r, a) in calls
                cell[1] += 1
        print(f"  {name}: " + ", ".join(f"{t} fp {stats[t]['fp']}" for t in callers), file=sys.stderr)
    kb = target_bp * len(samples) / 1000
    pct = lambda c: f"{100 * c[0] / c[1]:.0f}% ({c[0]}/{c[1]})" if c[1] else "–"
    lines = [f"FFPE-like samples ({len(samples)}: {', '.join(n for n, _ in samples)}; ~1000x, EGFR exons 18-21, "
             f"{kb:.1f} kb of target in all; damage 1-5% per site, 90% in one orientation; scripts/accuracy_ffpe.py):", "",
             "| tool | false positives per 100 kb | damage-driven hotspot calls | recall VAF >= 5% | recall VAF 2% |",
             "|---|---|---|---|---|"]
    for t, s in stats.items():
        lines.append(f"| {t} | {s['fp'] / kb * 100:.0f} ({s['fp']}) | {s['hot']} | {pct(s['r5'])} | {pct(s['r2'])} |")
    return lines
