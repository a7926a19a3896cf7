#!/usr/bin/env bash
# make test-fuzz: libFuzzer on g2t's input parsers (fuzz/Sources/FuzzTargets.swift lists them).
# Builds the libraries with coverage instrumentation into .build-fuzz (not the normal build),
# links one fuzzer binary, replays every kept input under fuzz/corpus/<target>/, then fuzzes each
# target for FUZZ_SECONDS (default 20). A crash is copied into fuzz/corpus/<target>/ (commit it:
# it is then replayed on every run) and the script fails.
# Leak reports are off: FoundationEssentials' FileManager.contents(atPath:) leaks 4 KB on an empty
# file (Swift 6.3.1), which is not g2t's to fix and not a crash (docs/reliability.md).
# Env: FUZZ_SECONDS, FUZZ_TARGETS (space-separated subset), FUZZ_SANITIZE (default fuzzer,address).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${FUZZ_SECONDS:-20}
TARGETS=${FUZZ_TARGETS:-"bam-record bam-bytes vcf sample-sheet kb pon stage"}
SAN=${FUZZ_SANITIZE:-fuzzer,address}
BUILD=.build-fuzz
SWIFT=${SWIFT:-swift}

# Libraries only: the g2t executable has its own main, which libFuzzer's would clash with.
$SWIFT build --scratch-path "$BUILD" --target Pipeline -Xswiftc -sanitize=$SAN 2>&1 | grep -v "^\[" || true
DBG="$BUILD/debug"
[ -f "$DBG/Modules/Pipeline.swiftmodule" ] || { echo "fuzz: the instrumented build failed" >&2; exit 1; }
objs=$(find "$DBG/" -name '*.o' -path '*.build/*' | grep -v -e '/g2t.build/' -e 'Tests.build/' -e '/TestSupport.build/' -e 'Plugin' -e 'ArgumentParser' -e '-tool.build' -e 'generate_' | sort)
mmaps=$(find "$BUILD/checkouts" -path '*/Sources/*' -name module.modulemap 2>/dev/null | sed 's/^/-Xcc -fmodule-map-file=/')
# The libraries' symbols have `package` access: the fuzzer must be compiled as part of the same
# package, whose name SwiftPM derives from the checkout's directory (read it from the build plan).
pkg=$(grep '"-module-name","Pipeline"' "$BUILD/debug.yaml" | head -1 | grep -o '"-package-name","[^"]*"' | cut -d'"' -f4)
[ -n "$pkg" ] || { echo "fuzz: no -package-name for Pipeline in $BUILD/debug.yaml" >&2; exit 1; }
# shellcheck disable=SC2086
swiftc -sanitize=$SAN -package-name "$pkg" -parse-as-library -g -I "$DBG/Modules" -I Sources/CHTSlib \
    -Xcc -fmodule-map-file=Sources/CHTSlib/module.modulemap -Xcc -fmodule-map-file=Sources/CLibCrypto/module.modulemap $mmaps $(pkg-config --cflags-only-I htslib | sed 's/-I/-Xcc -I/g') \
    fuzz/Sources/*.swift $objs -lhts -lcrypto -lz -o "$BUILD/g2t-fuzz" 2>&1 | grep -v -e "warning: Cannot export" -e "^$" || true
[ -x "$BUILD/g2t-fuzz" ] || { echo "fuzz: linking the fuzzer failed" >&2; exit 1; }

export TMPDIR=${TMPDIR:-/tmp}
# LeakSanitizer also reports at exit, whatever libFuzzer's -detect_leaks says.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
status=0
for t in $TARGETS; do
    corpus=fuzz/corpus/$t
    mkdir -p "$corpus"
    work=$(mktemp -d "$TMPDIR/g2t-fuzz-$t.XXXXXX")
    seeds=fuzz/seeds/$t
    start=$(date +%s)
    # Replay every kept input first (libFuzzer runs each once when given files), then fuzz.
    if ls "$corpus"/* >/dev/null 2>&1; then
        G2T_FUZZ_TARGET=$t TMPDIR=$work "$BUILD/g2t-fuzz" -detect_leaks=0 "$corpus"/* >"$work/replay.log" 2>&1 || { echo "fuzz $t: a kept input crashes again:"; tail -20 "$work/replay.log"; status=1; }
    fi
    G2T_FUZZ_TARGET=$t TMPDIR=$work "$BUILD/g2t-fuzz" -max_total_time="$SECS" -timeout=20 -rss_limit_mb=2048 -detect_leaks=0 \
        -artifact_prefix="$work/" "$work" $( [ -d "$seeds" ] && echo "$seeds" ) >"$work/fuzz.log" 2>&1 || true
    execs=$(grep -o 'Done [0-9]* runs' "$work/fuzz.log" | grep -o '[0-9]*' || true)
    crashes=$(find "$work" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
    echo "fuzz $t: $(( $(date +%s) - start )) s, ${execs:-?} runs, $crashes crash(es)"
    if [ "$crashes" -gt 0 ]; then
        cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$corpus"/ 2>/dev/null || true
        grep -m1 -A12 "ERROR\|Fatal error\|deadly signal" "$work/fuzz.log" || true
        status=1
    fi
    rm -rf "$work"
done
exit $status
