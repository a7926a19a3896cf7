#!/usr/bin/env python3
"""Models `g2t rescore`'s output on a disk without its CPU work (docs/benchmarks.md, branch score8).

usage: paced-write.py OUT RATE_MB_PER_S TOTAL_MB WINDOW_MB

Writes TOTAL_MB to OUT in 1 MB writes, no faster than RATE (the rate at which g2t produces its
scored lines: ~170 MB/s with 2 threads on the idle 2-core machine, ~85 MB/s with 1), then fsyncs it
as g2t does before renaming its output into place, and deletes it. WINDOW_MB > 0 asks for the
writeback of every WINDOW_MB as g2t's `OutputWriteback` does (posix_fadvise DONTNEED); 0 leaves
the schedule to the kernel (g2t before). Prints the time spent writing (and blocked inside write,
i.e. throttled by the kernel's dirty-page limit), in the final fsync, and the highest Dirty count
of /proc/meminfo (machine-wide: other processes' writes count too).
"""
import os
import sys
import time


def dirty_mb():
    with open("/proc/meminfo") as f:
        return next(int(l.split()[1]) // 1024 for l in f if l.startswith("Dirty:"))


def main():
    out, rate, total, window = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) << 20
    buf = ((b'{"x":' + b"7" * 1000 + b"}\n") * 1024)[: 1 << 20]
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    start = time.monotonic()
    written = requested = peak = 0
    blocked = 0.0
    for i in range(total):
        t = time.monotonic()
        os.write(fd, buf)
        blocked += time.monotonic() - t
        written += len(buf)
        if window and written - requested >= window:
            os.posix_fadvise(fd, requested, written - requested, os.POSIX_FADV_DONTNEED)
            requested = written
        if i % 64 == 0:
            peak = max(peak, dirty_mb())
        ahead = start + (i + 1) / rate - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
    wrote = time.monotonic()
    os.fsync(fd)
    synced = time.monotonic()
    os.close(fd)
    os.unlink(out)
    print(f"rate {rate:.0f} MB/s window {window >> 20} MB: writing {wrote - start:.1f} s (of which in write() {blocked:.1f} s),"
          f" fsync {synced - wrote:.1f} s, total {synced - start:.1f} s, max Dirty {peak} MB")


if __name__ == "__main__":
    main()
