#!/usr/bin/env bash
# Speed and memory of g2t against samtools on the same files, in the same run; prints ratios.
# Usage: make bench (builds release first). Needs samtools, hyperfine, GNU time, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/release/g2t}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

$G2T targets > "$work/targets.bed"
demo=TestData/samples/demo-nsclc.bam
# A deep sample: the demo merged with itself 10 times (~2,800x read depth; read names repeat, so
# fragments are not de-duplicated: compare raw depth).
samtools merge -f -o "$work/deep.bam" $(for i in $(seq 10); do echo $demo; done) 2>/dev/null
samtools index "$work/deep.bam"

bench() { # label bam
    local label=$1 bam=$2
    hyperfine -N --warmup 2 --runs 10 --export-json "$work/$label.json" \
        "$G2T call $bam -o $work/$label.calls.json --threads 1" \
        "$G2T call $bam -o $work/$label.calls.json --threads 2" \
        "samtools view -c -q 20 -L $work/targets.bed $bam -o $work/$label.count" \
        "samtools mpileup -l $work/targets.bed -q 20 -Q 20 -d 0 $bam -o $work/$label.mpileup" >/dev/null
    python3 - "$work/$label.json" "$label" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = {x["command"].split()[1]: x for x in r if x["command"].startswith("samtools")}
print(f"\n{sys.argv[2]}: median wall time (ms); ratio to samtools mpileup (the per-position counting baseline)"
      " and to samtools view -c (decoding the same reads, the floor)")
for x in r:
    m = x["median"] * 1000
    print(f"  {m:9.1f}  {m / (base['mpileup']['median'] * 1000):6.2f}x mpileup  {m / (base['view']['median'] * 1000):6.2f}x view  {' '.join(w for i, w in enumerate(x['command'].split()) if not (w == '-o' or x['command'].split()[i - 1] == '-o'))}")
PY
    for cmd in "$G2T call $bam -o $work/$label.calls.json --threads 2" "samtools mpileup -l $work/targets.bed -q 20 -Q 20 -d 0 $bam -o $work/$label.mpileup"; do
        /usr/bin/time -f "  peak RSS %M KB  ${cmd%% -o*}" $cmd 2>&1 >/dev/null | tail -1
    done
}

echo "g2t $($G2T --version)"; samtools --version | head -1; nproc | sed 's/^/cores: /'
bench demo $demo
bench deep "$work/deep.bam"

# Annotation of a large VCF: g2t annotate (panel records kept, JSON out) against bcftools csq with
# the same transcripts (g2t gff3), which annotates and writes every record, and bcftools view (decode floor).
$G2T gff3 > "$work/panel.gff3"
for n in 100000 1000000; do python3 scripts/make-exome-vcf.py $n "$work/v$n.vcf"; bgzip -f "$work/v$n.vcf"; done
ref=TestData/ref/chr7.panel.GRCh38.fa.gz
hyperfine -N --warmup 1 --runs 5 --export-json "$work/annotate.json" \
    "$G2T annotate $work/v1000000.vcf.gz -o $work/a.json" \
    "bcftools csq -p a -f $ref -g $work/panel.gff3 $work/v1000000.vcf.gz -Ou -o /dev/null" \
    "bcftools view -Ou -o /dev/null $work/v1000000.vcf.gz" >/dev/null
python3 - "$work/annotate.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
csq = next(x for x in r if " csq " in x["command"])["median"]
print("\nannotate 1,000,000 VCF records: median ms, ratio to bcftools csq")
for x in r:
    print(f"  {x['median'] * 1000:9.1f}  {x['median'] / csq:6.2f}x  {x['command'].split()[0].split('/')[-1]} {x['command'].split()[1]}")
PY
for n in 100000 1000000; do
    /usr/bin/time -f "  peak RSS %M KB  g2t annotate, $n records" $G2T annotate "$work/v$n.vcf.gz" -o "$work/a.json" 2>&1 | tail -1
    /usr/bin/time -f "  peak RSS %M KB  bcftools csq, $n records" bcftools csq -p a -f $ref -g "$work/panel.gff3" "$work/v$n.vcf.gz" -Ou -o /dev/null 2>&1 | tail -1
done

# Rendering: a report of 200 variants (SNVs spread over the panel's coding targets), from the
# scored analysis to every report file (HTML, JSON, VCF, TSVs). Target: under one second.
bash scripts/make-panel-vcf.sh 200 "$work/p200.vcf"
$G2T call "$work/p200.vcf" --tumor-type LUAD -o "$work/p200.calls.json"
$G2T annotate "$work/p200.calls.json" -o "$work/p200.ann.json"
$G2T score "$work/p200.ann.json" -o "$work/p200.scored.json"
hyperfine -N --warmup 2 --runs 10 --export-json "$work/report.json" "$G2T report $work/p200.scored.json --out $work/p200" >/dev/null
python3 - "$work/report.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["results"][0]["median"] * 1000
print(f"\nreport of 200 variants (g2t report: HTML, JSON, VCF, TSVs): median {m:.1f} ms ({'under' if m < 1000 else 'OVER'} 1 s)")
PY

# Calling speed (issue: caller): g2t call against `bcftools mpileup -d 10000 -a AD,DP | bcftools call -mv`
# and the decode floor `samtools view -c`, over the same target regions of a ~1000x and a ~4000x
# BAM (the demo merged with itself 4 and 14 times; read names repeat, which no tool here minds).
for copies in 4 14; do
    samtools merge -f -o "$work/x$copies.bam" $(for i in $(seq $copies); do echo $demo; done) 2>/dev/null
    samtools index "$work/x$copies.bam"
done
hyperfine -N --warmup 1 --runs 5 --export-json "$work/calling.json" \
    "$G2T call $work/x4.bam -o $work/c4.json" \
    "bash -c 'bcftools mpileup -f $ref -d 10000 -a AD,DP -R $work/targets.bed $work/x4.bam 2>/dev/null | bcftools call -mv -Ob -o /dev/null'" \
    "samtools view -c -L $work/targets.bed $work/x4.bam -o /dev/null" \
    "$G2T call $work/x14.bam -o $work/c14.json" \
    "bash -c 'bcftools mpileup -f $ref -d 10000 -a AD,DP -R $work/targets.bed $work/x14.bam 2>/dev/null | bcftools call -mv -Ob -o /dev/null'" \
    "samtools view -c -L $work/targets.bed $work/x14.bam -o /dev/null" >/dev/null
python3 - "$work/calling.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print("\ncalling over the targets: median ms; ratio to the bcftools pipeline and to samtools view -c")
for depth, rows in (("~1000x", r[0:3]), ("~4000x", r[3:6])):
    g2t, bcf, view = (x["median"] * 1000 for x in rows)
    print(f"  {depth}: g2t call {g2t:8.1f}  bcftools mpileup|call {bcf:9.1f}  samtools view -c {view:7.1f}"
          f"   g2t/bcftools {g2t / bcf:5.2f}x   g2t/view {g2t / view:5.2f}x")
PY
for copies in 4 14; do
    /usr/bin/time -f "  peak RSS %M KB  g2t call, x$copies" $G2T call "$work/x$copies.bam" -o "$work/c.json" 2>&1 | tail -1
done
