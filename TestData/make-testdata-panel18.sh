#!/usr/bin/env bash
# Generates the issue-18 panel-gene samples (KRAS, NRAS, BRAF, MET, PIK3CA; PANEL_SAMPLES in scripts/simulate.py)
# into OUT/samples and OUT/truth (default: ../staging, i.e. not into TestData until g2t reads these genes).
# GRCh38 BAMs with chr1, chr3, chr7 and chr12 of their true lengths; fixed seeds. Needs what make-testdata.sh needs.
# The EGFR/ABCB1 samples of make-testdata.sh are not touched (their code path in simulate.py is unchanged).
set -euo pipefail
cd "$(dirname "$0")"
OUT=$(realpath -m "${1:-../staging}")
SIM="python3 $PWD/scripts/simulate.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$SIM loci "$work"
bwa index "$work/loci-ot.fa" 2>/dev/null
mkdir -p "$OUT/samples" "$OUT/truth"
samples=$(python3 -c "import sys; sys.path.insert(0, 'scripts'); import simulate; print(' '.join(simulate.PANEL_SAMPLES))")
for s in $samples; do
    $SIM reads "$s" "$work"
    rg=$($SIM rg "$s")
    (cd "$work" && bwa mem -t 2 -v 1 -R "@RG\tID:$s\tSM:$rg\tPL:ILLUMINA\tLB:$s" loci-ot.fa "${s}_1.fq" "${s}_2.fq") \
        | $SIM shift GRCh38 panel \
        | samtools sort -@2 --no-PG -o "$OUT/samples/$s.bam" -
    samtools index "$OUT/samples/$s.bam"
    $SIM truth "$s" GRCh38 | bgzip -c > "$OUT/truth/$s.truth.vcf.gz"
    tabix -f -p vcf "$OUT/truth/$s.truth.vcf.gz"
    rm -f "$work/${s}_1.fq" "$work/${s}_2.fq"
done
du -sh "$OUT/samples" "$OUT/truth"
