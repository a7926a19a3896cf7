#!/usr/bin/env bash
# Speed and memory of g2t against samtools, bcftools and itself, like for like, in the same run.
# Every line prints the ratio with both commands (scripts/bench-pairs.py: the two commands run
# alternately, RUNS times, medians). Single-threaded rows run both tools pinned to one core
# (taskset -c 0); multi-threaded rows give both tools 2 threads on 2 cores (g2t --threads 2,
# samtools --threads 1 = one extra thread). A row measured while the load average exceeded the
# core count is marked LOADED: rerun on an idle machine before quoting it.
# Usage: make bench (builds release first). Needs samtools, bcftools, tabix, GNU time, python3.
# Sections: 1 calling floor and threads, 2 other callers, 3 report stage, 4 annotation, 5 scoring
# core (SCORE_N samples, default 100,000), 6 batch (BATCH_N generated + BATCH_DEEP ~1,000x samples).
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-$PWD/.build/release/g2t}
RUNS=${RUNS:-7}
work=$(mktemp -d)
export BENCH_WORK=$work
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
pairs() { python3 scripts/bench-pairs.py "$RUNS"; }
one="taskset -c 0"
two="taskset -c 0,1"

echo "g2t $($G2T --version | head -1)"; samtools --version | head -1; bcftools --version | head -1
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); runs per command: $RUNS"
$G2T targets > "$work/targets.bed"
# bcftools and samtools mpileup stop at a target on a contig the BAM's header lacks (the panel spans
# several chromosomes; the deep BAMs and the bundled reference are chr7): their rows use chr7's targets.
awk '$1 == "chr7"' "$work/targets.bed" > "$work/targets7.bed"
ref=TestData/ref/chr7.panel.GRCh38.fa.gz
demo=TestData/samples/demo-nsclc.bam

# Deep BAMs: the demo (~280x) repeated k times, each copy's read names prefixed with its copy
# number, so that no two fragments share a name (g2t pairs mates by name: repeated names would
# be merged as overlapping mates). Each copy repeats the demo's sequencing errors, so the calls of
# these files mean nothing: only their timings do.
deep() { # copies out.bam
    local k=$1 out=$2 parts=()
    for i in $(seq "$k"); do
        samtools view -h "$demo" | awk -v p="c$i." 'BEGIN{FS=OFS="\t"} /^@/{print; next} {$1=p $1; print}' \
            | samtools view -b -o "$work/part$i.bam" -
        parts+=("$work/part$i.bam")
    done
    samtools merge -f -o "$out" "${parts[@]}" 2>/dev/null
    samtools index "$out"
    rm -f "${parts[@]}"
    [ "$(samtools view "$out" | cut -f1,2 | sort | uniq -d | wc -l)" -eq 0 ] || { echo "deep BAM $out: repeated read names" >&2; exit 1; }
}
deep 4 "$work/x4.bam"     # ~1,000x
deep 14 "$work/x14.bam"   # ~4,000x

# 1. The calling floor: the whole job (g2t pipeline: call, annotate, score, every report file)
# and the call stage alone, against decoding the same reads over the same targets. Both pinned to
# one core; then 2 threads each on 2 cores. Target: pipeline/view <= 2x single-threaded.
{
    for d in 4 14; do
        bam=$work/x$d.bam
        label="~$((d * 280))x"
        printf '%s\t%s\t%s\n' "calling floor $label, 1 thread vs 1 thread (1 core): g2t pipeline / samtools view -c" \
            "$one $G2T pipeline $bam --threads 1 --out $work/p$d" "$one samtools view -c -L $work/targets.bed $bam -o /dev/null"
        printf '%s\t%s\t%s\n' "calling floor $label, 1 thread vs 1 thread (1 core): g2t call / samtools view -c" \
            "$one $G2T call $bam --threads 1 -o $work/c$d.json" "$one samtools view -c -L $work/targets.bed $bam -o /dev/null"
        printf '%s\t%s\t%s\n' "calling floor $label, 2 threads vs 2 threads (2 cores): g2t pipeline / samtools view -c" \
            "$two $G2T pipeline $bam --threads 2 --out $work/p$d" "$two samtools view --threads 1 -c -L $work/targets.bed $bam -o /dev/null"
        printf '%s\t%s\t%s\n' "g2t threads $label (target >= 1.5x at ~4000x): g2t pipeline --threads 1 (1 core) / --threads 2 (2 cores)" \
            "$one $G2T pipeline $bam --threads 1 --out $work/p$d" "$two $G2T pipeline $bam --threads 2 --out $work/p$d"
    done
} | pairs

# 2. Calling against other callers, 1 core each. bcftools mpileup | call is two processes, so it
# is pinned to the same single core as g2t. bcftools with its default BAQ and without it (-B);
# both with g2t's base/mapping quality minima (20/20). samtools mpileup is the per-position
# counting baseline (no depth cap, as g2t).
{
    for d in 4 14; do
        bam=$work/x$d.bam
        label="~$((d * 280))x"
        printf '%s\t%s\t%s\n' "calling $label, 1 core: g2t call / bcftools mpileup|call (BAQ on, bcftools' default)" \
            "$one $G2T call $bam --threads 1 -o $work/c$d.json" \
            "$one bash -c 'bcftools mpileup -f $ref -q 20 -Q 20 -d 10000 -a AD,DP -R $work/targets7.bed $bam 2>/dev/null | bcftools call -mv -Ob -o /dev/null'"
        printf '%s\t%s\t%s\n' "calling $label, 1 core: g2t call / bcftools mpileup -B|call (BAQ off)" \
            "$one $G2T call $bam --threads 1 -o $work/c$d.json" \
            "$one bash -c 'bcftools mpileup -B -f $ref -q 20 -Q 20 -d 10000 -a AD,DP -R $work/targets7.bed $bam 2>/dev/null | bcftools call -mv -Ob -o /dev/null'"
        printf '%s\t%s\t%s\n' "counting $label, 1 core: g2t call / samtools mpileup (per-position counts)" \
            "$one $G2T call $bam --threads 1 -o $work/c$d.json" \
            "$one samtools mpileup -l $work/targets7.bed -q 20 -Q 20 -d 0 $bam -o /dev/null"
    done
} | pairs
for d in 4 14; do
    /usr/bin/time -f "  peak RSS %M KB  g2t pipeline ~$((d * 280))x --threads 2" $G2T pipeline "$work/x$d.bam" --threads 2 --out "$work/r$d" 2>&1 >/dev/null | tail -1
    /usr/bin/time -f "  peak RSS %M KB  samtools view -c ~$((d * 280))x" samtools view -c -L "$work/targets.bed" "$work/x$d.bam" 2>&1 >/dev/null | tail -1
done

# 3. The report stage of a typical sample (the demo): annotate + score + report (HTML, JSON, VCF,
# TSVs, MultiQC), each a separate process, from the called analysis. Target: under 20 ms in all.
# No other tool does this work, so the times are absolute; `g2t --version` (process start-up; since floor11 it no longer
# parses the knowledge base, which `score` and `pipeline` still do) is the floor of the same binary.
$G2T call $demo --threads 1 -o "$work/demo.called.json"
$G2T annotate "$work/demo.called.json" -o "$work/demo.ann.json"
$G2T score "$work/demo.ann.json" -o "$work/demo.scored.json" --threads 1
bash scripts/make-panel-vcf.sh 200 "$work/p200.vcf"
$G2T call "$work/p200.vcf" --tumor-type LUAD -o "$work/p200.calls.json"
$G2T annotate "$work/p200.calls.json" -o "$work/p200.ann.json"
$G2T score "$work/p200.ann.json" -o "$work/p200.scored.json" --threads 1
{
    printf '%s\t%s\t%s\n' "report stage in one process, demo sample, 1 core (target < 20 ms = A-B): g2t pipeline / g2t call" \
        "$one $G2T pipeline $demo --threads 1 --out $work/d.pipeline" "$one $G2T call $demo --threads 1 -o $work/d.call.json"
    printf '%s\t%s\t%s\n' "report stage as 3 processes, demo sample, 1 core: annotate+score+report / g2t --version (process start-up only: --version scans the knowledge base's name, it no longer parses it)" \
        "$one bash -c '$G2T annotate $work/demo.called.json -o $work/d.ann.json && $G2T score $work/d.ann.json -o $work/d.scored.json --threads 1 && $G2T report $work/d.scored.json --out $work/d.report'" \
        "$one bash -c '$G2T --version >/dev/null && $G2T --version >/dev/null && $G2T --version >/dev/null'"
    printf '%s\t%s\t%s\n' "report only, demo sample, 1 core: g2t report / g2t --version (process start-up)" \
        "$one $G2T report $work/demo.scored.json --out $work/d.report" "$one $G2T --version"
    printf '%s\t%s\t%s\n' "report only, 200 variants, 1 core (target < 1 s): g2t report / g2t --version (process start-up)" \
        "$one $G2T report $work/p200.scored.json --out $work/p200" "$one $G2T --version"
} | pairs

# 4. Annotation, two inputs, each labelled, 1 core each, against bcftools csq with the same
# transcripts (`g2t gff3`) writing uncompressed BCF.
#  a. MOSTLY OUTSIDE the panel: 1,000,000 exome-like records along chr7, 4 of them in the
#     targets. g2t skips the others before parsing them; bcftools csq annotates all: unequal work,
#     the ratio is what a user waits for, not a like-for-like speed.
#  b. INSIDE the panel: 100,000 distinct records on chr7, in the targets (the count is printed)
#     (scripts/make-dense-panel-vcf.py): both tools annotate every record. Like for like.
$G2T gff3 > "$work/panel.gff3"
python3 scripts/make-exome-vcf.py 1000000 "$work/outside.vcf" && bgzip -f "$work/outside.vcf"
# chr7's targets whose bases the bundled chr7 FASTA knows (it has N outside EGFR and ABCB1; bcftools csq
# stops at a REF it cannot check): 250,000 generated, those whose REF matches kept, the first 100,000.
DENSE_CHROMS=chr7 python3 scripts/make-dense-panel-vcf.py 250000 "$work/dense.vcf" "$G2T"
bcftools norm -c x -f "$ref" "$work/dense.vcf" 2>/dev/null | awk '/^#/ {print; next} ++n <= 100000' > "$work/inside.vcf"
bgzip -f "$work/inside.vcf" && tabix -p vcf "$work/inside.vcf.gz"
inside=$(bcftools view -H -T "$work/targets.bed" "$work/inside.vcf.gz" | wc -l)
echo "in-target records of the inside-the-panel VCF: $inside (of $(bcftools view -H "$work/inside.vcf.gz" | wc -l))"
{
    printf '%s\t%s\t%s\n' "annotate 1,000,000 records MOSTLY OUTSIDE the panel (4 inside; unequal work), 1 core: g2t annotate / bcftools csq" \
        "$one $G2T annotate $work/outside.vcf.gz -o $work/a.json" "$one bcftools csq -p a -f $ref -g $work/panel.gff3 $work/outside.vcf.gz -Ou -o /dev/null"
    printf '%s\t%s\t%s\n' "annotate 100,000 records ALL INSIDE the panel (like for like), 1 core: g2t annotate / bcftools csq" \
        "$one $G2T annotate $work/inside.vcf.gz -o $work/b.json" "$one bcftools csq -p a -f $ref -g $work/panel.gff3 $work/inside.vcf.gz -Ou -o /dev/null"
} | RUNS=${ANNOTATE_RUNS:-3} python3 scripts/bench-pairs.py "${ANNOTATE_RUNS:-3}"
/usr/bin/time -f "  peak RSS %M KB  g2t annotate, 100,000 in-target records" $G2T annotate "$work/inside.vcf.gz" -o "$work/b.json" 2>&1 >/dev/null | tail -1
/usr/bin/time -f "  peak RSS %M KB  bcftools csq, 100,000 in-target records" bcftools csq -p a -f $ref -g "$work/panel.gff3" "$work/inside.vcf.gz" -Ou -o /dev/null 2>&1 >/dev/null | tail -1
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

# 5. Scoring core (issue 17 point 4): g2t rescore per core against a Python json.loads/json.dumps
# round trip of the same lines (both pinned to core 0), and --threads 1 on 1 core against
# --threads 2 on 2 cores on the 100,000-sample cohort, with the output on disk and in memory, every
# pair of outputs checked byte-identical: scripts/score-benchmark.sh (make bench-score), which
# prints each ratio with both commands. SCORE_N sets the cohort size (default 100,000).
echo
echo "5. Scoring core: g2t rescore on ${SCORE_N:-100000} generated samples (scripts/score-benchmark.sh)"
G2T=$G2T N=${SCORE_N:-100000} bash scripts/score-benchmark.sh

# 6. Batch (issue 17 point 5): g2t batch --jobs 1 on 1 core against --jobs 2 on 2 cores, on
# BATCH_N generated samples and on BATCH_DEEP samples of ~1,000x (the issue's cohort: 16), every
# sample of every run checked `done`, peak memory of one ~1,000x sample's process:
# scripts/batch-benchmark.sh (make bench-batch), which prints each ratio with both commands.
echo
echo "6. Batch: g2t batch on ${BATCH_N:-24} generated and ${BATCH_DEEP:-16} ~1,000x samples (scripts/batch-benchmark.sh)"
G2T=$G2T N=${BATCH_N:-24} DEEP=${BATCH_DEEP:-16} bash scripts/batch-benchmark.sh
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
