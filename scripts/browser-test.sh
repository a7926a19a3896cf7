#!/usr/bin/env bash
# The demo report as a person sees it: rendered by headless Chromium, checked in the rendered DOM,
# printed to PDF and checked in the PDF's text, and photographed. Also renders a report whose
# sample name and knowledge-base text carry HTML, and checks that none of it became markup.
# usage: scripts/browser-test.sh [--update-screenshot]   (needs chromium, poppler-utils; g2t built)
set -uo pipefail
cd "$(dirname "$0")/.."
G2T=${G2T:-.build/debug/g2t}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
passed=0 failed=0
check() { # description, command...
    local what=$1; shift
    if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $what" >&2; fi
}
chrome() { timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }

$G2T pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD --out "$work/demo" --pdf >/dev/null
html="$work/demo/DEMO-NSCLC.report.html"
chrome --dump-dom "file://$html" > "$work/dom.html"
for text in "Tumour genomic report: DEMO-NSCLC" "c.2573T&gt;G" "p.Leu858Arg" "30.6%" "osimertinib" "OncoKB 1" \
            "For research use only" "Hotspots" "LOD" "Coverage" "Limitations" "Reviewed by" "<svg" \
            "Germline variants (2)" "likely-somatic" "CCF"; do
    check "DOM shows '$text'" grep -qF "$text" "$work/dom.html"
done
check "the DOM has no script element" bash -c "! grep -qi '<script' '$work/dom.html'"
check "the page loads nothing from the network" bash -c "! grep -Eq '(src|href)=\"https?:' '$html'"

pdf="$work/demo/DEMO-NSCLC.report.pdf"
check "--pdf wrote a PDF" test -s "$pdf"
pdftotext -layout "$pdf" "$work/report.txt" 2>/dev/null
for text in "DEMO-NSCLC" "c.2573T>G" "p.Leu858Arg" "osimertinib" "Limitations"; do
    check "PDF text shows '$text'" grep -qF "$text" "$work/report.txt"
done
pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
check "the PDF has 2 to 12 pages (got ${pages:-0})" test "${pages:-0}" -ge 2 -a "${pages:-0}" -le 12

# A squamous tumour with ABCB1 at 8 copies (panel of normals) and ABCB1 over-expression: the MDR
# alert, the MDR risk column and the copy-number table as rendered.
$G2T pipeline TestData/samples/cn/cn-abcb1-8.bam --tumor-type LUSC --pon TestData/samples/cn/pon.json \
    --abcb1-expression 240 --out "$work/cn" >/dev/null
chrome --dump-dom "file://$work/cn/CN-ABCB1-8.report.html" > "$work/cn-dom.html"
for text in "MDR alert — P-gp (ABCB1) multidrug-resistance risk high" "Copy number and expression" "amplification" \
            "MDR risk high" "not applicable (antibody)" "standard-option" "240.0 TPM"; do
    check "MDR/copy-number DOM shows '$text'" grep -qF "$text" "$work/cn-dom.html"
done

chrome --window-size=1200,1500 --screenshot="$work/shot.png" "file://$html"
check "screenshot taken" test -s "$work/shot.png"
if [ "${1:-}" = "--update-screenshot" ]; then cp "$work/shot.png" docs/demo-report.png; fi

# Hostile strings from every input: sample name (read group), knowledge-base text.
evil="<script>alert('x')</script><img src=x onerror=alert(1)>"
sed "s#Sensitising EGFR mutation: gefitinib#$evil gefitinib#" Sources/Knowledge/Data/g2t-kb.json > "$work/kb.json"
$G2T pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD --sample "$evil" --kb "$work/kb.json" --out "$work/evil" >/dev/null
evilhtml=$(ls "$work"/evil/*.report.html)
chrome --dump-dom "file://$evilhtml" > "$work/evil-dom.html"
check "hostile strings are shown as text" grep -qF '&lt;script&gt;alert' "$work/evil-dom.html"
check "hostile strings made no script or img element" bash -c "! grep -Eqi '<script|<img' '$work/evil-dom.html'"

# A read-group sample name and a file name carrying HTML, and a header field.
weird="$work/in <em>put \"q\".bam"
samtools view -H TestData/samples/demo-nsclc.bam | sed "s/SM:DEMO-NSCLC/SM:<b onmouseover=alert(2)>RG<\/b>/" \
    | samtools reheader - TestData/samples/demo-nsclc.bam > "$weird"
$G2T pipeline "$weird" --field "Specimen=<script>alert(3)</script>" --out "$work/rg" >/dev/null
rghtml=$(ls "$work"/rg/*.report.html)
chrome --dump-dom "file://$rghtml" > "$work/rg-dom.html"
check "read-group sample name shown as text" grep -qF '&lt;b onmouseover=alert(2)&gt;RG' "$work/rg-dom.html"
check "file name shown as text" grep -qF 'in &lt;em&gt;put' "$work/rg-dom.html"
check "header field shown as text" grep -qF '&lt;script&gt;alert(3)' "$work/rg-dom.html"
check "none of them became markup" bash -c "! grep -Eqi '<script|<b onmouseover|<em>put' '$work/rg-dom.html'"

# UMI mode (cfDNA with duplex UMIs): the UMI section as rendered, with the negative stated in molecules.
$G2T pipeline TestData/samples/cfdna/cfdna-negative.bam --out "$work/umi" >/dev/null
chrome --dump-dom "file://$(ls "$work"/umi/*.report.html)" > "$work/umi-dom.html"
check "UMI section shown" grep -qF 'UMI consensus: molecules' "$work/umi-dom.html"
check "T790M negative stated in molecules with its LOD" grep -Eq '<li>EGFR T790M not detected; [0-9,]+ molecules; LOD [0-9.]+%</li>' "$work/umi-dom.html"
check "per-target family-size histograms drawn" grep -qF 'aria-label="Family sizes of EGFR exon 20"' "$work/umi-dom.html"
check "no UMI section without UMIs" bash -c "! grep -qF 'UMI consensus: molecules' '$work/dom.html'"

echo "browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
