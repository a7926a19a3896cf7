#!/usr/bin/env bash
# Throughput, thread scaling and peak memory of the parallel scoring core (`g2t rescore`) on a
# generated cohort of annotated samples; prints ratios. Usage: make bench-score [N=100000].
# The baseline in the same run is a JSON Lines round trip in Python (parse + serialise every line,
# no scoring): the floor any tool that reads and writes these records pays. It runs pinned to one
# core and is compared with g2t's one-thread run on one core (per core, like for like).
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/release/g2t}
N=${N:-100000}
# BENCH_DIR=/dev/shm keeps the 4 GB of cohort files in memory (no disk writeback in the timings).
work=$(mktemp -d -p "${BENCH_DIR:-/tmp}")
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }


# Templates: real `g2t annotate` output of TestData samples.
for s in demo-nsclc egfr-ex19del-t790m egfr-t790m-c797s-cis egfr-t790m-c797s-trans egfr-ex20ins egfr-wildtype; do
    $G2T call "TestData/samples/$s.bam" -o "$work/$s.called.json" 2>/dev/null
    $G2T annotate "$work/$s.called.json" -o "$work/$s.annotated.json"
done
python3 scripts/make-cohort.py "$N" 20261129 "$work/cohort.jsonl" "$work"/*.annotated.json
echo "g2t $($G2T --version | head -1); cores: $(nproc); cohort: $N samples, $(du -m "$work/cohort.jsonl" | cut -f1) MB"

cat > "$work/roundtrip.py" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        o.write(json.dumps(json.loads(line), separators=(",", ":"), sort_keys=True) + "\n")
PY
# Each command runs RUNS times (default 1: the cohort is large); wall time and peak RSS from GNU time.
measure() { # label command...
    local label=$1; shift
    for r in $(seq "${RUNS:-1}"); do
        /usr/bin/time -f "$label %e %M" "$@" 2>&1 >/dev/null | tail -1
    done
}
# One thread on one core vs two threads on two cores (taskset): otherwise the single-threaded run
# gets the second core for free for its reading and writing, which hides what threads add.
{
    measure t1 taskset -c 0 $G2T rescore "$work/cohort.jsonl" -o "$work/out1.jsonl" --threads 1
    measure t2 taskset -c 0,1 $G2T rescore "$work/cohort.jsonl" -o "$work/out2.jsonl" --threads 2
    measure py taskset -c 0 python3 "$work/roundtrip.py" "$work/cohort.jsonl" "$work/py.jsonl"
    # The machine's own ceiling: two independent single-threaded processes, one per core, on a
    # 10,000-sample slice, against one process alone. Threads cannot beat this.
    head -n 10000 "$work/cohort.jsonl" > "$work/slice.jsonl"
    measure one taskset -c 0 $G2T rescore "$work/slice.jsonl" -o "$work/s1.jsonl" --threads 1
    measure pair bash -c "taskset -c 0 $G2T rescore $work/slice.jsonl -o $work/p1.jsonl --threads 1 & taskset -c 1 $G2T rescore $work/slice.jsonl -o $work/p2.jsonl --threads 1; wait"
    measure two taskset -c 0,1 $G2T rescore "$work/slice.jsonl" -o "$work/s2.jsonl" --threads 2
} > "$work/times.txt"
cmp "$work/out1.jsonl" "$work/out2.jsonl" || { echo "FAILED: outputs of --threads 1 and 2 differ" >&2; exit 1; }
echo "outputs of --threads 1 and 2: byte-identical ($(wc -l < "$work/out1.jsonl") lines, $(du -m "$work/out1.jsonl" | cut -f1) MB)"
[ "$(wc -l < "$work/out1.jsonl")" -eq "$N" ] || { echo "FAILED: $N samples in, $(wc -l < "$work/out1.jsonl") out" >&2; exit 1; }
python3 - "$work/times.txt" "$N" "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)" <<'PY'
import statistics, sys
if float(sys.argv[3]) > int(sys.argv[4]):
    print(f"  LOADED: load average {sys.argv[3]} on {sys.argv[4]} cores at the end; rerun on an idle machine before quoting")
runs = {}
for line in open(sys.argv[1]):
    label, wall, rss = line.split()
    runs.setdefault(label, []).append((float(wall), int(rss)))
n = int(sys.argv[2])
t1, t2, py = (statistics.median(w for w, _ in runs[k]) for k in ("t1", "t2", "py"))
m1, m2, mp = (max(r for _, r in runs[k]) // 1024 for k in ("t1", "t2", "py"))
print(f"  g2t rescore --threads 1 (1 core): {t1:8.1f} s  {n / t1:8.0f} samples/s  peak RSS {m1} MB")
print(f"  g2t rescore --threads 2 (2 cores): {t2:8.1f} s  {n / t2:8.0f} samples/s  peak RSS {m2} MB   scaling {t1 / t2:.2f}x")
one, pair, two = (statistics.median(w for w, _ in runs[k]) for k in ("one", "pair", "two"))
ceiling = 2 * one / pair
print(f"  machine ceiling (10,000-sample slice): one process {one:.1f} s; two independent processes side by side {pair:.1f} s"
      f" -> at most {ceiling:.2f}x from a second core")
print(f"  threads on the same slice: {one:.1f} s -> {two:.1f} s = {one / two:.2f}x, {one / two / ceiling * 100:.0f}% of the machine's ceiling")
print(f"  python JSON round trip (no scoring), 1 core: {py:8.1f} s  {n / py:8.0f} samples/s  peak RSS {mp} MB")
print(f"  per core, like for like: g2t rescore --threads 1 / python round trip (both pinned to core 0): {t1:.1f} s / {py:.1f} s = {t1 / py:.2f}x"
      f"; target >= 2,000 samples/s per core and faster than python: {'met' if n / t1 >= 2000 and t1 < py else 'NOT met'}")
PY
