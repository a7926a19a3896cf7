#!/usr/bin/env bash
# Rebuilds every generated file in TestData/ from ../shared/reference with fixed seeds.
# Needs: python3, art_illumina, bwa, samtools, bcftools, tabix (Debian: art-nextgen-simulation-tools bwa samtools bcftools tabix).
# The outputs are committed, so tests never need the simulator.
set -euo pipefail
cd "$(dirname "$0")"
SIM="python3 $PWD/scripts/simulate.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$SIM loci "$work"
bwa index "$work/loci.fa" 2>/dev/null
bwa index "$work/loci-ot.fa" 2>/dev/null

align() { # sample build chrom out.bam
    local rg; rg=$($SIM rg "$1")
    # Relative paths inside $work keep the @PG command line, and so the BAM bytes, reproducible.
    (cd "$work" && bwa mem -t 2 -v 1 -R "@RG\tID:$1\tSM:$rg\tPL:ILLUMINA\tLB:$1" loci.fa "$1_1.fq" "$1_2.fq") \
        | $SIM shift "$2" "$3" \
        | samtools sort -@2 --no-PG -o "$4" -
    samtools index "$4"
}

mkdir -p samples truth ref
for s in demo-nsclc egfr-wildtype egfr-ex19del-t790m egfr-t790m-c797s-cis egfr-t790m-c797s-trans egfr-l858r-mnv egfr-ex20ins; do
    $SIM reads "$s" "$work"
    align "$s" GRCh38 chr7 "samples/$s.bam"
    $SIM truth "$s" GRCh38 | bgzip -c > "truth/$s.truth.vcf.gz"
    tabix -f -p vcf "truth/$s.truth.vcf.gz"
done

# Copy number: three normals for a panel of normals, tumours with a gene at 2, 4 and 8 copies.
mkdir -p samples/cn
for s in pon-normal-1 pon-normal-2 pon-normal-3 cn-2 cn-abcb1-4 cn-abcb1-8 cn-egfr-8; do
    $SIM reads "$s" "$work"
    align "$s" GRCh38 chr7 "samples/cn/$s.bam"
done
# The panel of normals the sample sheet uses (needs a built g2t: `swift build` first).
(cd samples/cn && ../../../.build/debug/g2t pon build pon-normal-1.bam pon-normal-2.bam pon-normal-3.bam -o pon.json)
# samples/cn/pon-format1.json is not regenerated: it is the same panel as g2t wrote it before format 2 (old-format test).

# Copy number with off-target reads on chr1, chr3, chr7 and chr12 (aligned to the EGFR and ABCB1 loci
# plus the off-target loci): normals with germline variants, and focal, whole-chr7, impure and loss tumours.
mkdir -p samples/cn-ot
for s in ot-normal-1 ot-normal-2 ot-normal-3 ot-egfr-8 ot-chr7-4 ot-egfr-8-p50 ot-abcb1-1; do
    $SIM reads "$s" "$work"
    rg=$($SIM rg "$s")
    (cd "$work" && bwa mem -t 2 -v 1 -R "@RG\tID:$s\tSM:$rg\tPL:ILLUMINA\tLB:$s" loci-ot.fa "${s}_1.fq" "${s}_2.fq") \
        | $SIM shift GRCh38 chr7 offtarget \
        | samtools sort -@2 --no-PG -o "samples/cn-ot/$s.bam" -
    samtools index "samples/cn-ot/$s.bam"
done

# Artefact traps: the egfr-trap SNV (chr7:55191850 A>T, 20%) made into each artefact kind.
$SIM reads egfr-trap "$work"
(cd "$work" && bwa mem -t 2 -v 1 -R "@RG\tID:egfr-trap\tSM:EGFR-TRAP\tPL:ILLUMINA\tLB:egfr-trap" loci.fa egfr-trap_1.fq egfr-trap_2.fq) \
    | $SIM shift GRCh38 chr7 > "$work/trap.sam"
for kind in none strand readend orientation lowbq dup lowmapq mostlydup mostlylowmapq; do
    $SIM trap $kind < "$work/trap.sam" | samtools sort -@2 --no-PG -o "samples/trap-$kind.bam" -
    samtools index "samples/trap-$kind.bam"
done

# FFPE-like samples: C>T/G>A (and G>T/C>A) damage at 1-5% per site, 90% in one pair orientation,
# true SNVs at 2/5/20% and near-threshold damage and strand traps (scripts/simulate_ffpe.py).
bash scripts/make-ffpe.sh "$work"

# The demo again on GRCh37 with Ensembl-style contig names ("7"), kinase-domain exons only.
align demo-nsclc GRCh37 7 "$work/demo37.bam"
samtools view -b --no-PG -o samples/demo-nsclc.grch37.bam "$work/demo37.bam" 7:55241600-55259600 7:87138500-87138800
samtools index samples/demo-nsclc.grch37.bam
$SIM truth demo-nsclc GRCh37 | bgzip -c > truth/demo-nsclc.grch37.truth.vcf.gz
tabix -f -p vcf truth/demo-nsclc.grch37.truth.vcf.gz

# chr7 of the true GRCh38 length (EGFR + ABCB1 exons, N elsewhere), bgzipped: the reference for the CRAM test.
$SIM chr7 GRCh38 "$work/chr7.fa"
bgzip -c "$work/chr7.fa" > ref/chr7.panel.GRCh38.fa.gz
samtools faidx ref/chr7.panel.GRCh38.fa.gz
samtools view -C --no-PG -T ref/chr7.panel.GRCh38.fa.gz -o samples/egfr-ex19del-t790m.cram samples/egfr-ex19del-t790m.bam
samtools index samples/egfr-ex19del-t790m.cram

# Bad inputs: a BAM of another build (mouse GRCm39 chr7 length), a text file, an unsorted BAM.
mkdir -p bad
printf '@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr7\tLN:144995196\n@RG\tID:m\tSM:MOUSE\nr1\t0\tchr7\t1000\t60\t4M\t*\t0\t0\tACGT\tIIII\tRG:Z:m\n' \
    | samtools view -b --no-PG -o bad/other-build.bam -
samtools index bad/other-build.bam
printf 'This is not an alignment file.\n' > bad/not-a-bam.txt
{ samtools view -H --no-PG samples/egfr-ex19del-t790m.bam | sed 's/SO:coordinate/SO:unsorted/'
  samtools view --no-PG samples/egfr-ex19del-t790m.bam | head -400 | tac; } \
    | samtools view -b --no-PG -o bad/unsorted.bam -

du -sh samples truth ref bad

# Amplicon-panel samples (whole-amplicon reads with untrimmed primers; see the script).
./make-amplicon-testdata.sh

# VCFs in the styles of common callers (hand-written values; see the script).
python3 scripts/caller_vcfs.py vcf
bgzip -f -k vcf/mutect2.vcf && tabix -f -p vcf vcf/mutect2.vcf.gz

# Cell-free DNA with UMIs (issue 16): families of 1-12 read pairs per molecule, duplex UMIs in RX
# (scripts/simulate_cfdna.py; true alignments, no aligner). Plus bad UMI inputs made from the
# simplex sample: RX on half the reads, malformed UMIs (N-rich, wrong length), sorted by name.
mkdir -p samples/cfdna truth/cfdna
CF="python3 $PWD/scripts/simulate_cfdna.py"
for s in cfdna-t790m cfdna-negative cfdna-simplex cfdna-phase cfdna-duplex-t790m cfdna-pcr-t790m \
         cfdna-class-c797s cfdna-class-singletons cfdna-class-cpg cfdna-flank-c797s; do
    $CF "$s" "$work/$s.sam"
    samtools sort -@2 --no-PG -o "samples/cfdna/$s.bam" "$work/$s.sam"
    samtools index "samples/cfdna/$s.bam"
    $CF truth "$s" > "truth/cfdna/$s.truth.vcf"
done
samtools view -h --no-PG samples/cfdna/cfdna-simplex.bam \
    | awk 'BEGIN{OFS="\t"} /^@/ {print; next} { n++; if (int(n / 2) % 2 == 1) { for (i = 12; i <= NF; i++) if ($i ~ /^RX:Z:/) $i = "XX:i:0" } print }' \
    | samtools view -b --no-PG -o samples/cfdna/cfdna-partial-umi.bam -
samtools index samples/cfdna/cfdna-partial-umi.bam
samtools view -h --no-PG samples/cfdna/cfdna-simplex.bam \
    | awk 'BEGIN{OFS="\t"} /^@/ {print; next} { n++; for (i = 12; i <= NF; i++) if ($i ~ /^RX:Z:/) {
          if (n % 20 == 0) $i = "RX:Z:NNNNAC"; else if (n % 20 == 1) $i = "RX:Z:ACGTACGTAC" } print }' \
    | samtools view -b --no-PG -o samples/cfdna/cfdna-malformed-umi.bam -
samtools index samples/cfdna/cfdna-malformed-umi.bam
samtools sort -n --no-PG -o samples/cfdna/cfdna-namesorted.bam samples/cfdna/cfdna-simplex.bam
