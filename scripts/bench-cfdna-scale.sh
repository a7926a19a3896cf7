#!/usr/bin/env bash
# make bench-cfdna-scale: memory and speed of UMI consensus as raw depth grows at a fixed number of
# molecules (issue 16 targets: memory flat below 200 MB from 5,000x to 50,000x; g2t pipeline within
# 3x of `samtools view -c` over the same regions). Two samples from the bench-cfdna generator
# (TestData/scripts/simulate_cfdna.py bench; 2,500 duplex molecules per locus, T790M, C797S and the
# exon 19 deletion at 0.5%): families of 1-4 read pairs (~5,000x), 1-30 (~20,000x, the speed target's depth) and 1-70 (~45,000x).
# Peak RSS by /usr/bin/time -v; speed by scripts/bench-pairs.py (alternating runs, LOADED marked),
# single thread both (g2t --threads 1; samtools without -@).
# usage: scripts/bench-cfdna-scale.sh   (G2T=.build/release/g2t, RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/cfdna-bench.sh
cfdna_setup bench-cfdna-scale
printf '' > "$W/pairs.tsv"
for spec in "9001 4 5k" "9003 30 20k" "9002 70 50k"; do
    read -r seed cap name <<< "$spec"
    s="$W/cfdna-$name"
    cfdna_sample bench "$seed" "$cap" "$s.bam"
    rm -rf "$s.out"
    /usr/bin/time -v "$G2T" pipeline "$s.bam" --out "$s.out" --threads 1 >/dev/null 2> "$s.time"
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$s.time")
    wall=$(awk -F': ' '/Elapsed/ {print $2}' "$s.time")
    depth=$(python3 -c "import json,sys; a=json.load(open(sys.argv[1])); t=[x for x in a['qc']['umi']['targets'] if x['meanRawDepth']>0]; print(' '.join(f\"{x['gene']}-ex{x['exon']}:{x['meanRawDepth']:.0f}x/{x['meanMolecules']:.0f}mol\" for x in t))" "$s.out"/*.report.json)
    echo "cfdna-$name: reads $(samtools view -c "$s.bam"); raw depth/molecules per target $depth; peak RSS $((rss / 1024)) MB; wall $wall"
    printf 'cfdna-%s: g2t pipeline vs samtools view -c (targets)\t%s pipeline %s --out %s.o --threads 1\tsamtools view -c -M -L %s %s\n' \
        "$name" "$G2T" "$s.bam" "$s" "$W/targets.bed" "$s.bam" >> "$W/pairs.tsv"
done
python3 scripts/bench-pairs.py "${RUNS:-3}" < "$W/pairs.tsv"
echo "# load average at end $(cut -d' ' -f1 /proc/loadavg)"
