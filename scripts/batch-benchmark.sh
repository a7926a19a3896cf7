#!/usr/bin/env bash
# g2t batch on N generated samples (default 200: the TestData BAMs cycled under new names), with
# --jobs 1 and --jobs 2: wall time, samples per hour, peak memory. Baseline in the same run:
# `samtools view -c` over the same BAMs (decoding the reads, the floor for any htslib tool).
# Usage: make bench-batch [N=200]
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-$PWD/.build/release/g2t}
N=${N:-200}
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
inputs=$(tail -n +2 "$work/sheet.csv" | cut -d, -f2)
echo "g2t $($G2T --version | head -1); cores: $(nproc); $N samples (cycling $(echo "$inputs" | sort -u | wc -l) distinct BAMs, $(echo "$inputs" | sort -u | xargs du -cm | tail -1 | cut -f1) MB)"
for jobs in 1 2; do
    rm -rf "$work/out"
    /usr/bin/time -f "jobs$jobs %e %M" $G2T batch "$work/sheet.csv" --out "$work/out" --jobs "$jobs" 2>>"$work/times.txt" >/dev/null
done
/usr/bin/time -f "resume %e %M" $G2T batch "$work/sheet.csv" --out "$work/out" --jobs 2 2>>"$work/times.txt" >/dev/null
/usr/bin/time -f "samtools %e %M" bash -c "for f in $(echo $inputs | tr '\n' ' '); do samtools view -c \$f >/dev/null; done" 2>>"$work/times.txt"
grep -c "	done	" "$work/out/batch-summary.tsv" >/dev/null || true
python3 - "$work/times.txt" "$N" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 3 and p[0] in ("jobs1", "jobs2", "resume", "samtools"):
        t[p[0]] = (float(p[1]), int(p[2]) // 1024)
n = int(sys.argv[2])
for k in ("jobs1", "jobs2"):
    w, m = t[k]
    print(f"  g2t batch --jobs {k[-1]}: {w:7.1f} s  {n / w * 3600:9.0f} samples/hour  {w / n * 1000:6.0f} ms/sample  peak RSS {m} MB")
print(f"  scaling --jobs 1 → 2: {t['jobs1'][0] / t['jobs2'][0]:.2f}x")
print(f"  resume (all {n} up to date): {t['resume'][0]:.1f} s")
print(f"  samtools view -c over the same BAMs: {t['samtools'][0]:.1f} s; g2t --jobs 2 / samtools: {t['jobs2'][0] / t['samtools'][0]:.1f}x")
PY
