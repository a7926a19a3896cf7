#!/usr/bin/env bash
# Writes a VCF of N SNVs spread evenly over the panel's coding targets on chr7 (the FASTA is chr7 only), with the true GRCh38
# reference base as REF (from TestData's chr7 FASTA) and the next base in ACGT order as ALT.
# usage: make-panel-vcf.sh N OUT.vcf   (needs a built g2t and samtools)
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/release/g2t}
n=$1 out=$2
ref=TestData/ref/chr7.panel.GRCh38.fa.gz
# Known positions only: the FASTA has N outside EGFR and the ABCB1 exons.
positions=$($G2T targets | awk '$1 == "chr7" {for (p = $2 + 21; p <= $3 - 20; p++) print p}' \
    | while read -r p; do echo "chr7:$p-$p"; done | samtools faidx -r - "$ref" 2>/dev/null \
    | paste - - | awk '$2 != "N" {sub(/^>chr7:/, "", $1); sub(/-.*/, "", $1); print $1 "\t" $2}')
total=$(echo "$positions" | wc -l)
{
    printf '##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n'
    printf '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n'
    printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n'
    echo "$positions" | awk -v n="$n" -v total="$total" 'BEGIN { step = int(total / n); alt["A"] = "C"; alt["C"] = "G"; alt["G"] = "T"; alt["T"] = "A" }
        (NR - 1) % step == 0 && c < n { c++; printf "chr7\t%s\t.\t%s\t%s\t50\tPASS\t.\tGT:AD\t0/1:%d,%d\n", $1, $2, alt[$2], 100 + c, 20 + c }'
} > "$out"
