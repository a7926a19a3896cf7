#!/usr/bin/env bash
# FFPE-like samples (TestData/samples/ffpe/), called by make-testdata.sh with its work directory
# (loci.fa, bwa-indexed); standalone: `bash scripts/make-ffpe.sh` makes its own.
set -euo pipefail
cd "$(dirname "$0")/.."
SIM="python3 $PWD/scripts/simulate.py"
FFPE="python3 $PWD/scripts/simulate_ffpe.py"
work=${1:-}
if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    $SIM loci "$work"
    bwa index "$work/loci.fa" 2>/dev/null
fi
mkdir -p samples/ffpe
for s in ffpe-deam ffpe-oxo; do
    $FFPE reads "$s" "$work"
    rg=$($FFPE rg "$s")
    # bwa writes mates together: the damage is drawn per fragment, then the alignments move to chr7.
    (cd "$work" && bwa mem -t 2 -v 1 -R "@RG\tID:$s\tSM:$rg\tPL:ILLUMINA\tLB:$s" loci.fa "${s}_1.fq" "${s}_2.fq") \
        | $FFPE damage "$s" \
        | $SIM shift GRCh38 chr7 \
        | samtools sort -@2 --no-PG -o "samples/ffpe/$s.bam" -
    samtools index "samples/ffpe/$s.bam"
    $FFPE truth "$s" > "samples/ffpe/$s.truth.vcf"
    $FFPE artefacts "$s" > "samples/ffpe/$s.artefacts.vcf"
    $FFPE rate "$s" > "samples/ffpe/$s.damage-rate.tsv"
done
