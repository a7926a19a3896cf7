# g2t — two commands for a newcomer: `make demo` and `make test`.
# Both install missing Debian/Ubuntu packages first (apt-get when root, else they print the line to run).

SWIFT      ?= swift
BUILD_DIR  ?= .build
DEMO_OUT   ?= g2t-results
RUN_PKGS   := libhts-dev libssl-dev pkg-config zlib1g-dev
TEST_PKGS  := $(RUN_PKGS) samtools bcftools tabix python3 python3-jsonschema chromium poppler-utils strace
DATA_PKGS  := $(TEST_PKGS) bwa art-nextgen-simulation-tools python3
# The debug build (tests, `make build`, the kill test) is optimised: preconditions, overflow and
# exclusivity checks stay on (-O keeps them; there is no `assert` in Sources), and the test suite ran
# in 196 s instead of 1,004 s (2 cores, 4 December). Whole-module, with one object file per source
# file (-num-threads, which SwiftPM's link step expects): from scratch 452 s instead of 621 s for
# -O file by file, same tree and machine (docs/reliability.md, "CI"); swiftc then says it ignores
# batch mode and incremental compilation, so every edit recompiles its whole module. Every debug
# build passes the same flags, or SwiftPM rebuilds everything. DEBUG_FLAGS= for a -Onone build.
DEBUG_FLAGS ?= -Xswiftc -O -Xswiftc -wmo -Xswiftc -num-threads -Xswiftc $(shell nproc 2>/dev/null || echo 2)

.PHONY: test-fuzz test-asan test-tsan test-kill test-integration bench-batch bench-score bench-accuracy bench-germline bench-cfdna bench-cfdna-scale bench-cfdna-panel golden demo test build release deps-run deps-test testdata embed check-embed clean bench help image

help:
	@echo "make demo   build g2t and run it on the bundled demo sample"
	@echo "make test   build and run every test suite"
	@echo "make test-fuzz  libFuzzer on the BAM walker, VCF import, sample sheet and JSON loaders (FUZZ_SECONDS each, default 20)"
	@echo "make test-asan / test-tsan  the test suite built with AddressSanitizer / ThreadSanitizer (separate build dirs)"
	@echo "make test-kill  kill -9 g2t pipeline and g2t batch 100 times; every report set must stay whole (~4 min)"
	@echo "make test-integration  Snakemake on SLURM, CWL and the container (root, Debian; slow)"
	@echo "make image  the OCI image from the static release binary (podman; IMAGE=, IMAGE_ARGS= for an offline base)"
	@echo "make bench  compare g2t's speed with samtools and bcftools (docs/benchmarks.md)"
	@echo "make bench-score  throughput and thread scaling of the scoring core on 100,000 generated samples"
	@echo "make bench-batch  g2t batch on 200 generated and 16 ~1,000x samples, --jobs 1 (1 core) vs 2 (2 cores), every sample checked"
	@echo "make bench-accuracy  recall and precision against bcftools and freebayes (docs/benchmarks.md)"
	@echo "make bench-germline  germline/somatic origin, purity and CCF on 200 generated tumour-only samples (docs/benchmarks.md)"
	@echo "make testdata  regenerate TestData/ from ../shared/reference (seeded)"

deps-run:
	@scripts/ensure-packages.sh $(RUN_PKGS)

deps-test:
	@scripts/ensure-packages.sh $(TEST_PKGS)

build: deps-run
	$(SWIFT) build $(DEBUG_FLAGS)

# One release build, with the Swift standard library linked in: the binary `make demo` runs is the
# one the container image carries and the integration test checks (CI builds it once, not twice).
release: deps-run
	$(SWIFT) build -c release --static-swift-stdlib

demo: release
	@rm -rf $(DEMO_OUT)
	$(BUILD_DIR)/release/g2t pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD --out $(DEMO_OUT)
	@echo "Open $(DEMO_OUT)/DEMO-NSCLC.report.html in a browser (JSON and VCF beside it)."

# The suites are Swift Testing ones; XCTest is switched off so its empty summary does not confuse readers.
test: deps-test check-embed
	$(SWIFT) build --build-tests $(DEBUG_FLAGS)
	$(BUILD_DIR)/debug/g2t kb validate
	bash scripts/browser-test.sh
	$(SWIFT) test --disable-xctest $(DEBUG_FLAGS)

# Fuzzing and sanitisers (docs/reliability.md). Each uses its own build directory, so the normal
# build is untouched; the CLI tests run the sanitised g2t through G2T_BIN.
FUZZ_SECONDS ?= 20
test-fuzz: deps-test
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/run.sh

# SAN_FILTER (a swift test --filter pattern) runs a subset: CI runs the input-handling suites under
# ASan and the parallel ones under TSan, the whole suites being ~15-20 minutes each on 2 cores.
SAN_FILTER ?=
SAN_TEST_FILTER = $(if $(SAN_FILTER),--filter '$(SAN_FILTER)')
test-asan: deps-test
	$(SWIFT) build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address
	G2T_TEST_SLOWDOWN=4 G2T_BIN=$(CURDIR)/.build-asan/debug/g2t ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --disable-xctest --scratch-path .build-asan $(SAN_TEST_FILTER)

test-tsan: deps-test
	$(SWIFT) build --build-tests --scratch-path .build-tsan -Xswiftc -sanitize=thread
	G2T_TEST_SANITIZER=thread G2T_TEST_SLOWDOWN=6 G2T_BIN=$(CURDIR)/.build-tsan/debug/g2t TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --disable-xctest --scratch-path .build-tsan $(SAN_TEST_FILTER)

# Issue 13: 100 random kill -9 of `g2t pipeline` and `g2t batch` (a quarter aimed at the publish step),
# each followed by a check that every report set in --out is complete and from one run. The test
# suite runs the same script with 6 kills; this is the full run for CI.
test-kill: deps-test
	$(SWIFT) build $(DEBUG_FLAGS)
	bash scripts/kill-test.sh 100 $(BUILD_DIR)/debug/g2t

# Cluster and container: Snakemake (local and a real single-node SLURM), CWL (cwltool), the OCI
# image built with podman from a debootstrap base (outputs equal to the host's). Root, Debian.
test-integration:
	bash scripts/integration-test.sh

# The OCI image (containers/README.md) from the static release binary, built with podman.
IMAGE ?= g2t:latest
image: release
	@scripts/ensure-packages.sh podman
	rm -rf $(BUILD_DIR)/image-ctx && mkdir -p $(BUILD_DIR)/image-ctx && cp $(BUILD_DIR)/release/g2t $(BUILD_DIR)/image-ctx/g2t
	podman build -f containers/Containerfile -t $(IMAGE) $(IMAGE_ARGS) $(BUILD_DIR)/image-ctx

# Data files compiled into the binary: regenerate after editing Sources/*/Data.
embed:
	python3 scripts/embed-data.py Sources/G2TCore
	python3 scripts/embed-data.py Sources/Knowledge
	python3 scripts/embed-data.py Sources/Reporting

check-embed:
	@for m in G2TCore Knowledge Reporting; do python3 scripts/embed-data.py Sources/$$m --check || exit 1; done

testdata:
	@scripts/ensure-packages.sh $(DATA_PKGS)
	bash TestData/make-testdata.sh

bench: release
	@scripts/ensure-packages.sh $(TEST_PKGS) time
	bash scripts/benchmark.sh

# Scoring core: 100,000 generated annotated samples, 1 vs 2 threads, peak memory (docs/benchmarks.md).
bench-score: release
	@scripts/ensure-packages.sh time python3
	bash scripts/score-benchmark.sh

# g2t batch on 200 generated samples, --jobs 1 vs 2 (docs/benchmarks.md, docs/scaling.md).
bench-batch: release
	@scripts/ensure-packages.sh time samtools python3
	bash scripts/batch-benchmark.sh

# Recall and precision of g2t, bcftools and freebayes on generated truth sets; updates docs/benchmarks.md.
bench-accuracy: release
	@scripts/ensure-packages.sh $(DATA_PKGS) freebayes
	python3 scripts/accuracy-benchmark.py --write-docs
	python3 scripts/amplicon-accuracy-benchmark.py

# Germline/somatic origin, purity and CCF on generated tumour-only samples; updates docs/benchmarks.md.
bench-germline: release
	@scripts/ensure-packages.sh samtools python3
	python3 scripts/germline-benchmark.py --samples 200 --write-docs

bench-cfdna: release ## UMI consensus on simulated cfDNA vs umi_tools dedup + bcftools/freebayes, peer cuts calibrated on variant-free samples (docs/benchmarks.md)
	python3 scripts/bench-cfdna-curve.py --self-test
	./scripts/bench-cfdna-calibrated.sh

bench-cfdna-scale: release ## UMI mode's peak memory and speed vs samtools view -c at ~5,000x and ~45,000x raw depth (docs/benchmarks.md)
	./scripts/bench-cfdna-scale.sh

bench-cfdna-panel: release ## UMI mode vs samtools view -c at ~20,000x over every EGFR target (1 and 2 threads, g2t call, peak RSS at ~4,500-45,000x; CALLGRIND=1 adds instruction counts)
	./scripts/bench-cfdna-panel.sh

# After an intended change to the report: rewrite the golden demo report, then review its diff.
golden: build
	bash scripts/update-golden.sh

clean:
	rm -rf $(BUILD_DIR) $(DEMO_OUT)
