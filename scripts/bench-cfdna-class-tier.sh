#!/usr/bin/env bash
# The family-class hotspot tier (issue 16, branch cls1) on the calibrated bench's samples: g2t A (main's
# release build) and B (this branch's) call the same simulated cfDNA samples, g2t only. The peers do not
# depend on g2t, and the simulator is deterministic per seed, so the calibrated freebayes rows of
# scripts/bench-cfdna-calibrated.sh for these seeds (docs/bench-cfdna-calibrated-2026-12-03.tsv, branch
# cfpeer2) score the same samples; A's rows reproduce that run's g2t rows, which checks it.
#   var     BENCH_VAFS (default 0.001 0.002) x 8 samples, seeds 7601... (the calibrated bench's job 0 bins)
#   null    BENCH_NULL_N (default 45) variant-free samples, seeds 7701-7722 and 7751-7773 (its null set)
#   std pcr10 small pcr10small   BENCH_CLASS_N (default 8) each, as bench-cfdna-class-eval.sh's kinds
#           (2% / 10% early-PCR error, families 1-12 / 1-2; seeds 9001..., 9101..., 9201..., 9401...)
# CFDNA_DUPLEX_FRACTION (default 0.55, ~36% duplex; "unset": the simulator's ~65%) and
# CFDNA_BINOMIAL_CARRIERS=1 as the calibrated bench. Commands per sample (printed below):
#   python3 TestData/scripts/simulate_cfdna.py bench SEED 2500 VAF S.sam MAXFAM; samtools sort; samtools index
#   $A call S.bam -o A.json --threads 1;  $B call S.bam -o B.json --threads 1
# Output rows: kind vaf seed binary found total false_positives t790m_calledBy c797s_calledBy
set -euo pipefail
cd "$(dirname "$0")/.."
export CFDNA_DUPLEX_FRACTION=${CFDNA_DUPLEX_FRACTION:-0.55} CFDNA_BINOMIAL_CARRIERS=${CFDNA_BINOMIAL_CARRIERS:-1}
[ "$CFDNA_DUPLEX_FRACTION" = unset ] && unset CFDNA_DUPLEX_FRACTION
A=${A:?set A to main release g2t}
B=${B:-.build/release/g2t}
KINDS=${BENCH_KINDS:-"var null std pcr10 small pcr10small"}
VAFS=${BENCH_VAFS:-"0.001 0.002"}
NN=${BENCH_NULL_N:-45}
NC=${BENCH_CLASS_N:-8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# bench-cfdna-class-tier: A=$A B=$B CFDNA_DUPLEX_FRACTION=${CFDNA_DUPLEX_FRACTION:-unset}; load $(cut -d' ' -f1 /proc/loadavg)" >&2
echo "# per sample: simulate_cfdna.py bench SEED 2500 VAF S.sam MAXFAM (CFDNA_PCR_ERROR as the kind); \$A|\$B call S.bam -o X.json --threads 1" >&2
printf 'kind\tvaf\tseed\tbinary\tfound\ttotal\tfalse_positives\tt790m_calledBy\tc797s_calledBy\n'
run() { # kind seed vaf max_family pcr_error
    local s="$work/s$2"
    CFDNA_PCR_ERROR=$5 python3 TestData/scripts/simulate_cfdna.py bench "$2" 2500 "$3" "$s.sam" "$4"
    samtools sort --no-PG -o "$s.bam" "$s.sam" 2>/dev/null && samtools index "$s.bam" && rm "$s.sam"
    for bin in A B; do
        "${!bin}" call "$s.bam" -o "$s.$bin.json" --threads 1 >/dev/null
        python3 - "$s.$bin.json" "$1" "$3" "$2" "$bin" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
kind, vaf, seed, binary = sys.argv[2:6]
hot = {(55181378, "C", "T"), (55181399, "G", "C"), (55174771, "AGGAATTAAGAGAAGC", "A")}
passing = {(v["pos"], v["ref"], v["alt"]) for v in a["variants"] if v.get("filter") == "PASS"}
real = float(vaf) > 0
found = len(passing & hot) if real else 0
fp = len(passing - hot) + (0 if real else len(passing & hot))
tiers = {h["pos"]: ",".join(h.get("calledBy") or ["-"]) for h in a["hotspots"] if h["pos"] in (55181378, 55181399)}
print("\t".join(map(str, [kind, vaf, seed, binary, found, 3 if real else 0, fp, tiers.get(55181378, "?"), tiers.get(55181399, "?")])))
PY
    done
    rm -f "$s".*
}
NULL_SEEDS=$(seq 7701 7722; seq 7751 7773)
NULL_SEEDS=$(echo $NULL_SEEDS | tr ' ' '\n' | head -n "$NN")
for kind in $KINDS; do
    case $kind in
        var) seed=7600; for vaf in $VAFS; do for i in $(seq 1 8); do seed=$((seed + 1)); run var "$seed" "$vaf" 12 0.02; done; done ;;
        null) for seed in $NULL_SEEDS; do run null "$seed" 0 12 0.02; done ;;
        std) for i in $(seq 1 "$NC"); do run std $((9000 + i)) 0 12 0.02; done ;;
        pcr10) for i in $(seq 1 "$NC"); do run pcr10 $((9100 + i)) 0 12 0.10; done ;;
        small) for i in $(seq 1 "$NC"); do run small $((9200 + i)) 0 2 0.02; done ;;
        pcr10small) for i in $(seq 1 "$NC"); do run pcr10small $((9400 + i)) 0 2 0.10; done ;;
    esac
done
echo "# load at end $(cut -d' ' -f1 /proc/loadavg)" >&2
