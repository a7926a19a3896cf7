#!/usr/bin/env bash
# Rewrites the golden demo report (Tests/g2tTests/Golden) after an intended change to the report.
# Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/debug/g2t}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SOURCE_DATE_EPOCH=1700000000 $G2T pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD --out "$out" >/dev/null
# The commit changes with every commit: the golden copies hold "<commit>" in its place.
commit=$($G2T --version | sed -n 's/.*(commit \([^;]*\);.*/\1/p')
for f in DEMO-NSCLC.report.json DEMO-NSCLC.report.html; do
    sed "s/$commit/<commit>/g" "$out/$f" > "Tests/g2tTests/Golden/$f"
done
git --no-pager diff --stat -- Tests/g2tTests/Golden || true
