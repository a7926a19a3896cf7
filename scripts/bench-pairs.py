#!/usr/bin/env python3
"""Times pairs of commands like for like and prints each ratio with both commands.

Input (stdin): one comparison per line, fields separated by TAB: label, command A, command B
(shell command lines; B may be empty for an absolute timing). The two commands of a pair run
alternately (A, B, A, B, ...) after one warm-up each, RUNS times (default 7), so background load
falls on both alike; the medians, their ratio A/B and difference A-B are printed, with the
spread (min-max).
The load average before and after is printed, and every line is marked "LOADED" when it
exceeded the core count during the run: such numbers are not the machine's own.
usage: bench-pairs.py [RUNS] < pairs.tsv
"""
import os
import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("RUNS", "7"))
CORES = os.cpu_count() or 1


def once(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"benchmark command failed (exit {r.returncode}): {cmd}\n{r.stderr.strip()[-2000:]}")
    return dt * 1000


def short(cmd):
    """The command without its output paths (long temporary names)."""
    words, out, skip = cmd.split(), [], False
    for w in words:
        if skip:
            skip = False
            continue
        if w in ("-o", "--out", ">"):
            skip = True
            continue
        out.append(w.replace(os.environ.get("BENCH_WORK", "\0"), "$W"))
    return " ".join(out)


for line in sys.stdin:
    if not line.strip() or line.startswith("#"):
        continue
    label, a, b = (line.rstrip("\n").split("\t") + ["", ""])[:3]
    load0 = os.getloadavg()[0]
    once(a)
    if b:
        once(b)
    ta, tb = [], []
    for _ in range(RUNS):
        ta.append(once(a))
        if b:
            tb.append(once(b))
    load1 = os.getloadavg()[0]
    loaded = max(load0, load1) > CORES
    mark = f"  LOADED (load {load0:.1f}->{load1:.1f} on {CORES} cores)" if loaded else ""
    ma = statistics.median(ta)
    print(f"{label}{mark}")
    if b:
        mb = statistics.median(tb)
        print(f"  ratio {ma / mb:6.2f}x   A {ma:9.1f} ms ({min(ta):.1f}-{max(ta):.1f})   B {mb:9.1f} ms ({min(tb):.1f}-{max(tb):.1f})"
              f"   A-B {ma - mb:+.1f} ms   runs {RUNS}")
        print(f"    A: {short(a)}")
        print(f"    B: {short(b)}")
    else:
        print(f"  {ma:9.1f} ms ({min(ta):.1f}-{max(ta):.1f})   runs {RUNS}")
        print(f"    {short(a)}")
    sys.stdout.flush()
