#!/usr/bin/env python3
"""Peers with cuts calibrated out of sample (make bench-cfdna, issue 16, branch cfpeer2).

usage: bench-cfdna-calibrate.py NULL_RECORDS NULL_RESULTS VAR_RECORDS VAR_RESULTS PANEL_HOTSPOTS [PER_SAMPLE.tsv]
       bench-cfdna-calibrate.py --self-test   (checks the cut choice on a small example; exits 1 on a mismatch)
  *_RECORDS    tool vaf sample pos ref alt filter qual ao dp   (bench-cfdna.sh's records.tsv)
  *_RESULTS    tool vaf sample hotspots_found hotspots_total false_positives seconds
  PANEL_HOTSPOTS  pos ref alt, one panel hotspot allele on chr7 a line (g2t's report lists 62)

Each peer's cut on a score it emits (QUAL; AO, its alt count; AF = AO/DP) is chosen on the variant-free
samples only (NULL_*) and then applied unchanged to the variant samples (VAR_*), so the cut is not fitted
to the samples it is scored on. A cut keeps the records scoring > t; the calibrated t is the lowest (the
loosest cut) such that, over the variant-free samples,
  - no record at a panel hotspot allele survives (no false hotspot record), and
  - at most 1 record per sample survives over the whole target (issue 16: <= 1 false positive per sample).
"single": one cut for every record. "tiered" (the forced-allele run, tools named "+hot"): a hotspot cut
(no false hotspot record) and an elsewhere cut (<= 1 false record per sample), each the loosest such.
"g2t-evidence+hot" holds g2t's own per-hotspot evidence (AO = alt molecules, QUAL = duplex alt molecules)
for every panel hotspot with an alt molecule; calibrated like a peer's hotspot cut, with g2t's own PASS
calls elsewhere. g2t itself is its fixed rule (PASS), not calibrated.
Recall on the variant samples: the three bench hotspots (T790M, C797S, exon 19 deletion) found / present
per VAF bin; a paired exact (McNemar) test compares each row with g2t on the same hotspot opportunities.
"""
import bisect
import csv
import math
import sys
from collections import defaultdict

from bench_cfdna_records import BENCH_HOTSPOTS as BENCH_HOT, key, num, passing, scores

SCORES = ("qual", "ao", "af")
MAX_FP_PER_SAMPLE = 1.0  # issue 16: <= 1 false positive per sample over the whole target
MAX_FALSE_HOTSPOT = 0    # issue 16: no false hotspot call
EVIDENCE = "g2t-evidence+hot"


def load(records_path, results_path):
    """tool -> {sample: vaf}; tool -> [(sample, key, scores)] of passing records."""
    samples = defaultdict(dict)
    for r in csv.DictReader(open(records_path if results_path is None else results_path), delimiter="\t"):
        if r.get("tool") == "tool":  # a header line of a concatenated file
            continue
        samples[r["tool"]][r["sample"]] = r["vaf"]
    recs = defaultdict(list)
    for r in csv.DictReader(open(records_path), delimiter="\t"):
        if r.get("tool") == "tool" or not passing(r):
            continue
        recs[r["tool"]].append((r["sample"], key(r), scores(r)))
    return samples, recs


def load_panel(path):
    keys = set(BENCH_HOT)
    for line in open(path):
        f = line.split()
        if len(f) >= 3 and f[0].isdigit():
            keys.add((int(f[0]), f[1], f[2]))
    return keys


def kept(value, cut):
    return cut == -math.inf or value > cut


def loosest(records, n_samples, score, ok, panel=frozenset()):
    """The lowest t (keep > t; -inf keeps all) with ok(records kept at a panel hotspot, records kept,
    samples) over variant-free records; inf (keep nothing) if none. Keeping more never lowers either
    count, so the first t that passes, going up, is the loosest (sorted values and bisection: fast)."""
    all_v = sorted(s[score] for _, _, s in records)
    hot_v = sorted(s[score] for _, k, s in records if k in panel)
    for t in [-math.inf] + sorted(set(all_v)):
        k_all = len(all_v) - (0 if t == -math.inf else bisect.bisect_right(all_v, t))
        k_hot = len(hot_v) - (0 if t == -math.inf else bisect.bisect_right(hot_v, t))
        if ok(k_hot, k_all, n_samples):
            return t
    return math.inf


def apply(records, samples, cut_of):
    """Per sample: bench hotspots found and false records, keeping records where cut_of(record) says."""
    found, fp = defaultdict(set), defaultdict(int)
    for sample, key, scores in records:
        if sample not in samples or not cut_of(key, scores):
            continue
        if key in BENCH_HOT and num(samples[sample]) > 0:
            found[sample].add(key)
        else:
            fp[sample] += 1
    return found, fp


def summary(found, fp, samples):
    bins = defaultdict(lambda: [0, 0])
    for s, v in samples.items():
        if num(v) > 0:
            bins[v][0] += len(found[s])
            bins[v][1] += len(BENCH_HOT)
    n = max(1, len(samples))
    return bins, sum(fp[s] for s in samples) / n


def mcnemar(a_found, b_found, samples, vaf):
    """Discordant opportunities (only A, only B) in a VAF bin and the two-sided exact binomial p."""
    only_a = only_b = 0
    for s, v in samples.items():
        if v != vaf:
            continue
        for k in BENCH_HOT:
            a, b = k in a_found[s], k in b_found[s]
            only_a += a and not b
            only_b += b and not a
    n = only_a + only_b
    if n == 0:
        return only_a, only_b, 1.0
    tail = sum(math.comb(n, i) for i in range(0, min(only_a, only_b) + 1)) / 2 ** n
    return only_a, only_b, min(1.0, 2 * tail)


def fmt(t, score):
    if t == -math.inf:
        return "none"
    if t == math.inf:
        return "keep nothing"
    return f"> {t:.4g}" if score != "ao" else f">= {int(t) + 1}"


def calibrate(null_s, null_r, var_s, var_r, panel, per_sample_out=None):
    rows = []
    g_null, g_var = null_s.get("g2t", {}), var_s.get("g2t", {})
    everything = lambda k, s: True  # noqa: E731
    g_found, g_fp = apply(var_r["g2t"], g_var, everything)
    gn_found, gn_fp = apply(null_r["g2t"], g_null, everything)
    g_false_hot = sum(1 for s, k, _ in null_r["g2t"] if s in g_null and k in panel)
    rows.append(("g2t", "PASS (fixed rule)", "-", g_false_hot, summary(gn_found, gn_fp, g_null)[1], g_found, g_fp, g_var))
    ok_single = lambda hot, every, n: hot <= MAX_FALSE_HOTSPOT and every / n <= MAX_FP_PER_SAMPLE + 1e-12  # noqa: E731
    ok_hot = lambda hot, every, n: every <= MAX_FALSE_HOTSPOT  # noqa: E731  (called on hotspot records only)
    ok_other = lambda hot, every, n: every / n <= MAX_FP_PER_SAMPLE + 1e-12  # noqa: E731
    for tool in sorted(t for t in var_s if t != "g2t"):
        ns, vs = null_s.get(tool, {}), var_s[tool]
        if not ns:
            continue
        nrec = [r for r in null_r[tool] if r[0] in ns]
        n = len(ns)
        for score in SCORES:
            if tool == EVIDENCE:
                ch = loosest(nrec, n, score, ok_hot)
                cut_of = lambda k, s, ch=ch, score=score: kept(s[score], ch)  # noqa: E731
                found, fp = apply(var_r[tool], vs, cut_of)
                nf, nfp = apply(nrec, ns, cut_of)
                # Elsewhere: g2t's own PASS calls off the panel hotspots (its fixed rule).
                for s, k, _ in var_r["g2t"]:
                    if k not in panel and s in vs:
                        fp[s] += 1
                for s, k, _ in null_r["g2t"]:
                    if k not in panel and s in ns:
                        nfp[s] += 1
                label, cuts = "tiered", f"hotspots {fmt(ch, score)}, elsewhere g2t PASS"
            elif tool.endswith("+hot"):
                hot = [r for r in nrec if r[1] in panel]
                other = [r for r in nrec if r[1] not in panel]
                ch = loosest(hot, n, score, ok_hot)
                co = loosest(other, n, score, ok_other)
                cut_of = lambda k, s, ch=ch, co=co, score=score: kept(s[score], ch if k in panel else co)  # noqa: E731
                found, fp = apply(var_r[tool], vs, cut_of)
                nf, nfp = apply(nrec, ns, cut_of)
                label, cuts = "tiered", f"hotspots {fmt(ch, score)}, elsewhere {fmt(co, score)}"
            else:
                c = loosest(nrec, n, score, ok_single, panel)
                cut_of = lambda k, s, c=c, score=score: kept(s[score], c)  # noqa: E731
                found, fp = apply(var_r[tool], vs, cut_of)
                nf, nfp = apply(nrec, ns, cut_of)
                label, cuts = "single", fmt(c, score)
            false_hot = sum(1 for s, k, sc in nrec if k in panel and cut_of(k, sc))
            rows.append((tool, f"{score} ({label})", cuts, false_hot, summary(nf, nfp, ns)[1], found, fp, vs))
    bins = sorted({v for v in g_var.values() if num(v) > 0}, key=num)
    print("tool\tscore\tcut (calibrated on %d variant-free samples)\tfalse hotspot records (null)\tFP/sample (null)\tFP/sample (variant samples)\t%s"
          % (len(g_null), "\t".join(f"recall@{num(b) * 100:g}% (only g2t/only row, p)" for b in bins)))
    for tool, score, cuts, false_hot, null_fp, found, fp, vs in rows:
        per_bin, var_fp = summary(found, fp, vs)
        cells = []
        for b in bins:
            cell = f"{per_bin[b][0]}/{per_bin[b][1]}"
            if tool != "g2t":
                oa, ob, p = mcnemar(g_found, found, {s: v for s, v in vs.items() if s in g_var}, b)
                cell += f" ({oa}/{ob}, p={p:.2g})"
            cells.append(cell)
        print(f"{tool}\t{score}\t{cuts}\t{false_hot}\t{null_fp:.2f}\t{var_fp:.2f}\t" + "\t".join(cells))
        if per_sample_out:
            for s, v in sorted(vs.items()):
                per_sample_out.write(f"{tool}\t{score}\t{cuts}\t{v}\t{s}\t{len(found[s])}\t{len(BENCH_HOT) if num(v) > 0 else 0}\t{fp[s]}\n")
    return rows


def main(args):
    null_s, _ = load(args[0], args[1])
    _, null_r = load(args[0], None)
    var_s, _ = load(args[2], args[3])
    _, var_r = load(args[2], None)
    out = open(args[5], "w") if len(args) > 5 else None
    if out:
        out.write("tool\tscore\tcut\tvaf\tsample\thotspots_found\thotspots_total\tfalse_positives\n")
    calibrate(null_s, null_r, var_s, var_r, load_panel(args[4]), out)
    print(f"# cuts chosen on the variant-free samples only: no false hotspot record (panel hotspot alleles) and "
          f"<= {MAX_FP_PER_SAMPLE:g} false record per sample; then applied unchanged to the variant samples")


def self_test():
    import os
    import tempfile
    d = tempfile.mkdtemp()
    p = lambda n: os.path.join(d, n)  # noqa: E731
    head_res = "tool\tvaf\tsample\thotspots_found\thotspots_total\tfalse_positives\tseconds\n"
    head_rec = "tool\tvaf\tsample\tpos\tref\talt\tfilter\tqual\tao\tdp\n"
    with open(p("nres"), "w") as f:
        f.write(head_res + "".join(f"{t}\t0\t{s}\t0\t0\t0\t0\n" for t in ("g2t", "peer") for s in (1, 2)))
    with open(p("nrec"), "w") as f:
        f.write(head_rec)
        f.write("peer\t0\t1\t55181378\tC\tT\t.\t0\t4\t2500\n")   # a false hotspot record, AO 4: the cut must exceed 4
        f.write("peer\t0\t1\t55181300\tA\tG\t.\t0\t6\t2500\n")   # two false records elsewhere at AO 6 and 5:
        f.write("peer\t0\t2\t55181301\tA\tG\t.\t0\t5\t2500\n")   # <= 1 per sample allows both
    with open(p("vres"), "w") as f:
        f.write(head_res + "".join(f"{t}\t0.002\t3\t0\t3\t0\t0\n" for t in ("g2t", "peer")))
    with open(p("vrec"), "w") as f:
        f.write(head_rec)
        f.write("g2t\t0.002\t3\t55181378\tC\tT\tPASS\t.\t3\t2500\n")
        f.write("peer\t0.002\t3\t55181378\tC\tT\t.\t0\t5\t2500\n")    # kept at AO > 4
        f.write("peer\t0.002\t3\t55181399\tG\tC\t.\t0\t4\t2500\n")    # not kept
        f.write("peer\t0.002\t3\t55181302\tA\tG\t.\t0\t9\t2500\n")    # a false record on the variant sample
    with open(p("panel"), "w") as f:
        f.write("55181378 C T\n55181399 G C\n")
    null_s, _ = load(p("nrec"), p("nres"))
    _, null_r = load(p("nrec"), None)
    var_s, _ = load(p("vrec"), p("vres"))
    _, var_r = load(p("vrec"), None)
    import io
    import contextlib
    with contextlib.redirect_stdout(io.StringIO()):
        rows = calibrate(null_s, null_r, var_s, var_r, load_panel(p("panel")))
    ao = [r for r in rows if r[0] == "peer" and r[1].startswith("ao")][0]
    per_bin, var_fp = summary(ao[5], ao[6], ao[7])
    ok = ao[2] == ">= 5" and ao[3] == 0 and per_bin["0.002"] == [1, 3] and var_fp == 1.0
    g = rows[0]
    ok &= summary(g[5], g[6], g[7])[0]["0.002"] == [1, 3]
    ok &= mcnemar(defaultdict(set, {"3": {(55181378, "C", "T")}}), defaultdict(set), {"3": "0.002"}, "0.002") == (1, 0, 1.0)
    print("self-test " + ("passed" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        self_test()
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    main(sys.argv[1:])
