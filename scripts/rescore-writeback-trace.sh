#!/usr/bin/env bash
# One `g2t rescore` run traced for its output's trip to the disk (docs/benchmarks.md, branch score8):
# GNU time (wall, user, sys, peak RSS), the final fsync's and the rename's durations (strace, only
# those calls stopped on: --seccomp-bpf), and /proc/meminfo's Dirty and Writeback every second
# (machine-wide: other processes' writes count too). Waits for earlier writes (sync) and reads the
# input once first, so the run starts warm and pays for its own output only.
# Usage: scripts/rescore-writeback-trace.sh LABEL CPUS THREADS G2T INPUT OUTPUT [LOGDIR=/tmp]
set -euo pipefail
label=$1 cpus=$2 threads=$3 g2t=$4 input=$5 output=$6 logs=${7:-/tmp}
log=$logs/$label
sync
cat "$input" > /dev/null
( while :; do
    echo "$(date +%s.%N | cut -c1-14) $(awk '/^Dirty:|^Writeback:/{printf "%s %d ", $1, $2/1024}' /proc/meminfo) load $(cut -d' ' -f1 /proc/loadavg)"
    sleep 1
  done ) > "$log.mem" &
sampler=$!
trap 'kill $sampler 2>/dev/null' EXIT
/usr/bin/time -f "$label wall %e user %U sys %S cpu %P rss %M" \
    strace -f --seccomp-bpf -T -e trace=fsync,fdatasync,rename -o "$log.strace" \
    taskset -c "$cpus" "$g2t" rescore "$input" -o "$output" --threads "$threads" 2> "$log.time"
tail -1 "$log.time"
grep -E "fsync|rename" "$log.strace" | tail -2
awk '{print $3}' "$log.mem" | sort -n | tail -1 | sed 's/^/max Dirty MB: /'
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
