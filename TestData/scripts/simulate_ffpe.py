#!/usr/bin/env python3
"""FFPE-like test samples on the real EGFR sequence (exons 18-21, ~1000x), built with simulate.py's
functions (loci, targets, apply, shift_sam, base_at) and art_illumina reads, then damaged per
fragment after alignment:

  - damage: every C (C>T) and, for oxidation samples, G (G>T) of the simulated windows gets a site
    damage fraction drawn uniformly from the sample's range (1-5%); the T790M (c.2369C>T) and G719S
    (c.2155G>A) hotspot sites get the top of the range. A damaged fragment shows the change in both
    mates; LEAD (90%, not 100%) of the damage sits in one pair orientation: C>T in F1R2 pairs (G>A,
    the same lesion on the other strand, in F2R1 pairs), G>T in F2R1 pairs (C>A in F1R2 pairs).
    Damaged bases keep a high base quality (at least Q37).
  - true SNVs at 2%, 5% and 20% on separate haplotypes (several are C>T or G>A);
  - near-threshold traps: a damage-like C>T whose fragments are 80% (not 90-100%) F1R2 (must be
    filtered); a true C>T at 5% on a site that also carries damage at the top of the range, so its
    fragments are a mixture (~70% F1R2, must pass: real alleles are not free of damage); an A>C on
    ~91% forward reads (strand artefact, must be filtered); an A>C on ~71% forward reads (must pass).

Usage: simulate_ffpe.py reads SAMPLE OUT_DIR | simulate_ffpe.py damage SAMPLE < locus.sam > damaged.sam
       simulate_ffpe.py truth SAMPLE > truth.vcf (true variants, KIND=snv|trap-true)
       simulate_ffpe.py artefacts SAMPLE > artefacts.vcf (sites that must not pass: traps, damaged hotspots)
       simulate_ffpe.py rate SAMPLE (the simulated mean damage fraction per site, per artefact)
"""
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simulate as sim  # noqa: E402  (reused, not rewritten)

EXONS = {("EGFR", e) for e in (18, 19, 20, 21)}
# Simulated bases beyond each target: at least the fragment length (250), as capture fragments reach
# past the baits, so every target base is read on both strands and in both pair orientations (with
# 100, bases near the target ends were read on one strand only, where no strand trap can work).
WINDOW = 250
LEAD = 0.9        # share of damaged fragments in the artefact's orientation
HOTSPOTS = {"T790M": 55181378, "G719S": 55174014}  # GRCh38, C and G (hotspots.tsv)
COMP = {"A": "T", "C": "G", "G": "C", "T": "A"}

# sample -> read-group name, seed, depth, damage {artefact: (low, high)}
FFPE = {
    "ffpe-deam": ("FFPE-DEAM", 201, 1000, {"deamination": (0.01, 0.05)}),
    "ffpe-oxo": ("FFPE-OXO", 202, 1000, {"deamination": (0.005, 0.02), "oxidation": (0.01, 0.05)}),
}
# True SNVs by VAF, as (ref, alt) kinds; positions are drawn per sample from the coding targets.
TRUE = {0.02: [("C", "T"), ("G", "A"), ("A", "G"), ("T", "G")],
        0.05: [("C", "T"), ("G", "A"), ("T", "C"), ("A", "C")],
        0.20: [("C", "T"), ("A", "G")]}
# Traps: name -> (ref, alt, edit): 'orient' keeps the allele in F2R1 fragments with probability p;
# 'strand' keeps it on reverse reads with probability p. All start from a 5% haplotype.
TRAPS = {"TRAP_DAMAGE80": ("C", "T", "orient", 0.25, False), "TRUE_ON_DAMAGE": ("C", "T", "damaged", 1.0, True),
         "TRAP_STRAND91": ("A", "C", "strand", 0.10, False), "TRUE_STRAND71": ("A", "C", "strand", 0.40, True)}


def windows():
    """GRCh38 (start, end) of the simulated windows, and of the targets."""
    t = sim.targets(exons=EXONS)
    return [(s - WINDOW, e + WINDOW) for _, _, s, e in t], [(s, e) for _, _, s, e in t]


def egfr():
    start, seq = sim.loci()["EGFR_locus"]
    return start, seq


def design(sample):
    """{name: (pos, ref, alt, vaf, kind)} for the sample's true SNVs and traps (deterministic)."""
    _, seed, _, _ = FFPE[sample]
    start, seq = egfr()
    _, tg = windows()
    rng = random.Random(seed)
    taken = set(HOTSPOTS.values())
    out = {}

    def pick(ref):
        while True:
            s, e = rng.choice(tg)
            p = rng.randint(s + 25, e - 25)
            if seq[p - start] == ref and all(abs(p - q) > 5 for q in taken):
                taken.add(p)
                return p
    for vaf, kinds in TRUE.items():
        for i, (r, a) in enumerate(kinds):
            out[f"SNV{int(vaf * 100)}_{i}"] = (pick(r), r, a, vaf, "snv")
    for name, (r, a, _, _, true) in TRAPS.items():
        out[name] = (pick(r), r, a, 0.05, "trap-true" if true else "trap-artefact")
    return out


def site_damage(sample):
    """{(grch38 pos, ref base): fraction}: damaged sites and their damage fraction."""
    _, seed, _, dmg = FFPE[sample]
    start, seq = egfr()
    win, _ = windows()
    rng = random.Random(seed * 7 + 1)
    mixed = {v[0] for n, v in design(sample).items() if TRAPS.get(n, ("", "", ""))[2] == "damaged"}
    avoid = {p for p, *_ in design(sample).values()} - mixed
    bases = {"deamination": ("C", "G"), "oxidation": ("G", "C")}
    out = {}
    for s, e in win:
        for p in range(s, e + 1):
            b = seq[p - start]
            for art, (lo, hi) in sorted(dmg.items()):
                if b in bases[art] and p not in avoid:
                    out[(p, art)] = hi if p in HOTSPOTS.values() or p in mixed else rng.uniform(lo, hi)
    return out


def reads(sample, out_dir):
    """art_illumina reads of the windows: a reference haplotype and haplotypes at 2%, 5% and 20%."""
    _, seed, depth, _ = FFPE[sample]
    start, seq = egfr()
    win, _ = windows()
    d = design(sample)
    comps = [(0.73, [])] + [(vaf, [n for n, v in d.items() if v[3] == vaf]) for vaf in (0.02, 0.05, 0.20)]
    r1 = open(os.path.join(out_dir, f"{sample}_1.fq"), "w")
    r2 = open(os.path.join(out_dir, f"{sample}_2.fq"), "w")
    for ci, (share, names) in enumerate(comps):
        hap = list(seq)
        for n in names:
            p, r, a, _, _ = d[n]
            assert hap[p - start] == r, n
            hap[p - start] = a
        fa = os.path.join(out_dir, f"{sample}.c{ci}.fa")
        with open(fa, "w") as f:
            for k, (s, e) in enumerate(win):
                f.write(f">c{ci}_w{k}\n{''.join(hap[s - start:e - start + 1])}\n")
        prefix = os.path.join(out_dir, f"{sample}.c{ci}.")
        subprocess.run(["art_illumina", "-q", "-ss", "HS25", "-i", fa, "-p", "-l", "100", "-f", str(depth * share),
                        "-m", "250", "-s", "30", "-rs", str(seed * 100 + ci), "-na", "-o", prefix],
                       check=True, stdout=subprocess.DEVNULL)
        for src, dst in ((prefix + "1.fq", r1), (prefix + "2.fq", r2)):
            with open(src) as f:
                dst.write(f.read())
            os.remove(src)
        os.remove(fa)
    r1.close()
    r2.close()


def covered(f):
    """{locus position: query index} of a SAM record's aligned bases."""
    out, ref, q = {}, int(f[3]), 0
    import re
    for n, op in re.findall(r"(\d+)([MIDNSHP=X])", f[5]):
        n = int(n)
        if op in "M=X":
            for i in range(n):
                out[ref + i] = q + i
            ref += n
            q += n
        elif op in "IS":
            q += n
        elif op in "DN":
            ref += n
    return out


def damage(sample):
    """Damages the name-grouped locus SAM on stdin per fragment, then edits the traps."""
    _, seed, _, _ = FFPE[sample]
    start, seq = egfr()
    sites = site_damage(sample)
    traps = {d[0]: (n, d) for n, d in design(sample).items() if n in TRAPS}
    rng = random.Random(seed * 13 + 5)
    # artefact -> (reference base, alt, orientation the C/G-strand change is read in: F1R2?)
    kinds = {("deamination", "C"): ("T", True), ("deamination", "G"): ("A", False),
             ("oxidation", "G"): ("T", False), ("oxidation", "C"): ("A", True)}
    pending = []

    def flush(group):
        recs = [l.rstrip("\n").split("\t") for l in group]
        mapped = [f for f in recs if not int(f[1]) & 0x4 and f[2] == "EGFR_locus"]
        r1 = next((f for f in mapped if int(f[1]) & 0x40), None)
        f1r2 = r1 is not None and not int(r1[1]) & 0x10
        cov = [(f, covered(f)) for f in mapped]
        positions = set().union(*[set(c) for _, c in cov]) if cov else set()
        for lp in sorted(positions):
            g = start - 1 + lp
            ref = seq[lp - 1]
            for art in ("deamination", "oxidation"):
                frac = sites.get((g, art))
                if frac is None or (art, ref) not in kinds:
                    continue
                alt, lead_f1r2 = kinds[(art, ref)]
                p = 2 * frac * (LEAD if f1r2 == lead_f1r2 else 1 - LEAD)
                if rng.random() < p:
                    for f, c in cov:
                        q = c.get(lp)
                        if q is not None and f[9][q] == ref:
                            f[9] = f[9][:q] + alt + f[9][q + 1:]
                            f[10] = f[10][:q] + max(f[10][q], "F") + f[10][q + 1:]
            if g in traps:
                name, (_, ref_b, alt_b, _, _) = traps[g]
                _, _, edit, keep, _ = TRAPS[name]
                carriers = [(f, c[lp]) for f, c in cov if lp in c and f[9][c[lp]] == alt_b]
                if edit == "orient" and carriers and not f1r2 and rng.random() >= keep:
                    for f, q in carriers:
                        f[9] = f[9][:q] + ref_b + f[9][q + 1:]
                if edit == "strand":
                    for f, q in carriers:
                        if int(f[1]) & 0x10 and rng.random() >= keep:
                            f[9] = f[9][:q] + ref_b + f[9][q + 1:]
        for f in recs:
            sys.stdout.write("\t".join(f) + "\n")

    for line in sys.stdin:
        if line.startswith("@"):
            sys.stdout.write(line)
            continue
        name = line.split("\t", 1)[0]
        if pending and pending[0].split("\t", 1)[0] != name:
            flush(pending)
            pending = []
        pending.append(line)
    if pending:
        flush(pending)


def header():
    print("##fileformat=VCFv4.3")
    print(f"##contig=<ID=chr7,length={sim.CHR7_LEN['GRCh38']},assembly=GRCh38>")
    print('##INFO=<ID=AF,Number=A,Type=Float,Description="Simulated allele fraction (before trap edits)">')
    print('##INFO=<ID=NAME,Number=1,Type=String,Description="Variant name">')
    print('##INFO=<ID=KIND,Number=1,Type=String,Description="snv, trap-true, trap-artefact or damage-hotspot">')
    print("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")


def truth(sample, artefacts=False):
    header()
    rows = [(p, r, a, v, n, k) for n, (p, r, a, v, k) in design(sample).items()
            if (k == "trap-artefact") == artefacts]
    if artefacts:
        sites = site_damage(sample)
        for n, p in HOTSPOTS.items():
            for art, (r, a) in (("deamination", ("C", "T") if n == "T790M" else ("G", "A")),):
                if (p, art) in sites:
                    rows.append((p, r, a, sites[(p, art)], f"{n}_damage", "damage-hotspot"))
    for p, r, a, v, n, k in sorted(rows):
        print(f"chr7\t{p}\t.\t{r}\t{a}\t.\tPASS\tAF={v:.3f};NAME={n};KIND={k}")


def rate(sample):
    """Mean simulated damage fraction per site, per artefact (what the damage model should learn)."""
    sites = site_damage(sample)
    for art in sorted({a for _, a in sites}):
        v = [f for (_, a), f in sites.items() if a == art]
        print(f"{art}\t{sum(v) / len(v):.4f}\t{len(v)} sites")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "reads":
        reads(sys.argv[2], sys.argv[3])
    elif cmd == "damage":
        damage(sys.argv[2])
    elif cmd == "truth":
        truth(sys.argv[2])
    elif cmd == "artefacts":
        truth(sys.argv[2], artefacts=True)
    elif cmd == "rate":
        rate(sys.argv[2])
    elif cmd == "rg":
        print(FFPE[sys.argv[2]][0])
    else:
        sys.exit(__doc__)
