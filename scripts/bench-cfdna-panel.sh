#!/usr/bin/env bash
# make bench-cfdna-panel: issue 16's speed target on a realistic footprint. bench-cfdna-scale's samples
# cover two loci (~500 bases, one target cluster), where g2t's fixed cost per run is a fifth of its time
# and its threads have nothing to share; a lab's cfDNA sample covers its whole panel at that depth. Here
# the molecules tile EVERY EGFR coding-exon target (TestData/scripts/simulate_cfdna.py panel: 28 targets,
# ~4.8 kb; bench's families, duplex UMIs, errors and hotspots at 0.5%) at ~2,500 molecules a base and
# families of 1-4, 1-30 and 1-70 read pairs (~4,500x, ~20,000x, ~45,000x raw; bench-cfdna-scale's caps).
# At ~20,000x, like for like (scripts/bench-pairs.py: alternating runs, medians, LOADED marked):
#   1 thread each:  g2t pipeline --threads 1        vs samtools view -c -M -L targets.bed
#   2 threads each: g2t pipeline --threads 2        vs samtools view -c -M -L targets.bed -@ 1 (one inflating thread)
#                   and vs samtools -@ 2 (three threads on the 2 cores: samtools at its best here)
#   the report stage: g2t call (no report files) beside g2t pipeline, 1 thread each
# Peak RSS by /usr/bin/time -v at every depth (issue 16: below 200 MB from 5,000x to 50,000x).
# CALLGRIND=1 adds instruction counts of the 1-thread pair (and g2t call), on an `objcopy --strip-debug`
# copy of $G2T: repeatable under load, where wall times are not.
# usage: scripts/bench-cfdna-panel.sh   (G2T=.build/release/g2t, RUNS=5, BENCH_WORK=dir to keep samples, CALLGRIND=1)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/cfdna-bench.sh
cfdna_setup bench-cfdna-panel
summary() { # reads, and per covered target: raw depth and molecules (the report's qc.umi.targets)
    python3 - "$1" <<'EOF'
import json, statistics, sys
t = [x for x in json.load(open(sys.argv[1]))["qc"]["umi"]["targets"] if x["meanRawDepth"] > 0]
raw, mol = [x["meanRawDepth"] for x in t], [x["meanMolecules"] for x in t]
print(f"{len(t)} targets covered; mean raw depth per target {min(raw):,.0f}-{max(raw):,.0f}x (median {statistics.median(raw):,.0f}x), "
      f"molecules {min(mol):,.0f}-{max(mol):,.0f} (median {statistics.median(mol):,.0f})")
EOF
}
printf '' > "$W/pairs.tsv"
for spec in "9101 4 5k" "9103 30 20k" "9102 70 50k"; do
    read -r seed cap name <<< "$spec"
    s="$W/panel-$name"
    cfdna_sample panel "$seed" "$cap" "$s.bam"
    for t in 1 2; do
        rm -rf "$s.out"
        /usr/bin/time -v "$G2T" pipeline "$s.bam" --out "$s.out" --threads $t >/dev/null 2> "$s.time"
        rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$s.time")
        echo "panel-$name --threads $t: peak RSS $((rss / 1024)) MiB; wall $(awk -F': ' '/Elapsed/ {print $2}' "$s.time")"
    done
    echo "panel-$name: reads $(samtools view -c "$s.bam"), bases covered $(samtools depth "$s.bam" | wc -l); $(summary "$s.out"/*.report.json)"
done
s="$W/panel-20k"
{
    printf 'panel-20k, 1 thread each: g2t pipeline vs samtools view -c\t%s pipeline %s.bam --out %s.o1 --threads 1\tsamtools view -c -M -L %s %s.bam\n' "$G2T" "$s" "$s" "$W/targets.bed" "$s"
    printf 'panel-20k, 2 threads each: g2t pipeline vs samtools view -c -@ 1\t%s pipeline %s.bam --out %s.o2 --threads 2\tsamtools view -c -M -L %s -@ 1 %s.bam\n' "$G2T" "$s" "$s" "$W/targets.bed" "$s"
    printf 'panel-20k, g2t 2 threads vs samtools -@ 2 (3 threads)\t%s pipeline %s.bam --out %s.o2 --threads 2\tsamtools view -c -M -L %s -@ 2 %s.bam\n' "$G2T" "$s" "$s" "$W/targets.bed" "$s"
    printf 'panel-20k, 1 thread each: g2t pipeline vs g2t call (the report stage)\t%s pipeline %s.bam --out %s.o1 --threads 1\t%s call %s.bam -o %s.call.json --threads 1\n' "$G2T" "$s" "$s" "$G2T" "$s" "$s"
    printf 'panel-20k, 1 thread each: g2t call vs samtools view -c\t%s call %s.bam -o %s.call.json --threads 1\tsamtools view -c -M -L %s %s.bam\n' "$G2T" "$s" "$s" "$W/targets.bed" "$s"
    printf 'panel-20k: g2t pipeline --threads 1 vs --threads 2\t%s pipeline %s.bam --out %s.o1 --threads 1\t%s pipeline %s.bam --out %s.o2 --threads 2\n' "$G2T" "$s" "$s" "$G2T" "$s" "$s"
} >> "$W/pairs.tsv"
python3 scripts/bench-pairs.py "${RUNS:-5}" < "$W/pairs.tsv"
if [ "${CALLGRIND:-0}" = 1 ]; then
    objcopy --strip-debug "$G2T" "$W/g2t.s"
    count() { # total instructions (Ir) of one command under callgrind
        valgrind --tool=callgrind --callgrind-out-file="$W/cg.$1" "${@:2}" >/dev/null 2> "$W/cg.$1.log"
        echo "$1: $(sed -n 's/^summary: //p' "$W/cg.$1") instructions ($W/cg.$1)"
    }
    rm -rf "$s.cg"
    count pipeline "$W/g2t.s" pipeline "$s.bam" --out "$s.cg" --threads 1
    count call "$W/g2t.s" call "$s.bam" -o "$s.cg.json" --threads 1
    count samtools samtools view -c -M -L "$W/targets.bed" "$s.bam"
fi
echo "# load average at end $(cut -d' ' -f1 /proc/loadavg)"
