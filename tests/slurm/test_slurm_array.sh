#!/usr/bin/env bash
# CTest (label slurm): a real single-node Slurm on this machine folds 12 sequences with the tiny
# ESMFold fixture as a 4-task job array through packaging/slurm/esmx-fold.sbatch; one task is killed
# mid-way and requeued; esmx fold-summary then checks the folder against a single-process run.
# munged, slurmctld and slurmd run from a temporary folder with their own key, socket, ports and
# slurm.conf (SLURM_CONF): nothing under /etc is touched, and everything is stopped at the end.
# Exit 77 (skipped, with the reason) where Slurm cannot start here.
set -euo pipefail
esmx=${1:?esmx binary} sbatch_script=${2:?esmx-fold.sbatch} model=${3:?ESMFold fixture folder}

skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*"; for f in "$work"/*.log "$work"/logs/*; do [[ -f $f ]] && { echo "--- $f"; tail -n 20 "$f"; }; done; exit 1; }
for tool in munged slurmctld slurmd sbatch scontrol squeue sinfo; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (packaging/install-deps.sh installs slurm-wlm and munge)"
done
[[ $(id -u) == 0 ]] || skip "slurmd must run as root to start jobs; run the slurm test as root"

work=$(mktemp -d /tmp/esmx-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pkill -f "slurmstepd.*$work" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Two free loopback ports for slurmctld and slurmd.
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s=[socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1",0))
print(*[x.getsockname()[1] for x in s])')

mkdir -m 700 "$work/munge"
head -c 1024 /dev/urandom > "$work/munge/munge.key"
chmod 400 "$work/munge/munge.key"
munged --foreground --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/munged.seed" &
pids+=($!)

mkdir -p "$work/state" "$work/spool" "$work/logs"
cat > "$work/slurm.conf" <<CONF
ClusterName=esmxtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
for _ in $(seq 50); do [[ -S $work/munge/munge.socket ]] && break; sleep 0.1; done
[[ -S $work/munge/munge.socket ]] || skip "munged did not start: $(tail -n 3 "$work/munged.log" 2>/dev/null)"
slurmctld -D -i &
pids+=($!)
slurmd -D -N localhost &
pids+=($!)
for _ in $(seq 100); do
    state=$(sinfo -h -N -o %t 2>/dev/null || true)
    [[ $state == idle ]] && break
    sleep 0.2
done
[[ ${state:-} == idle ]] || skip "slurmctld/slurmd did not come up (node state '${state:-none}'): $(tail -n 3 "$work/slurmd.log" "$work/slurmctld.log" 2>/dev/null)"
echo "slurm: node localhost idle (slurmctld :$ctld_port, slurmd :$slurmd_port)"

# 12 records; shard 1 of 4 (records 1, 5, 9) gets the long ones so that it can be caught mid-way.
python3 - "$work/in.fasta" <<'PY'
import random, sys
random.seed(7)
aa = "ACDEFGHIKLMNPQRSTVWY"
with open(sys.argv[1], "w") as f:
    for i in range(12):
        n = 150 if i % 4 == 0 else 30 + 3 * i
        f.write(f">rec{i + 1:02d} test protein {i + 1}\n{''.join(random.choice(aa) for _ in range(n))}\n")
PY

cd "$work"
job=$(ESMX=$esmx sbatch --parsable --array=1-4 --output="$work/logs/%A_%a.log" "$sbatch_script" \
      "$model" "$work/in.fasta" "$work/out" --max-tokens-per-batch 1)
echo "slurm: submitted array job $job"

# Kill task 1 mid-way: once its first record is written and before its last one is, requeue it.
for _ in $(seq 6000); do # up to 5 minutes on a busy machine
    [[ -f $work/out/rec01.json ]] && break
    sleep 0.05
done
[[ -f $work/out/rec01.json ]] || fail "task 1 wrote nothing"
[[ ! -f $work/out/rec09.json ]] || fail "task 1 finished before it could be killed mid-way"
scontrol requeue "${job}_1"
echo "slurm: requeued ${job}_1 after rec01"
# Slurm holds a requeued job back for a while (BeginTime). Once the killed run has ended, and a
# second later (slurmd refuses credentials from the second it revoked the old one), start it again.
internal=$(scontrol show job "${job}_1" | grep -o 'JobId=[0-9]*' | head -n 1 | cut -d= -f2)
for _ in $(seq 300); do
    if scontrol show job "${job}_1" | grep -q 'JobState=PENDING' && ! pgrep -f "slurmstepd: \[$internal\.batch\]" >/dev/null; then
        break
    fi
    sleep 0.1
done
sleep 2
scontrol update JobId="${job}_1" StartTime=now

for _ in $(seq 3000); do # up to 10 minutes on a busy machine
    [[ -z $(squeue -h -j "$job" 2>/dev/null) ]] && break
    sleep 0.2
done
[[ -z $(squeue -h -j "$job") ]] || fail "the array did not finish: $(squeue -j "$job")"
restarts=$(scontrol show job "${job}_1" | grep -o 'Restarts=[0-9]*' | cut -d= -f2)
[[ $restarts == 1 ]] || fail "task 1 was not restarted (Restarts=$restarts)"
grep -q "rec01: already done, skipped" "$work"/logs/"${job}"_1.log || fail "the requeued task did not resume"
for k in 1 2 3 4; do
    state=$(scontrol show job "${job}_$k" | grep -o 'JobState=[A-Z]*' | cut -d= -f2)
    [[ $state == COMPLETED ]] || fail "task $k ended $state"
done

"$esmx" fold-summary --fasta "$work/in.fasta" --out-dir "$work/out" || fail "fold-summary found records missing"
"$esmx" fold --model "$model" --fasta "$work/in.fasta" --out-dir "$work/single" --max-tokens-per-batch 1 2>/dev/null
"$esmx" fold-summary --fasta "$work/in.fasta" --out-dir "$work/single"
cmp "$work/out/summary.tsv" "$work/single/summary.tsv" || fail "the summaries differ"
[[ $(grep -c $'\tok$' "$work/out/summary.tsv") == 12 ]] || fail "not 12 records ok: $(cat "$work/out/summary.tsv")"
for i in $(seq -w 1 12); do
    cmp "$work/out/rec$i.pdb" "$work/single/rec$i.pdb" || fail "rec$i.pdb differs from the single-process run"
done
echo "slurm: 12 records in 4 array tasks, one requeued mid-way, identical to one process"
