#!/usr/bin/env python3
"""Peers at g2t's precision (make bench-cfdna, issue 16): each peer's records ranked by a score it emits.

usage: bench-cfdna-curve.py RECORDS.tsv RESULTS.tsv [PER_SAMPLE.tsv] [--null-peer NULL.tsv.peer.tsv]
       bench-cfdna-curve.py --self-test   (checks the cut choice on a four-record example; exits 1 on a mismatch)
  RECORDS.tsv  tool vaf sample pos ref alt filter qual ao dp   (every record each tool emitted, per sample)
  RESULTS.tsv  tool vaf sample hotspots_found hotspots_total false_positives seconds   (bench-cfdna.sh)

For every peer and score (QUAL; AO, the alt count; AF = AO/DP) a cut keeps the records scoring >= it.
One cut serves every sample (chosen on the variant-free and variant samples together, as a user would fix
one threshold): the "matched" row is the loosest cut whose false positives per sample (all samples) are
<= g2t's; the curve rows are the loosest cuts with at most 0, 0.25, 1, 5, 25 and 100 false positives per
sample, and no cut. A record is a true positive when it is one of the three hotspot alleles in a sample
that carries them (VAF > 0); every other passing record is a false positive (as bench-cfdna.sh scores).
PER_SAMPLE.tsv, if given, gets one row per tool, score and sample at the matched cut (g2t: its PASS calls).
Tiered rows (tools whose name ends in "+hot", the forced-allele run): g2t calls hotspots on less evidence
than other positions, so the peer gets two cuts too: one for the hotspot alleles, the loosest whose false
hotspot records per sample (a hotspot allele in a variant-free sample) are <= g2t's false hotspot calls, and
one for every other record, the loosest whose false positives per sample are <= g2t's off-hotspot ones.
--null-peer adds the forced-allele hotspot records of scripts/bench-cfdna-null.sh's variant-free samples
(BENCH_NULL_PEER=1) to the hotspot cut's choice: a cut chosen on the bench's few variant-free samples alone
is optimistic. (g2t made no hotspot call in those samples either: see that script's TSV.)
"""
import csv
import math
import sys
from collections import defaultdict

from bench_cfdna_records import BENCH_HOTSPOTS as HOT, key, num, passing, scores

FP_TARGETS = [0, 0.25, 1, 5, 25, 100, math.inf]  # curve points: false positives per sample
SCORES = ("qual", "ao", "af")


def load(records_path, results_path):
    samples = defaultdict(dict)  # tool -> sample -> vaf
    g2t_fp = []
    for r in csv.DictReader(open(results_path), delimiter="\t"):
        samples[r["tool"]][r["sample"]] = r["vaf"]
        if r["tool"] == "g2t":
            g2t_fp.append(int(r["false_positives"]))
    recs = defaultdict(list)  # tool -> [(sample, vaf, is_tp, key, scores)]
    for r in csv.DictReader(open(records_path), delimiter="\t"):
        if not passing(r):
            continue
        k = key(r)
        recs[r["tool"]].append((r["sample"], r["vaf"], k in HOT and num(r["vaf"]) > 0, k, scores(r)))
    return samples, recs, (sum(g2t_fp) / len(g2t_fp) if g2t_fp else 0.0)


def evaluate(records, samples, score, cut):
    """False positives per sample and recall per VAF bin of the records scoring >= cut."""
    found = set()
    fp = 0
    for sample, vaf, tp, key, scores in records:
        if scores[score] < cut:
            continue
        if tp:
            found.add((sample, key))
        else:
            fp += 1
    per_bin = defaultdict(lambda: [0, 0])
    for sample, vaf in samples.items():
        if num(vaf) > 0:
            per_bin[vaf][1] += len(HOT)
    for sample, key in found:
        per_bin[samples[sample]][0] += 1
    return fp / max(1, len(samples)), per_bin


def per_sample(records, samples, score, cut):
    """(sample, vaf, hotspots found, hotspots present, false positives) at a cut."""
    found, fp = defaultdict(set), defaultdict(int)
    for sample, vaf, tp, key, scores in records:
        if scores[score] >= cut:
            if tp:
                found[sample].add(key)
            else:
                fp[sample] += 1
    return [(s, v, len(found[s]), len(HOT) if num(v) > 0 else 0, fp[s]) for s, v in sorted(samples.items())]


def cuts(records, score):
    values = sorted({s[score] for *_, s in records})
    return [-math.inf] + values + [math.inf]  # keep all ... keep none


def loosest(records, samples, score, max_fp):
    # Keeping more records never lowers the false-positive count, so the loosest passing cut is the
    # lowest one whose false positives are <= max_fp.
    for c in cuts(records, score):
        fp, per_bin = evaluate(records, samples, score, c)
        if fp <= max_fp + 1e-12:
            return c, fp, per_bin
    return math.inf, 0.0, evaluate(records, samples, score, math.inf)[1]


def fmt_cut(c, score):
    if c == -math.inf:
        return "none"
    if c == math.inf:
        return "above all (none kept)"
    return f">= {c:.4g}" if score != "ao" else f">= {int(c)}"


def tiered(records, samples, score, hot_fp, other_fp, null=()):
    """A hotspot cut and an elsewhere cut, each matched to g2t's false positives of that kind; `null`:
    (records, samples) of extra variant-free samples that count towards the hotspot cut."""
    hot = [r for r in records if r[3] in HOT]
    other = [r for r in records if r[3] not in HOT]
    if null:
        ch, _, _ = loosest(hot + null[0], {**samples, **null[1]}, score, hot_fp)
        fph, per_bin = evaluate(hot, samples, score, ch)
    else:
        ch, fph, per_bin = loosest(hot, samples, score, hot_fp)
    co, fpo, _ = loosest(other, samples, score, other_fp)
    return ch, co, fph + fpo, per_bin


def load_null(path):
    recs, samples = [], {}
    for r in csv.DictReader(open(path), delimiter="\t"):
        sample = "null-" + r["seed"]
        samples[sample] = "0"
        recs.append((sample, "0", False, key(r), scores(r)))
    return recs, samples


def main():
    args = sys.argv[1:]
    null = ()
    if "--null-peer" in args:
        i = args.index("--null-peer")
        null = load_null(args[i + 1])
        del args[i:i + 2]
    sys.argv[1:] = args
    samples, recs, g2t_fp = load(sys.argv[1], sys.argv[2])
    bins = sorted({v for s in samples.values() for v in s.values() if num(v) > 0}, key=num)
    head = "\t".join(f"recall@{num(b) * 100:g}%" for b in bins)
    print(f"tool\tscore\tcut\tFP/sample\t{head}")
    out = open(sys.argv[3], "w") if len(sys.argv) > 3 else None
    if out:
        out.write("tool\tscore\tcut\tvaf\tsample\thotspots_found\thotspots_total\tfalse_positives\n")
    g = samples.get("g2t", {})
    if g:
        fp, per_bin = evaluate(recs["g2t"], g, "ao", -math.inf)
        print("g2t\tPASS\tnone\t" + f"{fp:.2f}\t" + "\t".join(f"{per_bin[b][0]}/{per_bin[b][1]}" for b in bins))
        if out:
            for row in per_sample(recs["g2t"], g, "ao", -math.inf):
                out.write("\t".join(map(str, ("g2t", "PASS", "none", row[1], row[0], *row[2:]))) + "\n")
    for tool in sorted(t for t in samples if t != "g2t"):
        for score in SCORES:
            rows = [("matched", *loosest(recs[tool], samples[tool], score, g2t_fp))]
            if out:
                for row in per_sample(recs[tool], samples[tool], score, rows[0][1]):
                    out.write("\t".join(map(str, (tool, score, fmt_cut(rows[0][1], score), row[1], row[0], *row[2:]))) + "\n")
            rows += [(f"<= {t:g} FP", *loosest(recs[tool], samples[tool], score, t)) for t in FP_TARGETS]
            seen = set()
            for label, c, fp, per_bin in rows:
                line = f"{fmt_cut(c, score)}\t{fp:.2f}\t" + "\t".join(f"{per_bin[b][0]}/{per_bin[b][1]}" for b in bins)
                if label != "matched" and line in seen:
                    continue
                seen.add(line)
                tag = f"{tool}\t{score}" + (" (at g2t's FP)" if label == "matched" else "")
                print(f"{tag}\t{line}")
    g2t_hot_fp = sum(1 for r in recs["g2t"] if r[3] in HOT and not r[2]) / max(1, len(g))
    for tool in sorted(t for t in samples if t.endswith("+hot")):
        for score in SCORES:
            ch, co, fp, per_bin = tiered(recs[tool], samples[tool], score, g2t_hot_fp, g2t_fp - g2t_hot_fp, null)
            where = f" + {len(null[1])} null samples" if null else ""
            print(f"{tool}\t{score} (tiered at g2t's FP{where})\thotspots {fmt_cut(ch, score)}, elsewhere {fmt_cut(co, score)}\t{fp:.2f}\t"
                  + "\t".join(f"{per_bin[b][0]}/{per_bin[b][1]}" for b in bins))
    print(f"# g2t false positives per sample over all its samples: {g2t_fp:.2f}; 'at g2t's FP' = the loosest cut with no more")


def self_test():
    import os
    import tempfile
    d = tempfile.mkdtemp()
    res, rec = os.path.join(d, "results.tsv"), os.path.join(d, "records.tsv")
    with open(res, "w") as f:
        f.write("tool\tvaf\tsample\thotspots_found\thotspots_total\tfalse_positives\tseconds\n")
        for tool in ("g2t", "peer"):
            f.write(f"{tool}\t0.002\t1\t0\t3\t0\t0\n{tool}\t0\t2\t0\t0\t0\t0\n")
    with open(rec, "w") as f:
        f.write("tool\tvaf\tsample\tpos\tref\talt\tfilter\tqual\tao\tdp\n")
        f.write("peer\t0.002\t1\t55181378\tC\tT\t.\t0\t5\t2500\n")   # T790M, 5 alt
        f.write("peer\t0.002\t1\t55181399\tG\tC\t.\t0\t2\t2500\n")   # C797S, 2 alt
        f.write("peer\t0.002\t1\t55181300\tA\tG\t.\t0\t4\t2500\n")   # false, 4 alt
        f.write("peer\t0\t2\t55181378\tC\tT\t.\t0\t3\t2500\n")       # a hotspot allele in a variant-free sample: false
    samples, recs, g2t_fp = load(rec, res)
    ok = g2t_fp == 0
    c, fp, per_bin = loosest(recs["peer"], samples["peer"], "ao", g2t_fp)
    ok &= c == 5 and fp == 0 and per_bin["0.002"] == [1, 3]
    c, fp, per_bin = loosest(recs["peer"], samples["peer"], "ao", 1)
    ok &= c == -math.inf and fp == 1 and per_bin["0.002"] == [2, 3]
    c, fp, per_bin = loosest(recs["peer"], samples["peer"], "ao", 0.5)
    ok &= c == 4 and fp == 0.5 and per_bin["0.002"] == [1, 3]
    print("self-test " + ("passed" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        self_test()
    main()
