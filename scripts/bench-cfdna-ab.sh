#!/usr/bin/env bash
# Two g2t binaries on the same simulated cfDNA samples (branch hot1): each sample is simulated once
# (simulate_cfdna.py bench; CFDNA_DUPLEX_FRACTION and CFDNA_BINOMIAL_CARRIERS pass through) and called by
# both; per sample and binary: hotspots found (passing records at T790M, C797S, the exon 19 deletion),
# false positives (every other passing record), and B's duplex evidence at the two SNV hotspots.
# usage: A=old-g2t B=new-g2t [BENCH_SAMPLES=8] [BENCH_VAFS="0.001 0.002 0.005 0.01 0"] [BENCH_SEED=7500] bench-cfdna-ab.sh > out.tsv
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_SAMPLES:-8}
VAFS=${BENCH_VAFS:-"0.001 0.002 0.005 0.01 0"}
seed=${BENCH_SEED:-7500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# bench-cfdna-ab: A=$A B=$B; $N samples per bin; CFDNA_DUPLEX_FRACTION=${CFDNA_DUPLEX_FRACTION:-unset} CFDNA_BINOMIAL_CARRIERS=${CFDNA_BINOMIAL_CARRIERS:-unset}; load $(cut -d' ' -f1 /proc/loadavg)" >&2
printf 'binary\tvaf\tseed\tfound\ttotal\tfalse_positives\tT790M_molecules\tT790M_duplex\tC797S_molecules\tC797S_duplex\tduplex_molecules_T790M\tduplex_needed_T790M\tduplex_fraction\n'
for vaf in $VAFS; do
    for i in $(seq 1 "$N"); do
        seed=$((seed + 1))
        s="$work/s$seed"
        python3 TestData/scripts/simulate_cfdna.py bench "$seed" 2500 "$vaf" "$s.sam"
        samtools sort --no-PG -o "$s.bam" "$s.sam" 2>/dev/null && samtools index "$s.bam" && rm "$s.sam"
        for side in A B; do
            "${!side}" call "$s.bam" -o "$s.$side.json" --threads 2 >/dev/null
            python3 - "$s.$side.json" "$side" "$vaf" "$seed" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
side, vaf, seed = sys.argv[2:5]
hot = {(55181378, "C", "T"), (55181399, "G", "C"), (55174771, "AGGAATTAAGAGAAGC", "A")}
passing = [(v["pos"], v["ref"], v["alt"]) for v in a["variants"] if v["filter"] == "PASS"]
found = sum(1 for p in passing if p in hot) if float(vaf) > 0 else 0
fp = sum(1 for p in passing if p not in hot) + (sum(1 for p in passing if p in hot) if float(vaf) == 0 else 0)
h = {(x["pos"], x["ref"], x["alt"]): x for x in a["hotspots"]}
t, c = h.get((55181378, "C", "T"), {}), h.get((55181399, "G", "C"), {})
qc = [x for x in (a["qc"].get("umi") or {}).get("targets", []) if x.get("gene") == "EGFR" and x.get("exon") == 20]
print("\t".join(map(str, [side, vaf, seed, found, 3 if float(vaf) > 0 else 0, fp, t.get("altDepth", ""), t.get("duplexAltDepth", ""),
                          c.get("altDepth", ""), c.get("duplexAltDepth", ""), t.get("duplexDepth", ""), t.get("duplexMinAlt", ""),
                          qc[0].get("duplexFraction", "") if qc else ""])))
PY
        done
        rm -f "$s".*
    done
done
echo "# load at end $(cut -d' ' -f1 /proc/loadavg)" >&2
