#!/usr/bin/env bash
# kill -9 `g2t pipeline` and `g2t batch` at random moments, many times, into the same --out, and
# check after every kill that each report set there is complete and from one run
# (scripts/check-report-sets.py). Every third pipeline kill is aimed at the publish step: g2t
# (a debug build) pauses between publish steps (G2T_DEBUG_PUBLISH_PAUSE_MS) and is killed once its
# staging folder holds a manifest. Consecutive runs alternate an L858R and a wild-type input under
# the same sample IDs, so a mixed set cannot pass for a complete one. A batch is killed with its
# process group (its sample processes die with it, as on a node failure), except every second
# batch kill: then only the `g2t batch` parent is killed, while a sample process is publishing,
# and no sample process may outlive it (they die with their parent: PR_SET_PDEATHSIG).
#
# Usage: scripts/kill-test.sh [KILLS=100] [G2T=.build/debug/g2t]
set -eu
# Job control: every background run gets its own process group, killed whole.
set -m
kills=${1:-100}
g2t=${2:-.build/debug/g2t}
here=$(cd "$(dirname "$0")/.." && pwd)
samples=$here/TestData/samples
work=$(mktemp -d "${TMPDIR:-/tmp}/g2t-kill-XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/out
check() { python3 "$here/scripts/check-report-sets.py" "$out" "$@" >"$work/check.log" || { cat "$work/check.log"; echo "kill-test: FAILED after kill $i"; exit 1; }; }
for v in 0 1; do
  if [ $v = 0 ]; then a=demo-nsclc.bam; b=egfr-wildtype.bam; else a=egfr-wildtype.bam; b=demo-nsclc.bam; fi
  printf 'sample,input,tumor_type\nK1,%s/%s,LUAD\nK2,%s/%s,LUAD\nK3,%s/%s,LUAD\n' "$samples" "$a" "$samples" "$b" "$samples" "$a" > "$work/sheet$v.csv"
done
rand() { awk -v seed="$1$$" -v max="$2" 'BEGIN { srand(seed); printf "%.3f", rand() * max }'; }
# The random kills fall within 1.5 times one uninterrupted run of each, timed here: a build that runs
# faster (the optimised debug build, the release one) is still killed mid-run, not mostly after it.
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "kill-test: an uninterrupted run failed: $*" >&2; exit 1; }; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", 1.5 * (e - s) }'; }
# Each timed on its second run (the first loads the binary and the inputs into the page cache).
pipe_max=$(timed "$g2t" pipeline "$samples/demo-nsclc.bam" --sample P0 --out "$work/timing/pipe0")
pipe_max=$(timed "$g2t" pipeline "$samples/demo-nsclc.bam" --sample P0 --out "$work/timing/pipe")
batch_max=$(timed "$g2t" batch "$work/sheet0.csv" --out "$work/timing/batch0" --jobs 2)
batch_max=$(timed "$g2t" batch "$work/sheet0.csv" --out "$work/timing/batch" --jobs 2)
rm -rf "$work/timing"
aimed=0; batch_aimed=0; parent_only=0; published_cut=0
i=1
while [ "$i" -le "$kills" ]; do
  # Alternate the inputs between consecutive pipeline runs and between consecutive batch runs.
  v=$(( (i / 2) % 2 ))
  if [ $((i % 2)) -eq 1 ]; then
    if [ $v = 0 ]; then input=$samples/demo-nsclc.bam; else input=$samples/egfr-wildtype.bam; fi
    pause=0; [ $((i % 4)) -eq 1 ] && pause=20
    G2T_DEBUG_PUBLISH_PAUSE_MS=$pause "$g2t" pipeline "$input" --sample P1 --out "$out/pipe" >/dev/null 2>&1 &
    pid=$!
    if [ $pause -gt 0 ]; then
      # Wait for the publish to start (a manifest in the staging folder), then kill within it.
      n=0
      while [ $n -lt 1500 ] && ! ls "$out"/pipe/.g2t-tmp-*/*.manifest.json >/dev/null 2>&1 && kill -0 "$pid" 2>/dev/null; do sleep 0.005; n=$((n + 1)); done
      sleep "$(rand "$i" 0.2)"
      aimed=$((aimed + 1))
    else
      sleep "$(rand "$i" "$pipe_max")"
    fi
  else
    # 200 ms per publish step: a sample process that outlived its parent would still be publishing
    # seconds later, when the check below looks for it.
    pause=0; [ $((i % 4)) -eq 0 ] && pause=200
    G2T_DEBUG_PUBLISH_PAUSE_MS=$pause "$g2t" batch "$work/sheet$v.csv" --out "$out/batch" --jobs 2 >/dev/null 2>&1 &
    pid=$!
    if [ $pause -gt 0 ]; then
      n=0
      while [ $n -lt 3000 ] && ! ls "$out"/batch/*/.g2t-tmp-*/*.manifest.json >/dev/null 2>&1 && kill -0 "$pid" 2>/dev/null; do sleep 0.005; n=$((n + 1)); done
      sleep "$(rand "$i" 0.2)"
      batch_aimed=$((batch_aimed + 1))
    else
      sleep "$(rand "$i" "$batch_max")"
    fi
  fi
  if [ $((i % 4)) -eq 0 ]; then
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # The batch's sample processes must be gone with it (a zombie has an empty command line).
    sleep 0.3
    if pgrep -f -- "--out $out/batch/" >/dev/null; then
      pgrep -a -f -- "--out $out/batch/" | cut -c1-200
      echo "kill-test: FAILED after kill $i: a sample process outlived its killed g2t batch"; exit 1
    fi
    parent_only=$((parent_only + 1))
  else
    kill -9 "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if ls "$out"/pipe/.g2t-tmp-*/*.manifest.json >/dev/null 2>&1 || ls "$out"/batch/*/.g2t-tmp-*/*.manifest.json >/dev/null 2>&1; then
    published_cut=$((published_cut + 1))
  fi
  check
  i=$((i + 1))
done
# A clean run of each finishes any interrupted publish; then nothing may be pending.
"$g2t" pipeline "$samples/demo-nsclc.bam" --sample P1 --out "$out/pipe" >/dev/null 2>&1
"$g2t" batch "$work/sheet0.csv" --out "$out/batch" --jobs 2 >/dev/null 2>&1
check --final
echo "kill-test: $kills kills within ${pipe_max} s of a pipeline run / ${batch_max} s of a batch ($aimed aimed at a publish; a publish was pending after $published_cut kills; $parent_only of the batch parent alone, $batch_aimed of them during a sample's publish, no sample process outlived it): every report set complete and from one run; $(tail -1 "$work/check.log")"
