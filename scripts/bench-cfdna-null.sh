#!/usr/bin/env bash
# Hotspot evidence in UMI mode on many simulated cfDNA samples (issue 16, branch cfpeer): for each sample
# the molecules carrying each of the three bench hotspot alleles (T790M, C797S, exon 19 deletion), the
# hotspot's molecule depth and status, the sample's own per-substitution consensus background, and g2t's
# passing calls. Variant-free samples in three kinds (different seeds each):
#   std      the bench's simulation (families of 1-12 read pairs, 2% of molecules with an early-PCR error)
#   pcr10    10% of molecules with an early-PCR error (CFDNA_PCR_ERROR=0.10)
#   small    families of 1-2 read pairs (mostly singletons: MAX_FAMILY=2)
# plus samples with the hotspots at a low VAF (BENCH_NULL_VAF, default 0.001 = round(2.5) = 2 molecules).
# scripts/bench-cfdna-hotspot-test.py reads the TSV and evaluates a hotspot rule on it.
# BENCH_NULL_N samples per kind (default 15: 45 variant-free), BENCH_NULL_POS variant samples (default 12).
# BENCH_NULL_PEER=1 also runs the peer's forced-allele hotspot genotyping on each sample (umi_tools dedup,
# then freebayes -@ hotspots -l as in bench-cfdna.sh) and writes its hotspot records (alt reads AO, depth DP)
# to $BENCH_OUT.peer.tsv: where a hotspot cut for the peer must sit to call nothing in variant-free samples.
# BENCH_NULL_KINDS (default "std pcr10 small") picks the kinds (two runs can share the cores).
# The simulator's knobs pass through the environment: CFDNA_DUPLEX_FRACTION (share of molecules read on both
# strands; unset: every molecule's reads split at random) and CFDNA_BINOMIAL_CARRIERS=1 (carriers drawn from a
# binomial). The TSV's last three columns are the duplex tier's (branch hot1): duplex alt molecules, duplex
# molecules, duplex alt molecules needed.
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/release/g2t}
N=${BENCH_NULL_N:-15}
NPOS=${BENCH_NULL_POS:-12}
VAF=${BENCH_NULL_VAF:-0.001}
OUT=${BENCH_OUT:-/tmp/bench-cfdna-null.tsv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# bench-cfdna-null: $N variant-free samples per kind, $NPOS at VAF $VAF; $G2T; load average at start $(cut -d' ' -f1 /proc/loadavg)"
printf 'kind\tvaf\tseed\thotspot\tstatus\talt_molecules\tmolecules\tbackground\thotspots_in_panel\tpassing_calls\tduplex_alt\tduplex_molecules\tduplex_needed\n' > "$OUT"
PEER=${BENCH_NULL_PEER:-0}
if [ "$PEER" = 1 ]; then
    printf 'kind\tvaf\tseed\tpos\tref\talt\tqual\tao\tdp\n' > "$OUT.peer.tsv"
    zcat TestData/ref/chr7.panel.GRCh38.fa.gz > "$work/ref.fa" && samtools faidx "$work/ref.fa"
    HOT="55181378:C:T 55181399:G:C 55174771:AGGAATTAAGAGAAGC:A"
    { printf '##fileformat=VCFv4.2\n##contig=<ID=chr7,length=159345973>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
      for h in $HOT; do IFS=: read -r pos ref alt <<< "$h"; printf 'chr7\t%s\t.\t%s\t%s\t.\t.\t.\n' "$pos" "$ref" "$alt"; done | sort -k2,2n; } > "$work/hot.vcf"
    bgzip -f "$work/hot.vcf" && tabix -f "$work/hot.vcf.gz"
    for h in $HOT; do IFS=: read -r pos ref alt <<< "$h"; printf 'chr7\t%s\t%s\n' "$((pos - 2))" "$((pos + ${#ref}))"; done | sort -k2,2n > "$work/hot.bed"
fi
run() { # kind seed vaf max_family pcr_error
    local s="$work/s$2"
    CFDNA_PCR_ERROR=$5 python3 TestData/scripts/simulate_cfdna.py bench "$2" 2500 "$3" "$s.sam" "$4"
    samtools sort --no-PG -o "$s.bam" "$s.sam" 2>/dev/null && samtools index "$s.bam" && rm "$s.sam"
    "$G2T" call "$s.bam" -o "$s.json" --threads 2 >/dev/null
    python3 - "$s.json" "$1" "$3" "$2" >> "$OUT" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
kind, vaf, seed = sys.argv[2:5]
errs = (a["qc"].get("umi") or {}).get("substitutionErrors", {})
comp = {"A": "T", "C": "G", "G": "C", "T": "A"}
passing = sum(1 for v in a["variants"] if v["filter"] == "PASS")
bench = {55181378, 55181399, 55174771}
for h in a["hotspots"]:
    if h["pos"] not in bench:
        continue
    snv = len(h["ref"]) == 1 and len(h["alt"]) == 1
    # substitutionErrors is keyed "C>T" (strand-collapsed or not): try both spellings.
    key = f"{h['ref']}>{h['alt']}"
    rkey = f"{comp.get(h['ref'], 'N')}>{comp.get(h['alt'], 'N')}"
    bg = errs.get(key, errs.get(rkey, "")) if snv else a["parameters"]["umi"]["indelErrorRate"]
    # The duplex tier's evidence (branch hot1; empty for indels and for binaries before it).
    dx = [h.get("duplexAltDepth", ""), h.get("duplexDepth", ""), h.get("duplexMinAlt", "")]
    print("\t".join(map(str, [kind, vaf, seed, h["name"], h["status"], h["altDepth"], h["depth"], bg, len(a["hotspots"]), passing] + dx)))
PY
    if [ "$PEER" = 1 ]; then
        umi_tools dedup --method directional --paired --extract-umi-method tag --umi-tag RX -I "$s.bam" -S "$s.dedup.bam" --log /dev/null 2>/dev/null
        samtools index "$s.dedup.bam"
        freebayes -f "$work/ref.fa" -t "$work/hot.bed" -@ "$work/hot.vcf.gz" -l --min-alternate-fraction 0.001 --min-alternate-count 1 --pooled-continuous \
            --limit-coverage 20000 "$s.dedup.bam" 2>/dev/null | bcftools norm -m- -f "$work/ref.fa" 2>/dev/null \
            | bcftools query -f "$1\t$3\t$2\t%POS\t%REF\t%ALT\t%QUAL\t%INFO/AO\t%INFO/DP\n" >> "$OUT.peer.tsv"
    fi
    rm -f "$s".*
}
seed=9000
KINDS=${BENCH_NULL_KINDS:-"std pcr10 small"}
for i in $(seq 1 "$N"); do
    case " $KINDS " in *" std "*) run std $((seed + i)) 0 12 0.02 ;; esac
    case " $KINDS " in *" pcr10 "*) run pcr10 $((seed + 100 + i)) 0 12 0.10 ;; esac
    case " $KINDS " in *" small "*) run small $((seed + 200 + i)) 0 2 0.02 ;; esac
done
for i in $(seq 1 "$NPOS"); do run vaf $((seed + 300 + i)) "$VAF" 12 0.02; done
echo "# rows in $OUT; load average at end $(cut -d' ' -f1 /proc/loadavg)"
