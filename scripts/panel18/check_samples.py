#!/usr/bin/env python3
"""Checks the generated issue-18 samples with samtools mpileup: every truth variant is present at its intended
VAF (within binomial noise), the low-coverage sample is thin where intended, and MET depth in the MET
amplification sample is ~4x the normals'. Usage: check_samples.py [DIR] (default staging/; reads DIR/samples, DIR/truth)."""
import glob
import gzip
import math
import os
import re
import subprocess
import sys

DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "staging")
fail = []


def pileup(bam, chrom, pos):
    """(depth, bases string) at chrom:pos, no reference, every base counted (-Q 0 -B -d 0)."""
    out = subprocess.run(["samtools", "mpileup", "-B", "-Q", "0", "-q", "0", "-d", "0", "-r", f"{chrom}:{pos}-{pos}", bam],
                         capture_output=True, text=True, check=True).stdout.split("\n")[0].split("\t")
    return (int(out[3]), out[4]) if len(out) > 4 else (0, "")


def count_alt(bases, ref, alt):
    """Reads supporting ALT at an anchor: SNV letter, or -N<seq> deletion marker."""
    b = re.sub(r"\^.", "", bases).replace("$", "")
    if len(ref) == 1 and len(alt) == 1:
        b = re.sub(r"[+-](\d+)([ACGTNacgtn*#]+)", lambda m: m.group(2)[int(m.group(1)):], b)
        return sum(1 for c in b if c.upper() == alt)
    if len(alt) == 1 and len(ref) > 1:
        # without a reference samtools prints the deleted bases as N: match the length
        return len(re.findall(rf"-{len(ref) - 1}[ACGTN]{{{len(ref) - 1}}}", b, flags=re.I))
    raise ValueError


def clipped_at_deletion(bam, chrom, pos, ref):
    """Reads that bwa soft-clipped exactly at a deletion's edge (aligned part ends at the anchor, or starts right
    after the deleted bases): near a read end the aligner prefers a clip to a 21-bp gap."""
    end = pos + len(ref) - 1
    n = 0
    out = subprocess.run(["samtools", "view", bam, f"{chrom}:{pos - 150}-{end + 150}"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split("\t")
        ops = re.findall(r"(\d+)([MIDNSHP=X])", f[5])
        ref_len = sum(int(k) for k, op in ops if op in "MDN=X")
        start = int(f[3])
        if ops and ops[-1][1] == "S" and start + ref_len - 1 == pos:
            n += 1
        elif ops and ops[0][1] == "S" and start == end + 1:
            n += 1
    return n


def reads_with_mnv(bam, chrom, pos, alt):
    """Reads whose bases at pos..pos+len-1 all equal ALT (phased MNV)."""
    n = 0
    out = subprocess.run(["samtools", "view", bam, f"{chrom}:{pos}-{pos + len(alt) - 1}"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split("\t")
        start, q, r, seq = int(f[3]), 0, int(f[3]), f[9]
        got = {}
        for k, op in re.findall(r"(\d+)([MIDNSHP=X])", f[5]):
            k = int(k)
            if op in "M=X":
                for i in range(k):
                    got[r + i] = seq[q + i]
                r += k; q += k
            elif op in "IS":
                q += k
            elif op in "DN":
                r += k
        if all(got.get(pos + i) == alt[i] for i in range(len(alt))):
            n += 1
    return n


for vcf in sorted(glob.glob(os.path.join(DIR, "truth", "*.truth.vcf.gz"))):
    s = os.path.basename(vcf)[:-len(".truth.vcf.gz")]
    bam = os.path.join(DIR, "samples", s + ".bam")
    for line in gzip.open(vcf, "rt"):
        if line.startswith("#"):
            continue
        c, p, _, ref, alt, *_rest, info = line.rstrip("\n").split("\t")
        p = int(p)
        af = float(re.search(r"AF=([0-9.]+)", info).group(1))
        dp, bases = pileup(bam, c, p)
        if len(ref) == len(alt) and len(ref) > 1:
            n = reads_with_mnv(bam, c, p, alt)
        else:
            n = count_alt(bases, ref, alt)
        clip = 0
        if len(ref) > len(alt):
            clip = clipped_at_deletion(bam, c, p, ref)
            print(f"     {s:28s} deletion: {n} reads with the gap, {clip} more soft-clipped at its edges (VAF with the gap alone {n / dp:.3f})")
            n += clip
        vaf = n / dp if dp else 0
        sd = math.sqrt(af * (1 - af) / dp) if dp else 1
        ok = dp >= 100 and abs(vaf - af) <= max(4 * sd, 0.05)
        print(f"{'ok  ' if ok else 'FAIL'} {s:28s} {c}:{p} {ref}>{alt} depth {dp} alt {n} VAF {vaf:.3f} (intended {af:.3f})")
        if not ok:
            fail.append(s)

# low coverage: NRAS codons 117 and 146 (chr1:114709668, 114709583) thin in crc-ras-lowcov, deep in crc-ras-wt
for s, want_low in (("crc-ras-lowcov", True), ("crc-ras-wt", False)):
    bam = os.path.join(DIR, "samples", s + ".bam")
    for name, pos in (("NRAS K117", 114709668), ("NRAS A146", 114709583), ("NRAS Q61", 114713908), ("KRAS G12", 25245350), ("BRAF V600", 140753336)):
        chrom = "chr12" if name.startswith("KRAS") else "chr7" if name.startswith("BRAF") else "chr1"
        dp, _ = pileup(bam, chrom, pos)
        thin = name in ("NRAS K117", "NRAS A146") and want_low
        ok = dp < 30 if thin else dp >= 250
        print(f"{'ok  ' if ok else 'FAIL'} {s:28s} {name} depth {dp} ({'intended thin, <30' if thin else 'intended >=250'})")
        if not ok:
            fail.append(s)

# MET amplification: mean depth over MET exon 14 vs KRAS exon 2, tumour vs normals
def mean_depth(bam, region):
    out = subprocess.run(["samtools", "depth", "-a", "-r", region, bam], capture_output=True, text=True, check=True).stdout
    v = [int(l.split("\t")[2]) for l in out.splitlines()]
    return sum(v) / len(v)

met, kras = "chr7:116771849-116771989", "chr12:25245274-25245395"
t = mean_depth(os.path.join(DIR, "samples", "met-amp-egfr-l858r.bam"), met) / mean_depth(os.path.join(DIR, "samples", "met-amp-egfr-l858r.bam"), kras)
n = [mean_depth(os.path.join(DIR, "samples", f"panel-normal-{i}.bam"), met) / mean_depth(os.path.join(DIR, "samples", f"panel-normal-{i}.bam"), kras) for i in (1, 2, 3)]
ratio = t / (sum(n) / 3)
ok = 3.2 <= ratio <= 4.8
print(f"{'ok  ' if ok else 'FAIL'} met-amp-egfr-l858r MET/KRAS depth ratio {t:.2f}, normals {', '.join(f'{x:.2f}' for x in n)}: tumour/normal {ratio:.2f} (intended 4.0 = 8 copies)")
if not ok:
    fail.append("met-amp")
sys.exit(1 if fail else 0)
