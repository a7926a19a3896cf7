#!/usr/bin/env bash
# Cluster and container integration (make test-integration): Snakemake locally and on a real
# single-node SLURM, CWL with cwltool, and the OCI image built with podman from a debootstrap base,
# whose outputs must equal the host's byte for byte. Run as root on Debian/Ubuntu; needs network
# access to the Debian mirror and PyPI. Prints "N passed, N failed" and exits 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
W=${G2T_IT_WORK:-$(mktemp -d /tmp/g2t-it.XXXXXX)}
mkdir -p "$W"
pass=0; fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
check() { local name=$1; shift; if "$@" >"$W/last.log" 2>&1; then ok "$name"; else bad "$name"; tail -20 "$W/last.log"; fi; }
cleanup() {
    for p in "$W"/slurm/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
    [ -f "$W/munged.pid" ] && kill "$(cat "$W/munged.pid")" 2>/dev/null
    true
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive SOURCE_DATE_EPOCH=1700000000
scripts/ensure-packages.sh libhts-dev libssl-dev pkg-config zlib1g-dev podman buildah runc uidmap debootstrap slurm-wlm munge python3-venv bcftools >/dev/null

# 1. The static binary (the one the image carries; the host runs it too, for the byte comparison).
# Same flags and build folder as `make release`, so after `make demo` (as in CI) this is a no-op.
echo "== building g2t with --static-swift-stdlib"
swift build -c release --static-swift-stdlib >"$W/build.log" 2>&1 || { tail -30 "$W/build.log"; exit 1; }
G2T=$ROOT/.build/release/g2t
mkdir -p "$W/bin" && cp "$G2T" "$W/bin/g2t"
export PATH="$W/bin:$PATH"
check "static g2t runs" g2t --version

# 2. Python tools in a venv (Snakemake 9 + SLURM executor, cwltool).
# Pinned versions (scripts/integration-requirements.txt says why); pip is a no-op when they are in place.
{ [ -x "$W/venv/bin/pip" ] || python3 -m venv "$W/venv"; } && "$W/venv/bin/pip" install -q -r scripts/integration-requirements.txt >"$W/pip.log" 2>&1 \
    || { tail -20 "$W/pip.log"; exit 1; }
SNAKE="$W/venv/bin/snakemake"

# A small sheet: three samples, one with a panel of normals, absolute paths.
mkdir -p "$W/sheet"
cat > "$W/sheet/samples.csv" <<CSV
sample,input,tumor_type,abcb1_expression,pon
DEMO-NSCLC,$ROOT/TestData/samples/demo-nsclc.bam,LUAD,,
EGFR-CIS,$ROOT/TestData/samples/egfr-t790m-c797s-cis.bam,LUAD,,
CN-ABCB1-8,$ROOT/TestData/samples/cn/cn-abcb1-8.bam,LUSC,,$ROOT/TestData/samples/cn/pon.json
CSV
expect_outputs() { # dir
    for s in DEMO-NSCLC EGFR-CIS CN-ABCB1-8; do
        for f in report.json report.html g2t.vcf.gz; do [ -s "$1/$s/$s.$f" ] || { echo "missing $1/$s/$s.$f"; return 1; }; done
    done
    grep -q "CN-ABCB1-8" "$1/cohort/batch-summary.tsv" && grep -q '"risk" : "high"' "$1/CN-ABCB1-8/CN-ABCB1-8.report.json"
}

# 3. Snakemake, local. (Outputs of an earlier run in a reused work dir would make every job a no-op.)
rm -rf "$W/sm-lint" "$W/sm-local" "$W/sm-slurm" "$W/cwl-out" "$W/cwl-amp" "$W/cwl-amp-bad" "$W/snakemake" "$W/sbatch-smoke.out"
# A copy of the workflow, so Snakemake's .snakemake/ (state, logs, SLURM logs) is written under $W, not into the repository.
cp -r "$ROOT/Pipelines/snakemake" "$W/snakemake" && rm -rf "$W/snakemake/.snakemake" "$W/snakemake/results"
SM="$W/snakemake"
sm() { (cd "$SM" && timeout -k 10 300 "$SNAKE" --config samplesheet="$W/sheet/samples.csv" outdir="$1" g2t=g2t "${@:2}"); }
check "snakemake --lint" sm "$W/sm-lint" --lint
check "snakemake local --cores 2" sm "$W/sm-local" --cores 2
check "snakemake local outputs" expect_outputs "$W/sm-local"

# 4. A real single-node SLURM on localhost, then Snakemake through its SLURM executor.
# Its configuration lives under $W (SLURM_CONF), not in /etc/slurm; munged keeps its system socket (/run/munge).
export SLURM_CONF="$W/slurm/slurm.conf"
start_slurm() {
    mkdir -p "$W/slurm/state" "$W/slurm/spool" /run/munge
    chown munge:munge /run/munge 2>/dev/null || true
    runuser -u munge -- /usr/sbin/munged --pid-file="$W/munged.pid" 2>/dev/null || /usr/sbin/munged -f --pid-file="$W/munged.pid"
    local host; host=$(hostname)
    cat > "$SLURM_CONF" <<CONF
ClusterName=ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
StateSaveLocation=$W/slurm/state
SlurmdSpoolDir=$W/slurm/spool
SlurmctldPidFile=$W/slurm/slurmctld.pid
SlurmdPidFile=$W/slurm/slurmd.pid
SlurmctldLogFile=$W/slurm/slurmctld.log
SlurmdLogFile=$W/slurm/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=60 State=UP
CONF
    slurmctld && slurmd && for _ in $(seq 30); do sinfo -h -o %T 2>/dev/null | grep -q idle && return 0; sleep 1; done
    return 1
}
check "slurm starts (munge, slurmctld, slurmd)" start_slurm
# The job must have run (its output written), not merely left the queue: a failing squeue or job must not pass.
check "sbatch smoke test" bash -c "sbatch --parsable --output=$W/sbatch-smoke.out --wrap 'echo smoke-ok' && for i in \$(seq 30); do grep -qx smoke-ok $W/sbatch-smoke.out 2>/dev/null && exit 0; sleep 1; done; exit 1"
check "snakemake on SLURM" sm "$W/sm-slurm" --profile profiles/slurm --default-resources slurm_partition=debug slurm_account=g2t mem_mb=300 runtime=5
check "snakemake SLURM outputs" expect_outputs "$W/sm-slurm"
check "SLURM ran the 3 sample jobs" bash -c "test \$(grep -c 'has been submitted with SLURM jobid' \$(ls -t $SM/.snakemake/log/*.snakemake.log | head -1)) -eq 3"

# 5. CWL with cwltool, no container.
CWL="$ROOT/Pipelines/cwl"
check "cwltool --validate" "$W/venv/bin/cwltool" --validate "$CWL/g2t-batch.cwl"
check "cwltool scatter run" bash -c "cd $CWL && timeout -k 10 300 $W/venv/bin/cwltool --no-container --outdir $W/cwl-out g2t-batch.cwl test-job.yml"
check "cwl outputs" bash -c "test -s $W/cwl-out/EGFR-CIS/EGFR-CIS.report.json && grep -q '\"relation\" : \"cis\"' $W/cwl-out/EGFR-CIS/EGFR-CIS.report.json"
# One amplicon file per sample: the amplicon sample is primer-trimmed (qc.amplicons), the hybrid-capture one (null) is not;
# an amplicons array of another length than samples stops the run.
check "cwltool per-sample amplicons" bash -c "cd $CWL && timeout -k 10 300 $W/venv/bin/cwltool --no-container --outdir $W/cwl-amp g2t-batch.cwl test-job-amplicons.yml"
check "cwl amplicon outputs" bash -c "grep -q '\"amplicons\" : {' $W/cwl-amp/AMPLICON-EGFR/AMPLICON-EGFR.report.json && ! grep -q '\"amplicons\" : {' $W/cwl-amp/EGFR-EX20INS/EGFR-EX20INS.report.json"
check "cwl amplicons of another length refused" bash -c "cd $CWL && sed -e '/- null/d' -e 's#\\.\\./\\.\\./#$ROOT/#g' test-job-amplicons.yml > $W/cwl-amp-bad.yml && ! timeout -k 10 300 $W/venv/bin/cwltool --no-container --outdir $W/cwl-amp-bad g2t-batch.cwl $W/cwl-amp-bad.yml 2> $W/cwl-amp-bad.log && grep -q 'give one amplicon file (or null) per sample' $W/cwl-amp-bad.log"

# 6. The OCI image: debootstrap base, podman build, run the demo inside, compare with the host.
export CONTAINERS_STORAGE_CONF=$W/storage.conf CONTAINERS_CONF=$W/containers.conf
printf '[storage]\ndriver = "overlay"\ngraphroot = "%s/storage"\nrunroot = "%s/runroot"\n' "$W" "$W" > "$CONTAINERS_STORAGE_CONF"
printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' \
    "$(ulimit -Hn)" "$(ulimit -Hn)" > "$CONTAINERS_CONF"
mirror=$(grep -rhoE '^deb(-src)? +(\[[^]]*\] +)?https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $NF}' | head -1)
[ -z "$mirror" ] && mirror=$(grep -rhoE '^URIs: +https?://[^ ]+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -1)
make_base() {
    podman image exists localhost/debian-minbase:bookworm && return 0
    debootstrap --variant=minbase bookworm "$W/rootfs" "$mirror" >"$W/debootstrap.log" 2>&1 || { tail "$W/debootstrap.log"; return 1; }
    rm -rf "$W/rootfs/var/cache/apt/"*.bin "$W/rootfs/var/cache/apt/archives/"*.deb "$W/rootfs/var/lib/apt/lists/"*
    tar --numeric-owner -C "$W/rootfs" -cf "$W/base.tar" . && podman import "$W/base.tar" localhost/debian-minbase:bookworm
}
check "debootstrap base image" make_base
mkdir -p "$W/ctx" && cp "$G2T" "$W/ctx/g2t"
check "podman build" podman build --isolation chroot --pull=never --build-arg BASE=localhost/debian-minbase:bookworm \
    -f "$ROOT/containers/Containerfile" -t localhost/g2t:latest "$W/ctx"
check "image: no ENTRYPOINT, non-root user" bash -c '[ "$(podman image inspect localhost/g2t:latest --format "{{.Config.Entrypoint}}{{.Config.User}}")" = "[]g2t" ]'
# Same relative paths inside and outside, so the recorded input paths match.
rm -rf "$W/host" "$W/ctr" && mkdir -p "$W/host/out" "$W/ctr/out" && chmod 777 "$W/ctr/out"
ln -s "$ROOT/TestData" "$W/host/TestData"
check "host g2t pipeline (for the comparison)" bash -c "cd $W/host && g2t pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD --out out"
check "podman run g2t pipeline" podman run --rm --network none -e SOURCE_DATE_EPOCH -v "$ROOT/TestData:/work/TestData:ro" -v "$W/ctr/out:/work/out" \
    -w /work localhost/g2t:latest g2t pipeline TestData/samples/demo-nsclc.bam --tumor-type LUAD --out out
check "container wrote the same files as the host" bash -c "diff <(ls $W/host/out) <(ls $W/ctr/out)"
for f in $(ls "$W/host/out"); do   # every output, VCF and index included
    check "container output = host output, byte for byte: $f" cmp "$W/host/out/$f" "$W/ctr/out/$f"
done
# The container must run and report the write refused (a container that fails to start must not pass).
check "container writes only the output directory" bash -c "test \"\$(podman run --rm --network none localhost/g2t:latest sh -c 'touch /usr/local/bin/x 2>/dev/null && echo writable || echo refused')\" = refused"
check "OCI archive for Apptainer" podman save --format oci-archive -o "$W/g2t.oci.tar" localhost/g2t:latest

echo "integration: $pass passed, $fail failed (work dir $W)"
[ "$fail" -eq 0 ]
