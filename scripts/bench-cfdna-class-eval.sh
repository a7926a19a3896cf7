#!/usr/bin/env bash
# Offline evaluation of a family-class hotspot test (scripts/bench-cfdna-class-test.py; branch cfpeer2, issue 16
# task 2): is it safe on variant-free samples at two early-PCR error rates and two family-size distributions,
# and what does it find at 0.1% and 0.2%? g2t (G2T) calls the same samples, for its own counts and calls.
# Kinds (BENCH_CLASS_N samples each, default 12; seeds as bench-cfdna-null.sh's where they overlap):
#   std         families of 1-12 read pairs, 2% of molecules with an early-PCR error   (seeds 9001...)
#   pcr10       10% early-PCR error                                                  (9101...)
#   small       families of 1-2 read pairs                                           (9201...)
#   pcr10small  both                                                                 (9401...)
#   vaf0.001, vaf0.002: BENCH_CLASS_POS samples each (default 8) at the bench's settings, seeds 7601... and
#               7609... (the calibrated bench's job 0: the same samples as its 0.1% and 0.2% bins)
# CFDNA_DUPLEX_FRACTION (default 0.55) and CFDNA_BINOMIAL_CARRIERS (default 1) pass to the simulator.
# Output (stdout): kind vaf seed hotspot class_counts backgrounds corrected_p called alt_molecules g2t_status
set -euo pipefail
cd "$(dirname "$0")/.."
export CFDNA_DUPLEX_FRACTION=${CFDNA_DUPLEX_FRACTION:-0.55} CFDNA_BINOMIAL_CARRIERS=${CFDNA_BINOMIAL_CARRIERS:-1}
[ "$CFDNA_DUPLEX_FRACTION" = unset ] && unset CFDNA_DUPLEX_FRACTION
G2T=${G2T:-.build/release/g2t}
N=${BENCH_CLASS_N:-12}
NPOS=${BENCH_CLASS_POS:-8}
KINDS=${BENCH_CLASS_KINDS:-"std pcr10 small pcr10small vaf0.001 vaf0.002"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/bench-cfdna-class-test.py --self-test >&2
echo "# bench-cfdna-class-eval: CFDNA_DUPLEX_FRACTION=${CFDNA_DUPLEX_FRACTION:-unset}; $G2T; load $(cut -d' ' -f1 /proc/loadavg)" >&2
printf 'kind\tvaf\tseed\thotspot\talt/molecules per class\tbackground per class\tcorrected_p\tcalled\talt_molecules\tg2t_status\n'
run() { # kind seed vaf max_family pcr_error
    local s="$work/s$2"
    CFDNA_PCR_ERROR=$5 python3 TestData/scripts/simulate_cfdna.py bench "$2" 2500 "$3" "$s.sam" "$4"
    samtools sort --no-PG -o "$s.bam" "$s.sam" 2>/dev/null && samtools index "$s.bam" && rm "$s.sam"
    "$G2T" call "$s.bam" -o "$s.json" --threads 1 >/dev/null
    python3 scripts/bench-cfdna-class-test.py "$1" "$3" "$2" "$s.bam" > "$s.rows"
    python3 - "$s.json" "$s.rows" <<'PY'
import json, sys
st = {h["name"].split()[1]: h["status"] for h in json.load(open(sys.argv[1]))["hotspots"] if h["pos"] in (55181378, 55181399)}
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    print("\t".join(f + [st.get(f[3], "?")]))
PY
    rm -f "$s".*
}
for kind in $KINDS; do
    case $kind in
        std) for i in $(seq 1 "$N"); do run std $((9000 + i)) 0 12 0.02; done ;;
        pcr10) for i in $(seq 1 "$N"); do run pcr10 $((9100 + i)) 0 12 0.10; done ;;
        small) for i in $(seq 1 "$N"); do run small $((9200 + i)) 0 2 0.02; done ;;
        pcr10small) for i in $(seq 1 "$N"); do run pcr10small $((9400 + i)) 0 2 0.10; done ;;
        vaf0.001) for i in $(seq 1 "$NPOS"); do run vaf $((7600 + i)) 0.001 12 0.02; done ;;
        vaf0.002) for i in $(seq 1 "$NPOS"); do run vaf $((7608 + i)) 0.002 12 0.02; done ;;
    esac
done
echo "# load at end $(cut -d' ' -f1 /proc/loadavg)" >&2
