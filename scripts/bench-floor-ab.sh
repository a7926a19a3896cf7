#!/usr/bin/env bash
# A/B of the calling floor and the report stage (issue 17 points 2–3): two g2t binaries against each
# other and against samtools view -c over the same regions, every command once per round, the
# rounds alternating A and B so that the load of a shared machine falls on both sides alike.
# Single-threaded rows are pinned to one core (taskset -c 0), both tools; the --threads 2 rows to two.
# Usage: scripts/bench-floor-ab.sh A_BINARY B_BINARY WORKDIR [ROUNDS]
#   WORKDIR holds x4.bam and x14.bam made as scripts/benchmark.sh makes them (unique read names).
# Prints per command the median wall, user+sys CPU over the rounds, and `uptime` before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 work=$3 rounds=${4:-7}
demo=TestData/samples/demo-nsclc.bam
"$B" targets > "$work/targets.bed"
one="taskset -c 0" two="taskset -c 0,1"
log="$work/ab.tsv"; : > "$log"
run() { # label command...
    local label=$1; shift
    rm -rf "$work/out"
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null 2> "$work/err" || { echo "$label failed:" >&2; cat "$work/err" >&2; exit 1; }
    printf '%s\t%s\n' "$label" "$(cat "$work/t")" >> "$log"
}
echo "start: $(uptime)"
for r in $(seq "$rounds"); do
    order="A B"; [ $((r % 2)) -eq 0 ] && order="B A"   # who goes first alternates too
    for side in $order; do
        bin=${!side}
        for d in 4 14; do
            run "$side x$d pipeline 1t" $one "$bin" pipeline "$work/x$d.bam" --threads 1 --out "$work/out"
        done
        run "$side x14 pipeline 2t" $two "$bin" pipeline "$work/x14.bam" --threads 2 --out "$work/out"
        run "$side demo pipeline 1t" $one "$bin" pipeline "$demo" --threads 1 --out "$work/out"
        run "$side demo call 1t" $one "$bin" call "$demo" --threads 1 -o "$work/out.json"
    done
    for d in 4 14; do run "samtools x$d view -c 1t" $one samtools view -c -L "$work/targets.bed" "$work/x$d.bam"; done
    echo "round $r: $(uptime)"
done
python3 - "$log" <<'PY'
import sys, statistics as st
rows = {}
for line in open(sys.argv[1]):
    label, t = line.rstrip("\n").split("\t")
    e, u, s = map(float, t.split())
    rows.setdefault(label, []).append((e, u + s))
print(f"{'command':28} {'n':>2} {'wall med s':>10} {'cpu med s':>10}")
for k in sorted(rows):
    v = rows[k]
    print(f"{k:28} {len(v):>2} {st.median(x[0] for x in v):10.3f} {st.median(x[1] for x in v):10.3f}")
PY
