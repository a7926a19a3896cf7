#!/usr/bin/env bash
# make bench-cfdna, part 2 (issue 16, branch cfpeer2): g2t against umi_tools dedup + bcftools / freebayes with
# every peer cut CALIBRATED OUT OF SAMPLE. Two sets of simulated cfDNA samples, each through bench-cfdna.sh
# (same simulator settings, different seeds):
#   variant-free  BENCH_NULL_SAMPLES (default 45): the peers' cuts are chosen here
#                 (the loosest with no false hotspot record and <= 1 false record per sample over the target)
#   variant       BENCH_SAMPLES per bin (default 8: 24 hotspot opportunities) at BENCH_VAFS (default 0.1, 0.2,
#                 0.5, 1%): the cuts are applied unchanged, recall per bin is read here
# then scripts/bench-cfdna-calibrate.py. Simulator settings (override in the environment): binomial carrier
# counts (CFDNA_BINOMIAL_CARRIERS=1) and CFDNA_DUPLEX_FRACTION=0.55 (~36% of molecules duplex: families of 1-12
# read pairs are duplex with probability 1 - 0.5^(k-1), ~65% of molecules, times 0.55; "unset" = the simulator's
# own ~65%). The whole-target freebayes runs (~80 s of CPU a sample) are left out by default (BENCH_FB_WHOLE=0,
# BENCH_FB_USUAL=0): the forced-allele hotspot run still runs, so freebayes is scored as a hotspot-only
# genotyper (its best showing at the hotspots: a single whole-target cut must also keep <= 1 false record per
# sample elsewhere, so it is never looser at the hotspots). ~11 s of CPU a sample then; BENCH_FB_WHOLE=1 adds
# the whole-target rows. BENCH_JOBS (default 2) runs that many bench-cfdna.sh at once, niced.
# Outputs in BENCH_CAL_DIR (default /tmp/bench-cfdna-calibrated): null.*/var.* records and results, the
# calibrated table (calibrated.txt) and per-sample rows at the calibrated cuts (calibrated-per-sample.tsv).
set -euo pipefail
cd "$(dirname "$0")/.."
export CFDNA_BINOMIAL_CARRIERS=${CFDNA_BINOMIAL_CARRIERS:-1}
export CFDNA_DUPLEX_FRACTION=${CFDNA_DUPLEX_FRACTION:-0.55}
[ "$CFDNA_DUPLEX_FRACTION" = unset ] && unset CFDNA_DUPLEX_FRACTION  # the simulator's own split (~65% duplex)
export BENCH_FB_USUAL=${BENCH_FB_USUAL:-0}
export BENCH_FB_WHOLE=${BENCH_FB_WHOLE:-0}
export G2T=${G2T:-.build/release/g2t}
N=${BENCH_SAMPLES:-8}
NN=${BENCH_NULL_SAMPLES:-45}
VAFS=${BENCH_VAFS:-"0.001 0.002 0.005 0.01"}
SEED=${BENCH_SEED:-7600}
JOBS=${BENCH_JOBS:-2}
OUT=${BENCH_CAL_DIR:-/tmp/bench-cfdna-calibrated}
mkdir -p "$OUT"
python3 scripts/bench-cfdna-calibrate.py --self-test
echo "# bench-cfdna-calibrated: $NN variant-free + $N per bin at $VAFS; CFDNA_DUPLEX_FRACTION=${CFDNA_DUPLEX_FRACTION:-unset} BENCH_FB_WHOLE=$BENCH_FB_WHOLE CFDNA_BINOMIAL_CARRIERS=$CFDNA_BINOMIAL_CARRIERS; $G2T; $JOBS jobs; load average at start $(cut -d' ' -f1 /proc/loadavg)"
# Job j: a contiguous block of the VAF bins (seeds SEED+50j+1..., 50 = the seed stride) and its share of the variant-free samples
# (seeds SEED+50(JOBS+j)+1...; the later jobs take the remainder): with the defaults, job 0 runs 0.1% and 0.2%
# (seeds 7601-7616) and 22 variant-free samples (7701-7722), job 1 0.5% and 1% (7651-7666) and 23 (7751-7773).
pids=()
vafs=($VAFS)
per=$(( (${#vafs[@]} + JOBS - 1) / JOBS ))
stride=50  # seeds per job and set; wider when a job has more samples, so no two samples share a seed
for need in $((N * per)) $((NN / JOBS + 1)); do [ "$need" -gt "$stride" ] && stride=$need; done
for j in $(seq 0 $((JOBS - 1))); do
    mine="${vafs[*]:$((j * per)):$per}"
    nnull=$(( NN / JOBS + (j >= JOBS - NN % JOBS ? 1 : 0) ))
    (
        if [ -n "$mine" ]; then
            BENCH_VAFS="$mine" BENCH_SAMPLES=$N BENCH_SEED=$((SEED + stride * j)) BENCH_KEEP="$OUT/var$j" BENCH_OUT="$OUT/var$j.results.tsv" \
                nice -n 5 bash scripts/bench-cfdna.sh > "$OUT/var$j.log" 2>&1
        fi
        if [ "$nnull" -gt 0 ]; then
            BENCH_CURVE=0 BENCH_VAFS=0 BENCH_SAMPLES=$nnull BENCH_SEED=$((SEED + stride * (JOBS + j))) BENCH_KEEP="$OUT/null$j" BENCH_OUT="$OUT/null$j.results.tsv" \
                nice -n 5 bash scripts/bench-cfdna.sh > "$OUT/null$j.log" 2>&1
        fi
    ) &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
cat_tsv() { awk 'FNR > 1 || NR == 1' "$@"; }  # one header
cat_tsv "$OUT"/var*/records.tsv > "$OUT/var.records.tsv"
cat_tsv "$OUT"/var*.results.tsv > "$OUT/var.results.tsv"
cat_tsv "$OUT"/null*/records.tsv > "$OUT/null.records.tsv"
cat_tsv "$OUT"/null*.results.tsv > "$OUT/null.results.tsv"
# The panel's hotspot alleles on chr7 (a false record at any of them is a false hotspot record).
"$G2T" call TestData/samples/cfdna/cfdna-negative.bam -o "$OUT/panel.json" --threads 1 >/dev/null
python3 -c 'import json, sys
for h in json.load(open(sys.argv[1]))["hotspots"]:
    if h["chrom"] == "chr7": print(h["pos"], h["ref"], h["alt"])' "$OUT/panel.json" > "$OUT/panel-hotspots.txt"
python3 scripts/bench-cfdna-calibrate.py "$OUT/null.records.tsv" "$OUT/null.results.tsv" "$OUT/var.records.tsv" "$OUT/var.results.tsv" \
    "$OUT/panel-hotspots.txt" "$OUT/calibrated-per-sample.tsv" | tee "$OUT/calibrated.txt"
echo "# load average at end $(cut -d' ' -f1 /proc/loadavg); outputs in $OUT"
