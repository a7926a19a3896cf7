#!/usr/bin/env bash
# Rewrites the golden demo report (Tests/g2tTests/Golden) after an intended change to the report.
# Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/debug/g2t}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SOURCE_DATE_EPOCH=1700000000 $G2T pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD --out "$out" >/dev/null
cp "$out/DEMO-NSCLC.report.json" "$out/DEMO-NSCLC.report.html" Tests/g2tTests/Golden/
git --no-pager diff --stat -- Tests/g2tTests/Golden || true
