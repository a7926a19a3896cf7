#!/usr/bin/env bash
# Every call that changes between two knowledge bases on the demo and test samples (and the probes):
#   scripts/kb-diff-samples.sh OLD.json NEW.json > docs/kb-diff-2026.11.2-2027.1.txt
# Samples are called and annotated once (tumour types as in the tests); `g2t kb diff` scores them with both.
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/debug/g2t}
old=$1 new=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=()
while read -r bam tumour; do
    id=$(basename "$bam" .bam)-$tumour
    $G2T call "TestData/samples/$bam" --tumor-type "$tumour" --sample "$id" -o "$work/$id.calls.json" >/dev/null
    $G2T annotate "$work/$id.calls.json" -o "$work/$id.json" >/dev/null
    args+=(--sample "$work/$id.json")
done <<'LIST'
demo-nsclc.bam LUAD
demo-nsclc.bam COADREAD
egfr-ex19del-t790m.bam LUAD
egfr-ex20ins.bam LUAD
egfr-l858r-mnv.bam LUAD
egfr-t790m-c797s-cis.bam LUAD
egfr-t790m-c797s-trans.bam LUAD
egfr-wildtype.bam COADREAD
LIST
# Temporary paths are replaced so the output is the same from run to run.
$G2T kb diff "$old" "$new" "${args[@]}" | sed "s#$work/##g"
