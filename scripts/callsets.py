"""Call sets of g2t and its peers, normalised for scoring: shared by the accuracy benchmarks
(accuracy-benchmark.py for EGFR, accuracy_panel.py for KRAS/NRAS/BRAF/MET/PIK3CA).

A call is `(pos, ref, alt)`, or `(chrom, pos, ref, alt)` with `chrom=True`. PASS calls only (or unfiltered
records), normalised with `bcftools norm -m -any` and left-aligned; equal-length changes are split into
single bases so that an MNV counts only when every base is found.
"""
import json
import os
import subprocess


def run(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, capture_output=True, text=True, **kw).stdout


def atomize(pos, ref, alt):
    """Equal-length changes become single-base changes; others stay as they are."""
    if len(ref) == len(alt) and len(ref) > 1:
        return [(pos + i, r, a) for i, (r, a) in enumerate(zip(ref, alt)) if r != a]
    return [(pos, ref, alt)]


def _key(chrom_name, atom, chrom):
    return (chrom_name,) + atom if chrom else atom


def vcf_calls(path, ref, work, chrom=False):
    """PASS (or unfiltered) calls of a VCF, normalised against `ref` and split."""
    norm = os.path.join(work, "callsets-norm.vcf")
    run(f"bcftools norm -f {ref} -m -any -c w {path} -o {norm} 2>/dev/null")
    calls = set()
    for line in open(norm):
        if line.startswith("#"):
            continue
        f = line.split("\t")
        if f[6] not in ("PASS", "."):
            continue
        for a in f[4].split(","):
            if a not in ("*", "."):
                calls.update(_key(f[0], x, chrom) for x in atomize(int(f[1]), f[3], a))
    return calls


def g2t_calls(g2t, bam, work, chrom=False):
    """PASS calls of `g2t call`."""
    out = os.path.join(work, "callsets-g2t.json")
    run([g2t, "call", bam, "-o", out])
    calls = set()
    for v in json.load(open(out))["variants"]:
        if v["filter"] == "PASS":
            calls.update(_key(v["chrom"], x, chrom) for x in atomize(v["pos"], v["ref"], v["alt"]))
    return calls


def bcftools_calls(bam, bed, ref, work, min_bq, min_mapq, baq=True, chrom=False):
    """`bcftools mpileup | call -mv` with g2t's base/mapping-quality floors; `baq=False` adds `-B`."""
    vcf = os.path.join(work, "callsets-bcf.vcf")
    run(f"bcftools mpileup {'' if baq else '-B '}-f {ref} -q {min_mapq} -Q {min_bq} -d 10000 -a AD,DP -R {bed} {bam} 2>/dev/null"
        f" | bcftools call -mv -o {vcf} 2>/dev/null")
    return vcf_calls(vcf, ref, work, chrom)


def freebayes_calls(bam, bed, ref, work, min_bq, min_mapq, min_qual, chrom=False):
    """freebayes (pooled-continuous, 1% minimum fraction): (calls with QUAL >= min_qual, every call)."""
    raw, vcf = os.path.join(work, "callsets-fb.raw.vcf"), os.path.join(work, "callsets-fb.vcf")
    run(f"freebayes -f {ref} --pooled-continuous --min-alternate-fraction 0.01"
        f" --min-base-quality {min_bq} --min-mapping-quality {min_mapq} -t {bed} {bam} > {raw}")
    run(f"bcftools view -i 'QUAL>={min_qual}' {raw} -o {vcf}")
    return vcf_calls(vcf, ref, work, chrom), vcf_calls(raw, ref, work, chrom)
