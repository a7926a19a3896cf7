#!/usr/bin/env bash
# `g2t rescore` before/after in one run: two binaries on the same cohort, each at 1 thread on core 0
# and 2 threads on cores 0-1, interleaved (A, B, A, B, ...) so both see the same machine load, with
# the Python JSON round trip of the same lines (parse + serialise, no scoring) pinned to core 0.
# Checks that each binary's outputs are byte-identical across thread counts, and (SAME_FORMAT=1,
# the default) also between the two binaries; SAME_FORMAT=0 when the scored line's format differs
# (before: version 1, the whole analysis; after: g2t-scored-line/2), then each output must have one
# line per sample.
# Usage: [SAME_FORMAT=0] scripts/score-benchmark-ab.sh BEFORE_G2T AFTER_G2T COHORT.jsonl [RUNS=3]
# (a cohort: scripts/score-benchmark.sh's template step, then scripts/make-cohort.py N 20261129 ...).
set -euo pipefail
before=$1 after=$2 cohort=$3 runs=${4:-3}
work=$(mktemp -d -p "${BENCH_DIR:-/tmp}")
trap 'rm -rf "$work"' EXIT
n=$(wc -l < "$cohort")
cat > "$work/roundtrip.py" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        o.write(json.dumps(json.loads(line), separators=(",", ":"), sort_keys=True) + "\n")
PY
cpu() { # label command... -> "label wall user+sys"
    local label=$1; shift
    /usr/bin/time -f "$label %e %U %S" "$@" 2>&1 >/dev/null | tail -1
}
echo "cohort: $n samples, $(du -m "$cohort" | cut -f1) MB; runs: $runs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$runs"); do
    cpu before-t1 taskset -c 0 "$before" rescore "$cohort" -o "$work/b1.jsonl" --threads 1
    cpu after-t1 taskset -c 0 "$after" rescore "$cohort" -o "$work/a1.jsonl" --threads 1
    cpu python taskset -c 0 python3 "$work/roundtrip.py" "$cohort" "$work/py.jsonl"
    cpu before-t2 taskset -c 0,1 "$before" rescore "$cohort" -o "$work/b2.jsonl" --threads 2
    cpu after-t2 taskset -c 0,1 "$after" rescore "$cohort" -o "$work/a2.jsonl" --threads 2
    cmp "$work/b1.jsonl" "$work/b2.jsonl" || { echo "FAILED: before, 2 threads differ from 1" >&2; exit 1; }
    cmp "$work/a1.jsonl" "$work/a2.jsonl" || { echo "FAILED: after, 2 threads differ from 1" >&2; exit 1; }
    if [ "${SAME_FORMAT:-1}" = 1 ]; then
        cmp "$work/b1.jsonl" "$work/a1.jsonl" || { echo "FAILED: after differs from before" >&2; exit 1; }
    else
        for f in b1 a1; do [ "$(wc -l < "$work/$f.jsonl")" -eq "$n" ] || { echo "FAILED: $f has not $n lines" >&2; exit 1; }; done
    fi
    echo "bytes $(wc -c < "$work/b1.jsonl") $(wc -c < "$work/a1.jsonl")" >&2
    rm -f "$work"/[ab]?.jsonl
done > "$work/times.txt"
if [ "${SAME_FORMAT:-1}" = 1 ]; then same="before/after x 1/2 threads byte-identical"; else same="1 and 2 threads byte-identical for each binary (formats differ)"; fi
echo "outputs: $same in every run; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/times.txt" "$n" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, wall, user, sys_ = line.split()
    runs.setdefault(label, []).append((float(wall), float(user) + float(sys_)))
n = int(sys.argv[2])
med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
for k in ("before-t1", "after-t1", "python", "before-t2", "after-t2"):
    w, c = med[k]
    print(f"  {k:10s} wall {w:7.1f} s  {n / w:6.0f} samples/s   cpu {c:7.1f} s  {n / c:6.0f} samples/cpu-s   (walls {', '.join(f'{x:.1f}' for x, _ in runs[k])})")
for v in ("before", "after"):
    t1, t2 = med[v + "-t1"][0], med[v + "-t2"][0]
    print(f"  {v}: 1 thread / python (wall, both on core 0) {t1 / med['python'][0]:.2f}x; 2 threads scaling {t1 / t2:.2f}x")
print(f"  after / before, 1 thread: {med['before-t1'][0] / med['after-t1'][0]:.2f}x faster (wall), "
      f"{med['before-t1'][1] / med['after-t1'][1]:.2f}x (cpu)")
PY
