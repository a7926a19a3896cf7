#!/usr/bin/env bash
# Rebuilds TestData/samples/amplicon (amplicon-panel samples on real GRCh38 EGFR exons 18-21) from
# ../shared/reference with fixed seeds; called by make-testdata.sh. Needs python3, samtools, bgzip, tabix.
set -euo pipefail
cd "$(dirname "$0")"
SIM="python3 $PWD/scripts/simulate_amplicon.py"
out=samples/amplicon
mkdir -p "$out/bad"
$SIM bed "$out/egfr-exons18-21.amplicons.bed"
for s in amplicon-egfr amplicon-egfr-markdup amplicon-dropout; do
    $SIM sam "$s" | samtools sort -@2 --no-PG -o "$out/$s.bam" -
    samtools index "$out/$s.bam"
done
# One truth for all three (the same variants; the dropout sample loses L858R's amplicon).
$SIM truth amplicon-egfr | bgzip -c > "$out/amplicon-egfr.truth.vcf.gz"
tabix -f -p vcf "$out/amplicon-egfr.truth.vcf.gz"

# Bad amplicon files (each must fail with one line naming it):
bed="$out/egfr-exons18-21.amplicons.bed"
# the same design in GRCh37 coordinates (EGFR: GRCh37 = GRCh38 + 67693), on a GRCh38 input
awk -F'\t' 'BEGIN{OFS="\t"} /^#/ {print; next} {$2 += 67693; $3 += 67693; print}' "$bed" > "$out/bad/grch37-coordinates.bed"
# an amplicon past the end of chr7 (GRCh38 length 159345973): contigs/lengths of another assembly
{ grep -v '^#' "$bed" | head -2; printf 'chr7\t159345900\t159346070\tPAST_END\t20\t20\n'; } > "$out/bad/past-contig-end.bed"
# overlapping amplicons without primer lengths (columns 1-4 only)
grep -v '^#' "$bed" | cut -f1-4 > "$out/bad/overlap-no-primers.bed"
# amplicons far from every panel target
printf 'chr7\t100000\t100170\tNOWHERE_1\t20\t20\nchr7\t100110\t100280\tNOWHERE_2\t20\t20\n' > "$out/bad/no-panel-overlap.bed"
du -sh "$out"
