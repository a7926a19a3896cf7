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
# Truth: hotspots at GRCh38 chr7 (VCF form).
HOT="55181378:C:T 55181399:G:C 55174771:AGGAATTAAGAGAAGC:A"
printf 'tool\tvaf\tsample\thotspots_found\thotspots_total\tfalse_positives\tseconds\n' > "$work/results.tsv"
seed=7000
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
        t0=$(date +%s.%N)
        "$G2T" call "$s.bam" -o "$s.g2t.json" --threads 2 >/dev/null
        python3 - "$s.g2t.json" "$s.g2t.vcf" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write("##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
    for v in a["variants"]:
        f.write(f"{v['chrom']}\t{v['pos']}\t.\t{v['ref']}\t{v['alt']}\t.\t{v['filter']}\t.\n")
PY
        score g2t "$s.g2t.vcf" "$(echo "$(date +%s.%N) - $t0" | bc)"
        if have umi_tools; then
            t0=$(date +%s.%N)
            umi_tools dedup --method directional --paired --extract-umi-method tag --umi-tag RX -I "$s.bam" -S "$s.dedup.bam" --log /dev/null 2>/dev/null
            samtools index "$s.dedup.bam"
            t1=$(date +%s.%N)
            bcftools mpileup -f "$REF" -R "$work/targets7.bed" -a AD,DP -d 100000 -Q 20 -q 20 "$s.dedup.bam" 2>/dev/null | bcftools call -mv 2>/dev/null \
                | bcftools norm -m- -f "$work/ref.fa" -Oz -o "$s.bcf.vcf.gz" 2>/dev/null
            score umitools+bcftools "$s.bcf.vcf.gz" "$(echo "$(date +%s.%N) - $t0" | bc)"
            if have freebayes; then
                t2=$(date +%s.%N)
                freebayes -f "$work/ref.fa" -t "$work/targets7.bed" --min-alternate-fraction 0.001 --min-alternate-count 3 --pooled-continuous \
                    --limit-coverage 20000 --use-best-n-alleles 4 "$s.dedup.bam" 2>/dev/null | bcftools norm -m- -f "$work/ref.fa" -o "$s.fb.vcf" 2>/dev/null
                score umitools+freebayes "$s.fb.vcf" "$(echo "$(date +%s.%N) - $t2 + $t1 - $t0" | bc)"
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
echo "# load average at end $(cut -d' ' -f1 /proc/loadavg); per-sample rows in ${BENCH_OUT:-/tmp/bench-cfdna-results.tsv}"
