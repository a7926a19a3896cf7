# Sourced by the cfDNA benchmarks (bench-cfdna-scale.sh, bench-cfdna-panel.sh) from the repository's root.

# cfdna_setup NAME: G2T (default the release build), W (= $BENCH_WORK, or a new folder; exported, so samples are
# kept when it is set) and $W/targets.bed (the panel's targets); prints the run's header line.
cfdna_setup() {
    G2T=${G2T:-.build/release/g2t}
    W=${BENCH_WORK:-$(mktemp -d)}
    export BENCH_WORK=$W
    echo "# $1: $G2T ($("$G2T" --version)); load average at start $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
    "$G2T" targets > "$W/targets.bed"
}

# cfdna_sample MODE SEED MAX_FAMILY OUT.bam: one simulated UMI sample, made once (MODE: bench or panel of
# TestData/scripts/simulate_cfdna.py; 2,500 molecules per locus, T790M, C797S and the exon 19 deletion at 0.5%).
cfdna_sample() {
    local mode=$1 seed=$2 cap=$3 bam=$4
    [ -s "$bam" ] && return 0
    python3 TestData/scripts/simulate_cfdna.py "$mode" "$seed" 2500 0.005 "${bam%.bam}.sam" "$cap"
    samtools sort --no-PG -o "$bam" "${bam%.bam}.sam" 2>/dev/null && samtools index "$bam" && rm "${bam%.bam}.sam"
}
