#!/usr/bin/env python3
"""Would a family-class hotspot test close g2t's gap at 0.1-0.2%? An offline evaluation (issue 16, branch
cfpeer2): nothing here is g2t's calling; it re-reads simulated cfDNA BAMs with pysam.

usage: bench-cfdna-class-test.py KIND VAF SEED BAM   (KIND VAF SEED label the rows)
       bench-cfdna-class-test.py --summary ROWS.tsv [...]   (bench-cfdna-class-eval.sh's output, per kind)
       bench-cfdna-class-test.py --self-test

Per sample: reads are grouped into families by UMI pair (strand-collapsed: "A-B" and "B-A" are one molecule)
and fragment ends; a family's two strands (read 1 forward = top) each get a consensus per reference base
(a read pair votes once; > 1/2 of its pairs must agree). Per molecule and base one class:
  duplex   both strands gave a base and agree          (errs only if both strands err alike)
  ss3      one strand only, >= 3 read pairs agreeing   (errs mainly by an early-PCR error on that strand)
  ss2      one strand only, 2 read pairs               (PCR error, or both reads erring alike)
  ss1      one strand only, a singleton                (errs by sequencing error)
(both strands present but disagreeing: no base). The background per class and strand-collapsed substitution
is the sample's own alt molecules of that class over its molecules of that class at every covered base but
the panel's SNV hotspot positions, floored by the rule of three (fewer than 3 errors counted as 3). At a
hotspot SNV the statistic is T = sum over classes of k_c * w_c, w_c = ln(1 + F0 / background_c), the log
likelihood ratio of one alt molecule of that class between a variant at F0 = 0.1% (the weakest signal the test
is built for) and error alone, and p = P(T >= t) with X_c ~ Binomial(n_c, background_c) (exact over the
classes' joint counts); called when 57 * p <= 0.05 (Bonferroni over the panel's SNV hotspots, as the
duplex tier). Prints one row per sample and bench SNV hotspot (T790M, C797S).
"""
import math
import os
import sys
from collections import Counter, defaultdict
from itertools import product

REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TestData", "ref", "chr7.panel.GRCh38.fa.gz")
SNV_HOT = {55181378: ("C", "T", "T790M"), 55181399: ("G", "C", "C797S")}
PANEL_SNV_TESTS = 57  # the panel's SNV hotspots, as DuplexHotspotTier's Bonferroni
ALPHA = 0.05          # family-wise, per sample, as the duplex tier
CLASSES = ("duplex", "ss3", "ss2", "ss1")
COMP = str.maketrans("ACGT", "TGCA")
F0 = 0.001            # the variant fraction the weights are built for: the 0.1% bin, issue 16's lowest
K_MAX = 12            # per-class alt molecules enumerated for the exact tail (more is always significant)


def collapse(ref, alt):
    """Strand-collapsed substitution: C>T and G>A are one type (reference C or T)."""
    if ref in "GA":
        return ref.translate(COMP) + ">" + alt.translate(COMP)
    return ref + ">" + alt


def families(bam_path):
    """(molecule key, strand) -> {ref pos: Counter of read-pair bases}; and the reference base per pos."""
    import pysam
    fam = defaultdict(lambda: defaultdict(Counter))
    refbase = {}
    fasta = pysam.FastaFile(REF)
    chunk = {}  # 0-based pos -> reference base, fetched per read span
    pairs = defaultdict(dict)  # read name -> {pos: base}, to vote once per pair
    with pysam.AlignmentFile(bam_path) as bam:
        for r in bam.fetch(until_eof=True):
            if r.is_unmapped or r.is_secondary or r.is_supplementary or not r.has_tag("RX"):
                continue
            u = r.get_tag("RX")
            a, _, b = u.partition("-")
            start = min(r.reference_start, r.next_reference_start)
            end = start + abs(r.template_length)
            key = (min(a, b), max(a, b), start, end)
            strand = a <= b  # which half comes first is the strand: the bottom strand's tag has them swapped
            seq = r.query_sequence
            quals = r.query_qualities
            mine = pairs[(r.query_name, key, strand)]
            if r.reference_end is None:
                continue
            if r.reference_start not in chunk or r.reference_end - 1 not in chunk:
                lo, hi = r.reference_start - 200, r.reference_end + 200
                for i, b in enumerate(fasta.fetch(r.reference_name, max(0, lo), hi).upper()):
                    chunk[max(0, lo) + i] = b
            for q, p in r.get_aligned_pairs(matches_only=True):
                if quals[q] < 20:
                    continue
                refbase[p] = chunk[p]
                base = seq[q]
                if p in mine and mine[p] != base:
                    mine[p] = "N"  # mates disagree: the pair gives no vote here
                else:
                    mine[p] = base
    for (name, key, strand), bases in pairs.items():
        f = fam[(key, strand)]
        for p, b in bases.items():
            if b != "N":
                f[p][b] += 1
    return fam, refbase


def merge_umi_errors(fam):
    """Directional adjacency (UMI-tools): a family whose UMI pair is one base from a bigger one at the same
    ends, with count <= 2 * bigger - 1... here: the bigger one by read pairs, joins it (as g2t allows one mismatch)."""
    by_ends = defaultdict(list)
    size = {}
    for (key, strand), f in fam.items():
        size[(key, strand)] = max((sum(c.values()) for c in f.values()), default=0)
        by_ends[(key[2], key[3], strand)].append(key)
    for (s, e, strand), keys in by_ends.items():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: -size[(k, strand)])
        for i, small in enumerate(keys):
            for big in keys[:i]:
                if (big, strand) not in fam or size[(big, strand)] < 2 * size[(small, strand)] - 1:
                    continue
                if sum(x != y for x, y in zip(small[0] + small[1], big[0] + big[1])) == 1:
                    for p, c in fam.pop((small, strand)).items():
                        fam[(big, strand)][p].update(c)
                    break
    return fam


def consensus(counter):
    n = sum(counter.values())
    base, k = counter.most_common(1)[0]
    return (base, n) if 2 * k > n else (None, n)


def molecules(fam):
    """pos -> list of (class, base) per molecule."""
    strands = defaultdict(dict)
    for (key, strand), f in fam.items():
        strands[key][strand] = f
    out = defaultdict(list)
    for key, s in strands.items():
        pos = set()
        for f in s.values():
            pos.update(f)
        for p in pos:
            calls = [consensus(f[p]) for f in s.values() if p in f]
            if len(calls) == 2:
                (b1, _), (b2, _) = calls
                if b1 and b1 == b2:
                    out[p].append(("duplex", b1))
            else:
                b, n = calls[0]
                if b:
                    out[p].append(("ss3" if n >= 3 else "ss2" if n == 2 else "ss1", b))
    return out


def backgrounds(mols, refbase, skip):
    errs, depth = Counter(), Counter()
    for p, ms in mols.items():
        ref = refbase.get(p)
        if p in skip or ref not in ("A", "C", "G", "T"):
            continue
        for c, b in ms:
            for alt in "ACGT":
                if alt != ref:
                    depth[(c, collapse(ref, alt))] += 1
            if b != ref:
                errs[(c, collapse(ref, b))] += 1
    # Rule of three: with fewer than 3 errors seen, 3 / depth (a 95% upper bound for 0 seen).
    return {k: max(errs[k], 3) / d for k, d in depth.items() if d > 0}


def class_test(n, k, bg):
    """p = P(T >= t_obs), T = sum_c w_c X_c, X_c ~ Bin(n_c, p_c), w_c = ln(1 + F0 / p_c); exact over X_c <= K_MAX."""
    cs = [c for c in CLASSES if n.get(c, 0) > 0]
    w = {c: math.log(1 + F0 / bg[c]) for c in cs}
    t_obs = sum(w[c] * k.get(c, 0) for c in cs)
    if t_obs <= 0:
        return 1.0
    pmf = {}
    for c in cs:
        nn, pp = n[c], bg[c]
        pmf[c] = [math.comb(nn, x) * pp ** x * (1 - pp) ** (nn - x) if x <= nn else 0.0 for x in range(K_MAX + 1)]
    below = 0.0
    for xs in product(range(K_MAX + 1), repeat=len(cs)):
        t = sum(w[c] * x for c, x in zip(cs, xs))
        if t < t_obs - 1e-9:
            prob = 1.0
            for c, x in zip(cs, xs):
                prob *= pmf[c][x]
            below += prob
    return max(0.0, 1.0 - below)


def sample_rows(label, bam):
    fam, refbase = families(bam)
    fam = merge_umi_errors(fam)
    mols = molecules(fam)
    bg_all = backgrounds(mols, refbase, {p - 1 for p in SNV_HOT})
    rows = []
    for pos1, (ref, alt, name) in SNV_HOT.items():
        pos = pos1 - 1  # pysam is 0-based
        assert refbase.get(pos, ref) == ref, f"{name}: reference base {refbase.get(pos)} is not {ref}"
        sub = collapse(ref, alt)
        n, k = Counter(), Counter()
        for c, b in mols.get(pos, []):
            n[c] += 1
            if b == alt:
                k[c] += 1
        bg = {c: bg_all.get((c, sub), 3 / max(1, n[c])) for c in CLASSES}
        p = class_test(n, k, bg)
        called = PANEL_SNV_TESTS * p <= ALPHA
        rows.append(label + [name, " ".join(f"{c}:{k[c]}/{n[c]}" for c in CLASSES),
                             " ".join(f"{c}:{bg[c]:.2g}" for c in CLASSES), f"{PANEL_SNV_TESTS * p:.3g}", int(called), sum(k.values())])
    return rows


def self_test():
    ok = True
    bg = {"duplex": 1e-5, "ss3": 1e-4, "ss2": 3e-4, "ss1": 1e-3}
    n = {"duplex": 800, "ss3": 900, "ss2": 400, "ss1": 400}
    # Nothing seen: p = 1; one singleton alt (0.4 expected): far from significant.
    ok &= class_test(n, {}, bg) == 1.0
    ok &= class_test(n, {"ss1": 1}, bg) > 0.1
    # Two duplex alt molecules (0.008 expected): P ~ 3e-5, significant after 57 tests.
    p2 = class_test(n, {"duplex": 2}, bg)
    ok &= 57 * p2 <= 0.05 and 57 * class_test(n, {"duplex": 1}, bg) > 0.05
    # One class alone: the exact binomial tail of Bin(800, 1e-5) at 2.
    exact = 1 - sum(math.comb(800, i) * 1e-5 ** i * (1 - 1e-5) ** (800 - i) for i in range(2))
    ok &= abs(class_test({"duplex": 800}, {"duplex": 2}, bg) - exact) / exact < 0.01
    # Three singletons (0.4 expected each way) stay far from significant; three ss3 molecules do not.
    ok &= 57 * class_test(n, {"ss1": 3}, bg) > 0.05 and 57 * class_test(n, {"ss3": 3}, bg) <= 0.05
    ok &= collapse("G", "A") == "C>T" and collapse("C", "T") == "C>T"
    print("self-test " + ("passed" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


def summarise(paths):
    """Per kind: SNV hotspot tests, alt molecules seen, the class test's calls and g2t's detections."""
    by = defaultdict(list)
    for path in paths:
        for line in open(path):
            f = line.rstrip("\n").split("\t")
            if f[0] == "kind" or len(f) < 10:
                continue
            by[(f[0], f[1])].append(f)
    print("kind\tvaf\tsamples\tSNV hotspot tests\talt molecules (value:tests)\tclass test called\tg2t detected\tboth\tlowest corrected p")
    for (kind, vaf), rows in sorted(by.items()):
        alts = Counter(int(r[8]) for r in rows)
        called = sum(int(r[7]) for r in rows)
        g2t = sum(r[9] == "detected" for r in rows)
        both = sum(int(r[7]) and r[9] == "detected" for r in rows)
        low = min(float(r[6]) for r in rows)
        print(f"{kind}\t{vaf}\t{len({r[2] for r in rows})}\t{len(rows)}\t" + " ".join(f"{k}:{v}" for k, v in sorted(alts.items()))
              + f"\t{called}\t{g2t}\t{both}\t{low:.3g}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        self_test()
    if sys.argv[1:2] == ["--summary"]:
        summarise(sys.argv[2:])
        sys.exit(0)
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    kind, vaf, seed = sys.argv[1:4]
    for bam in sys.argv[4:]:
        for row in sample_rows([kind, vaf, seed], bam):
            print("\t".join(map(str, row)))
