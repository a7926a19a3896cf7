#!/usr/bin/env bash
# make bench-cfdna: UMI consensus calling (issue 16) against a raw-read pipeline of peers on
# simulated cfDNA (TestData/scripts/simulate_cfdna.py; real EGFR sequence, duplex UMIs, families of
# 1-12 read pairs): hotspot recall per VAF bin (T790M, C797S, exon 19 deletion) and false positives
# per sample over the whole target, for
#   g2t          g2t call (UMI mode switches on by itself)
#   umitools+bcftools   umi_tools dedup (directional) then bcftools mpileup | call -mv
#   umitools+freebayes  umi_tools dedup then freebayes (--pooled-continuous -F 0.001 -C 3, restricted to
#                       the panel's targets on chr7 with -t, --limit-coverage 20000, --use-best-n-alleles 4:
#                       over the whole chr7 without them it did not finish a sample in 7 min)
# Peers' records are split and left-aligned (bcftools norm -m- -f REF) before scoring, so a multi-allelic
# record or another indel representation still matches the hotspot; every record they emit counts
# (freebayes --pooled-continuous gives QUAL ~0 to low-fraction alleles, so no QUAL cut is applied to either).
# Needs: python3, samtools, bcftools; umi_tools and freebayes (apt) if present. umi_tools 1.1.6 has no
# wheel here and its build needs Cython, pysam and wheel without build isolation:
#   pip install --break-system-packages cython pysam wheel
#   pip install --break-system-packages --no-build-isolation umi_tools
# umi_tools dedup reads the duplex UMI as one string, so a molecule's two strands are two reads kept.
# BENCH_SAMPLES per VAF bin (default 4), BENCH_MOLECULES per locus (default 2500).
# Precision-matched comparison (branch cfpeer): every tool's records are kept (BENCH_KEEP, default
# /tmp/bench-cfdna-vcfs) with the scores each tool emits (QUAL, alt count AO, AO/DP), and
# scripts/bench-cfdna-curve.py ranks each peer's records by each score and prints its recall per VAF bin
# at the loosest cut whose false positives per sample are <= g2t's (one cut for every sample, chosen on
# the variant-free and variant samples together), and a recall / false-positive curve. Besides the
# rows above the peers run as
#   umitools+bcftools-all  bcftools call -m -A without -v (every site with an alt allele, ranked by its QUAL/AD)
#   umitools+freebayes-F0.01  freebayes --pooled-continuous -F 0.01 -C 2 (the usual low-frequency setting)
#   umitools+freebayes+hot  freebayes with the three hotspot alleles forced (-@ hotspots.vcf -l, restricted to
#                       them with -t): g2t calls hotspots with a lower evidence bar than elsewhere, so the peer
#                       gets the same; its hotspot records are scored together with the whole-target run's
#                       other records (its false positives over the whole target).
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/release/g2t}
N=${BENCH_SAMPLES:-4}
MOL=${BENCH_MOLECULES:-2500}
VAFS=${BENCH_VAFS:-"0.001 0.002 0.005 0.01 0"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SIM="python3 TestData/scripts/simulate_cfdna.py"
REF=TestData/ref/chr7.panel.GRCh38.fa.gz
have() { command -v "$1" >/dev/null 2>&1; }
load=$(cut -d' ' -f1 /proc/loadavg)
echo "# bench-cfdna: $N samples per VAF bin, $MOL molecules per locus; load average at start $load on $(nproc) cores"
echo "# g2t: $G2T call S.bam --threads 2 (UMI mode by itself)"
echo "# umitools+bcftools: umi_tools dedup --method directional --paired --extract-umi-method tag --umi-tag RX; bcftools mpileup -R targets -d 100000 -Q 20 -q 20 | bcftools call -mv | bcftools norm -m- -f REF"
echo "# umitools+freebayes: umi_tools dedup (same); freebayes -t targets -F 0.001 -C 3 --pooled-continuous --limit-coverage 20000 --use-best-n-alleles 4 | bcftools norm -m- -f REF"
echo "# umitools+bcftools-all: bcftools mpileup (same) | bcftools call -m -A (no -v) | bcftools norm -m- -f REF, records with an alt allele"
echo "# umitools+freebayes-F0.01: freebayes -t targets -F 0.01 -C 2 --pooled-continuous --limit-coverage 20000 --use-best-n-alleles 4"
echo "# umitools+freebayes+hot: freebayes -t hotspots.bed -@ hotspots.vcf.gz -l -F 0.001 -C 1 --pooled-continuous --limit-coverage 20000, plus the whole-target run's non-hotspot records"
KEEP=${BENCH_KEEP:-/tmp/bench-cfdna-vcfs}
mkdir -p "$KEEP"
# Truth: hotspots at GRCh38 chr7 (VCF form).
HOT="55181378:C:T 55181399:G:C 55174771:AGGAATTAAGAGAAGC:A"
printf 'tool\tvaf\tsample\thotspots_found\thotspots_total\tfalse_positives\tseconds\n' > "$work/results.tsv"
printf 'tool\tvaf\tsample\tpos\tref\talt\tfilter\tqual\tao\tdp\n' > "$work/records.tsv"
# The hotspot alleles as a VCF and BED for freebayes' forced-allele run.
printf '##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n' > "$work/hot.vcf"
for h in $HOT; do IFS=: read -r pos ref alt <<< "$h"; printf 'chr7\t%s\t.\t%s\t%s\t.\t.\t.\n' "$pos" "$ref" "$alt"; done | sort -k2,2n >> "$work/hot.vcf"
bgzip -f "$work/hot.vcf" && tabix -f "$work/hot.vcf.gz"
for h in $HOT; do IFS=: read -r pos ref alt <<< "$h"; printf 'chr7\t%s\t%s\n' "$((pos - 2))" "$((pos + ${#ref}))"; done | sort -k2,2n > "$work/hot.bed"
seed=${BENCH_SEED:-7000}  # samples are seeds BENCH_SEED+1, +2, ... (a second run beside the first: another BENCH_SEED)
for vaf in $VAFS; do
    for i in $(seq 1 "$N"); do
        seed=$((seed + 1))
        s="$work/s$seed"
        $SIM bench "$seed" "$MOL" "$vaf" "$s.sam"
        samtools sort -@2 --no-PG -o "$s.bam" "$s.sam" 2>/dev/null && samtools index "$s.bam" && rm "$s.sam"
        [ -s "$work/ref.fa.fai" ] || { zcat "$REF" > "$work/ref.fa"; samtools faidx "$work/ref.fa"; }
        [ -s "$work/targets7.bed" ] || "$G2T" targets | awk '$1=="chr7"' > "$work/targets7.bed"
        score() { # tool vcf seconds
            local found=0 fp=0 total=0
            if [ "$vaf" != 0 ]; then total=3; fi
            for h in $HOT; do
                IFS=: read -r pos ref alt <<< "$h"
                if bcftools view -H -f PASS,. "$2" 2>/dev/null | awk -v p="$pos" -v r="$ref" -v a="$alt" '$2==p && $4==r && $5==a' | grep -q .; then
                    [ "$vaf" != 0 ] && found=$((found + 1)) || fp=$((fp + 1))
                fi
            done
            # Every other passing record is a false positive (the samples carry no other variant).
            local other
            other=$(bcftools view -H -f PASS,. "$2" 2>/dev/null | awk -v hot="$HOT" 'BEGIN{n=split(hot,h," "); for(i=1;i<=n;i++){split(h[i],f,":"); k[f[1]":"f[2]":"f[3]]=1}} !(($2":"$4":"$5) in k)' | wc -l)
            fp=$((fp + other))
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$vaf" "$seed" "$found" "$total" "$fp" "$3" >> "$work/results.tsv"
        }
        records() { # tool vcf: every record with its scores (QUAL; AO and DP from INFO, else from FORMAT/AD)
            local fmt='%POS\t%REF\t%ALT\t%FILTER\t%QUAL\t.\t.\t[%AD]\n'
            if bcftools view -h "$2" | grep '^##INFO=<ID=AO,' >/dev/null; then fmt='%POS\t%REF\t%ALT\t%FILTER\t%QUAL\t%INFO/AO\t%INFO/DP\t.\n'; fi
            bcftools query -f "$fmt" "$2" \
                | awk -F'\t' -v t="$1" -v v="$vaf" -v s="$seed" 'BEGIN{OFS="\t"} $3!="." && $3!="<*>" {
                    ao=$6; dp=$7; if (ao=="." || ao=="") { n=split($8,a,","); ao=a[2]; dp=0; for(i=1;i<=n;i++) dp+=a[i] }
                    print t, v, s, $1, $2, $3, $4, $5, ao, dp }' >> "$work/records.tsv"
            cp "$2" "$KEEP/s$seed.vaf$vaf.$1.vcf${2##*.vcf}"
        }
        t0=$(date +%s.%N)
        "$G2T" call "$s.bam" -o "$s.g2t.json" --threads 2 >/dev/null
        python3 - "$s.g2t.json" "$s.g2t.vcf" "$s.g2tev.vcf" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
head = ("##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n"
        "##INFO=<ID=AO,Number=1,Type=Integer,Description=\"alt molecules\">\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"molecules\">\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
with open(sys.argv[2], "w") as f:
    f.write(head)
    for v in a["variants"]:
        f.write(f"{v['chrom']}\t{v['pos']}\t.\t{v['ref']}\t{v['alt']}\t.\t{v['filter']}\tAO={v.get('altDepth', 0)};DP={v.get('depth', 0)}\n")
# g2t's own per-hotspot evidence, called or not (branch cfpeer2): AO = alt molecules, DP = molecules,
# QUAL = duplex alt molecules (0 for the deletion, which the duplex tier does not test); only alleles
# with an alt molecule, so a cut on it can be calibrated like a peer's.
with open(sys.argv[3], "w") as f:
    f.write(head)
    for h in sorted(a.get("hotspots", []), key=lambda h: h["pos"]):
        if h.get("altDepth", 0) > 0:
            f.write(f"{h['chrom']}\t{h['pos']}\t.\t{h['ref']}\t{h['alt']}\t{h.get('duplexAltDepth', 0)}\t.\tAO={h['altDepth']};DP={h['depth']}\n")
PY
        score g2t "$s.g2t.vcf" "$(echo "$(date +%s.%N) - $t0" | bc)"
        records g2t "$s.g2t.vcf"
        score g2t-evidence+hot "$s.g2tev.vcf" 0
        records g2t-evidence+hot "$s.g2tev.vcf"
        if [ "${BENCH_PEERS:-1}" = 1 ] && have umi_tools; then  # BENCH_PEERS=0: g2t alone (an A/B of two g2t binaries on the same seeds)
            t0=$(date +%s.%N)
            umi_tools dedup --method directional --paired --extract-umi-method tag --umi-tag RX -I "$s.bam" -S "$s.dedup.bam" --log /dev/null 2>/dev/null
            samtools index "$s.dedup.bam"
            t1=$(date +%s.%N)
            # One pileup for both bcftools calls (the same records as two mpileup runs, at half the time).
            bcftools mpileup -f "$REF" -R "$work/targets7.bed" -a AD,DP -d 100000 -Q 20 -q 20 -Ob -o "$s.mpileup.bcf" "$s.dedup.bam" 2>/dev/null
            t3=$(date +%s.%N)
            bcftools call -mv "$s.mpileup.bcf" 2>/dev/null | bcftools norm -m- -f "$work/ref.fa" -Oz -o "$s.bcf.vcf.gz" 2>/dev/null
            score umitools+bcftools "$s.bcf.vcf.gz" "$(echo "$(date +%s.%N) - $t0" | bc)"
            records umitools+bcftools "$s.bcf.vcf.gz"
            t2=$(date +%s.%N)
            bcftools call -m -A "$s.mpileup.bcf" 2>/dev/null \
                | bcftools norm -m- -f "$work/ref.fa" 2>/dev/null | bcftools view -e 'ALT="."' -Oz -o "$s.bcfall.vcf.gz" 2>/dev/null
            score umitools+bcftools-all "$s.bcfall.vcf.gz" "$(echo "$(date +%s.%N) - $t2 + $t3 - $t0" | bc)"
            records umitools+bcftools-all "$s.bcfall.vcf.gz"
            if have freebayes; then
                # BENCH_FB_WHOLE=0: no whole-target freebayes run (~80 s of CPU a sample, most of the bench's time);
                # the forced-allele hotspot run below still runs, and "+hot" is then a hotspot-only genotyper.
                : > "$s.fb.vcf"
                if [ "${BENCH_FB_WHOLE:-1}" = 1 ]; then
                    t2=$(date +%s.%N)
                    freebayes -f "$work/ref.fa" -t "$work/targets7.bed" --min-alternate-fraction 0.001 --min-alternate-count 3 --pooled-continuous \
                        --limit-coverage 20000 --use-best-n-alleles 4 "$s.dedup.bam" 2>/dev/null | bcftools norm -m- -f "$work/ref.fa" -o "$s.fb.vcf" 2>/dev/null
                    score umitools+freebayes "$s.fb.vcf" "$(echo "$(date +%s.%N) - $t2 + $t1 - $t0" | bc)"
                    records umitools+freebayes "$s.fb.vcf"
                fi
                t2=$(date +%s.%N)
                freebayes -f "$work/ref.fa" -t "$work/hot.bed" -@ "$work/hot.vcf.gz" -l --min-alternate-fraction 0.001 --min-alternate-count 1 --pooled-continuous \
                    --limit-coverage 20000 "$s.dedup.bam" 2>/dev/null | bcftools norm -m- -f "$work/ref.fa" -o "$s.fbhot.vcf" 2>/dev/null
                # Forced hotspot alleles plus the whole-target run's other records: one call set over the whole target.
                { grep '^#' "$s.fbhot.vcf"; { grep -v '^#' "$s.fbhot.vcf"; { grep -v '^#' "$s.fb.vcf" || true; } | awk -v hot="$HOT" 'BEGIN{n=split(hot,h," "); for(i=1;i<=n;i++){split(h[i],f,":"); k[f[1]":"f[2]":"f[3]]=1}} !(($2":"$4":"$5) in k)'; } | sort -k2,2n; } > "$s.fbhotall.vcf"
                score umitools+freebayes+hot "$s.fbhotall.vcf" "$(echo "$(date +%s.%N) - $t2 + $t1 - $t0" | bc)"
                records umitools+freebayes+hot "$s.fbhotall.vcf"
                if [ "${BENCH_FB_USUAL:-1}" = 1 ] && [ "${BENCH_FB_WHOLE:-1}" = 1 ]; then
                    t2=$(date +%s.%N)
                    freebayes -f "$work/ref.fa" -t "$work/targets7.bed" --min-alternate-fraction 0.01 --min-alternate-count 2 --pooled-continuous \
                        --limit-coverage 20000 --use-best-n-alleles 4 "$s.dedup.bam" 2>/dev/null | bcftools norm -m- -f "$work/ref.fa" -o "$s.fb01.vcf" 2>/dev/null
                    score umitools+freebayes-F0.01 "$s.fb01.vcf" "$(echo "$(date +%s.%N) - $t2 + $t1 - $t0" | bc)"
                    records umitools+freebayes-F0.01 "$s.fb01.vcf"
                fi
            fi
        fi
        rm -f "$s".*
    done
done
echo "# per tool and VAF bin: recall (hotspots found / present), false positives per sample, mean seconds"
awk -F'\t' 'NR>1 {k=$1"\t"$2; f[k]+=$4; t[k]+=$5; fp[k]+=$6; n[k]++; s[k]+=$7}
    END {printf "tool\tvaf\trecall\tFP/sample\tseconds\n"
         for (k in f) { split(k, p, "\t"); printf "%s\t%s\t%s\t%.2f\t%.1f\n", p[1], p[2], (t[k] ? sprintf("%.2f", f[k] / t[k]) : "n/a"), fp[k] / n[k], s[k] / n[k] } }' \
    "$work/results.tsv" | sort
cp "$work/results.tsv" "${BENCH_OUT:-/tmp/bench-cfdna-results.tsv}"
cp "$work/records.tsv" "$KEEP/records.tsv"
echo "# peers at g2t's precision: each peer's records ranked by a score it emits (scripts/bench-cfdna-curve.py)"
# BENCH_NULL_PEER_TSV: the peer's hotspot records on many variant-free samples (bench-cfdna-null.sh, BENCH_NULL_PEER=1)
# BENCH_CURVE=0: no in-sample curve (bench-cfdna-calibrated.sh's variant-free runs: it has no variant to score)
[ "${BENCH_CURVE:-1}" = 1 ] && python3 scripts/bench-cfdna-curve.py "$work/records.tsv" "$work/results.tsv" "$KEEP/matched-per-sample.tsv" ${BENCH_NULL_PEER_TSV:+--null-peer "$BENCH_NULL_PEER_TSV"}
echo "# load average at end $(cut -d' ' -f1 /proc/loadavg); per-sample rows in ${BENCH_OUT:-/tmp/bench-cfdna-results.tsv}; records and VCFs in $KEEP"
