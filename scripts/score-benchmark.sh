#!/usr/bin/env bash
# Throughput, thread scaling and peak memory of the parallel scoring core (`g2t rescore`) on a
# generated cohort of annotated samples; prints ratios. Usage: make bench-score [N=100000].
# The baseline in the same run is a JSON Lines round trip in Python (parse + serialise every line,
# no scoring): the floor any tool that reads and writes these records pays.
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/release/g2t}
N=${N:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

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
hyperfine -N --runs "${RUNS:-1}" --export-json "$work/h.json" \
    "$G2T rescore $work/cohort.jsonl -o $work/out1.jsonl --threads 1" \
    "$G2T rescore $work/cohort.jsonl -o $work/out2.jsonl --threads 2" \
    "python3 $work/roundtrip.py $work/cohort.jsonl $work/py.jsonl" >/dev/null 2>&1
cmp "$work/out1.jsonl" "$work/out2.jsonl" && echo "outputs of --threads 1 and 2: byte-identical"
python3 - "$work/h.json" "$N" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
t1, t2, py = (x["median"] for x in r)
print(f"  --threads 1: {t1:8.1f} s  {n / t1:8.0f} samples/s")
print(f"  --threads 2: {t2:8.1f} s  {n / t2:8.0f} samples/s   scaling {t1 / t2:.2f}x")
print(f"  python JSON round trip (no scoring): {py:8.1f} s  {n / py:8.0f} samples/s   g2t 2 threads / python: {t2 / py:.2f}x")
PY
for t in 1 2; do
    /usr/bin/time -f "  peak RSS %M KB  g2t rescore --threads $t" $G2T rescore "$work/cohort.jsonl" -o "$work/m$t.jsonl" --threads $t 2>&1 >/dev/null | tail -1
done
