#!/usr/bin/env bash
# g2t batch, --jobs 1 pinned to one core against --jobs 2 on two cores (taskset, as the scoring
# benchmark: unpinned, one job gets the second core for free), on two cohorts:
#  a. N generated samples (default 200: the TestData BAMs cycled under new names);
#  b. DEEP samples of ~1,000x (default 16: the demo repeated 4 times, read names made unique per
#     copy), where the issue's targets apply: scaling >= 1.8x and peak memory <= 64 MB per sample.
# Every run must finish every sample: the batch's exit status and its summary (status column)
# are checked, and the script exits non-zero if any sample did not end `done` (`skipped` for the
# resume run). Baseline in the same run: `samtools view -c` over the same BAMs on one core.
# Usage: make bench-batch [N=200] [DEEP=16]
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-$PWD/.build/release/g2t}
N=${N:-200}
DEEP=${DEEP:-16}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
bams=(demo-nsclc egfr-wildtype egfr-ex19del-t790m egfr-t790m-c797s-cis egfr-t790m-c797s-trans egfr-ex20ins egfr-l858r-mnv)
types=(LUAD LUSC COADREAD STAD PAAD NSCLC)
{
    echo "sample,input,tumor_type,abcb1_expression,pon"
    for i in $(seq 0 $((N - 1))); do
        b=${bams[$((i % ${#bams[@]}))]}
        if [ $((i % 10)) -eq 9 ]; then   # every tenth sample: copy number against the panel of normals
            echo "S$(printf %04d "$i"),$PWD/TestData/samples/cn/cn-abcb1-8.bam,LUSC,,$PWD/TestData/samples/cn/pon.json"
        else
            echo "S$(printf %04d "$i"),$PWD/TestData/samples/$b.bam,${types[$((i % ${#types[@]}))]},,"
        fi
    done
} > "$work/sheet.csv"

# The deep cohort: one ~1,000x BAM per sample (distinct files, so the page cache is not shared
# unfairly between jobs), each the demo repeated 4 times with read names prefixed per copy.
demo=TestData/samples/demo-nsclc.bam
parts=()
for c in 1 2 3 4; do
    samtools view -h "$demo" | awk -v p="c$c." 'BEGIN{FS=OFS="\t"} /^@/{print; next} {$1=p $1; print}' \
        | samtools view -b -o "$work/part$c.bam" -
    parts+=("$work/part$c.bam")
done
samtools merge -f -o "$work/deep.bam" "${parts[@]}" 2>/dev/null
{
    echo "sample,input,tumor_type,abcb1_expression,pon"
    for i in $(seq 0 $((DEEP - 1))); do
        cp "$work/deep.bam" "$work/deep$i.bam" && samtools index "$work/deep$i.bam"
        echo "D$(printf %03d "$i"),$work/deep$i.bam,LUAD,,"
    done
} > "$work/deep.csv"

# run LABEL EXPECTED_STATUS SHEET OUT g2t-args...: times one batch, then checks that it exited 0
# and that every sample of the sheet has EXPECTED_STATUS in the summary.
run() {
    local label=$1 expect=$2 sheet=$3 out=$4; shift 4
    local status=0
    /usr/bin/time -f "$label %e %M" "$@" 2>>"$work/times.txt" >/dev/null || status=$?
    local rows ok
    rows=$(($(wc -l < "$sheet") - 1))
    ok=$(awk -F'\t' -v s="$expect" 'NR > 1 && $2 == s' "$out/batch-summary.tsv" 2>/dev/null | wc -l)
    if [ "$status" -ne 0 ] || [ "$ok" -ne "$rows" ]; then
        echo "FAILED: $label: exit $status, $ok of $rows samples $expect (summary: $out/batch-summary.tsv)" >&2
        awk -F'\t' -v s="$expect" 'NR > 1 && $2 != s' "$out/batch-summary.tsv" 2>/dev/null | head -5 >&2
        exit 1
    fi
}
inputs=$(tail -n +2 "$work/sheet.csv" | cut -d, -f2)
echo "g2t $($G2T --version | head -1); cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cohort a: $N samples (cycling $(echo "$inputs" | sort -u | wc -l) distinct BAMs, $(echo "$inputs" | sort -u | xargs du -cm | tail -1 | cut -f1) MB)"
echo "cohort b: $DEEP samples of ~1,000x ($(du -m "$work/deep.bam" | cut -f1) MB each, unique read names)"
for jobs in 1 2; do
    cpus=$([ "$jobs" -eq 1 ] && echo 0 || echo 0,1)
    rm -rf "$work/out" "$work/dout"
    run "jobs$jobs" done "$work/sheet.csv" "$work/out" taskset -c "$cpus" "$G2T" batch "$work/sheet.csv" --out "$work/out" --jobs "$jobs"
    run "deep$jobs" done "$work/deep.csv" "$work/dout" taskset -c "$cpus" "$G2T" batch "$work/deep.csv" --out "$work/dout" --jobs "$jobs"
done
run resume skipped "$work/sheet.csv" "$work/out" taskset -c 0,1 "$G2T" batch "$work/sheet.csv" --out "$work/out" --jobs 2
/usr/bin/time -f "samtools %e %M" taskset -c 0 bash -c "for f in $(echo $inputs | tr '\n' ' '); do samtools view -c \$f >/dev/null; done" 2>>"$work/times.txt"
/usr/bin/time -f "dsamtools %e %M" taskset -c 0 bash -c "for f in $work/deep*.bam; do samtools view -c \$f >/dev/null; done" 2>>"$work/times.txt"
# Peak memory of one deep sample's child process (the batch's own RSS is the parent's).
/usr/bin/time -f "dsample %e %M" "$G2T" pipeline "$work/deep0.bam" --tumor-type LUAD --out "$work/one" 2>>"$work/times.txt" >/dev/null
echo "every sample of every run finished (exit 0; summary status checked)"
python3 - "$work/times.txt" "$N" "$DEEP" "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 3 and p[0] in ("jobs1", "jobs2", "deep1", "deep2", "resume", "samtools", "dsamtools", "dsample"):
        t[p[0]] = (float(p[1]), int(p[2]) // 1024)
n, deep = int(sys.argv[2]), int(sys.argv[3])
loaded = float(sys.argv[4]) > int(sys.argv[5])
mark = "  LOADED: the load average exceeded the core count, rerun on an idle machine" if loaded else ""
for (a, b, k, what) in (("jobs1", "jobs2", n, "cohort a"), ("deep1", "deep2", deep, "cohort b, ~1,000x")):
    for key in (a, b):
        w, m = t[key]
        print(f"  {what}: g2t batch --jobs {key[-1]} ({'1 core' if key[-1] == '1' else '2 cores'}): {w:7.1f} s  {k / w * 3600:9.0f} samples/hour  {w / k * 1000:6.0f} ms/sample  peak RSS {m} MB")
    s = t[a][0] / t[b][0]
    target = f" (target >= 1.8x: {'met' if s >= 1.8 else 'NOT met'})" if a == "deep1" else ""
    print(f"  {what}: scaling = (--jobs 1 on 1 core) / (--jobs 2 on 2 cores) = {t[a][0]:.1f} s / {t[b][0]:.1f} s = {s:.2f}x{target}{mark}")
m = t["dsample"][1]
print(f"  one ~1,000x sample (g2t pipeline): peak RSS {m} MB (target <= 64 MB: {'met' if m <= 64 else 'NOT met'})")
print(f"  resume (all {n} up to date, --jobs 2): {t['resume'][0]:.1f} s")
print(f"  cohort a: g2t batch --jobs 1 / samtools view -c over the same BAMs (both 1 core): {t['jobs1'][0]:.1f} s / {t['samtools'][0]:.1f} s = {t['jobs1'][0] / t['samtools'][0]:.1f}x")
print(f"  cohort b: g2t batch --jobs 1 / samtools view -c over the same BAMs (both 1 core): {t['deep1'][0]:.1f} s / {t['dsamtools'][0]:.1f} s = {t['deep1'][0] / t['dsamtools'][0]:.1f}x")
PY
