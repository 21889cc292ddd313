#!/usr/bin/env bash
# Builds sourcegate, starts the simulated GitHub, the gateway jar and a bare Vert.x endpoint on loopback (each on a
# free port), runs the Gatling simulations and prints the figures (also written to results/latest.txt).
#
#   load-tests/run-benchmarks.sh                 full benchmark (~9 minutes with the defaults on a quiet machine)
#   load-tests/run-benchmarks.sh --smoke         CI smoke test only; exits non-zero on any failed request
#   load-tests/run-benchmarks.sh --soak [MIN]    soak: warm GetFile load for MIN minutes (default 10), printing
#                                                errors and heap after each minute; non-zero on any error
#   load-tests/run-benchmarks.sh --cold          issue 13's cold figures and mixed workload only (~2 minutes): each
#                                                on a fresh gateway, over the realistic history (acme/platform)
#   load-tests/run-benchmarks.sh --sidecar       the full benchmark with the gateway started as a 512 MiB sidecar
#                                                (-XX:MaxRAM=512m and conf/jvm.options): its RSS is sampled every
#                                                second through the whole run; non-zero if it reached 512 MiB or a
#                                                request failed
#   load-tests/run-benchmarks.sh --faults        fault phases (~5 minutes): a JIT warm-up phase, then fault-free,
#                                                1% 502 + 0.5% resets, one repository down (acme/pipeline), each
#                                                on a fresh gateway with its cache off; non-zero on a missed target
#   load-tests/run-benchmarks.sh --interleaved   warm throughput, gateway and bare endpoint taking turns of SLOT s in
#                                                ONE Gatling run (the headline of issue 13's warm target; see
#                                                InterleavedWarmSimulation): WARMUP s of turns not counted, then
#                                                DURATION s counted; ~3 minutes with --warmup 60 --duration 60
#   load-tests/run-benchmarks.sh --warm-only     the warm-up passes and the ROUNDS warm rounds only (gateway/bare
#                                                throughput, CPU per request): no cold path, no issue 13 figures;
#                                                ~3 minutes with --rounds 1 --warmup 15 --duration 20
#
# Full benchmark: a warm-up pass over every hot file (gateway, then bare), then ROUNDS rounds of one warm
# GetFile run against the gateway and one against the bare endpoint, alternating; each run (its own Gatling
# JVM) sends WARMUP s of un-measured load, then DURATION s of measured load on the same users/connections;
# then the cold path against a fresh gateway; then issue 13's cold figures (--cold-delay-ms per call) and the
# mixed workload, each on a fresh gateway. Server CPU is sampled every 0.5 s during the warm runs, the
# gateway's RSS every second through the whole run.
# Options: --delay-ms N (fake GitHub's delay per call, default 50 or $FAKE_DELAY_MS)
#          --cold-delay-ms N (the delay while the cold figures are taken, default 200)
#          --duration S (measured seconds of each warm run, default 30 or $BENCH_DURATION_S)
#          --warmup S   (un-measured warm-up seconds before each warm run's measured phase, default 20 or
#                        $BENCH_WARMUP_S; 0: none)
#          --rounds N   (rounds of gateway run + bare run, default 2 or $BENCH_ROUNDS)
#          --users N    (virtual users of the warm runs, default 64)
#          --slot S     (--interleaved: seconds per turn, default 5; under the gateway's 10 s header timeout)
#          --skip-build (reuse target/sourcegate.jar and the installed artifact)
# JVM flags: GATEWAY_JAVA_OPTS, FAKE_JAVA_OPTS, BARE_JAVA_OPTS (defaults below).
# FAKE_ARGS: more options of the fake GitHub (BenchmarkGitHub), e.g. --log-own-time (its own time per call,
#          in run/fake.log) or --warm-up-rounds N (its JIT warm-up before the port is announced, default 500).
# GATEWAY_JAR: the gateway to measure (default target/sourcegate.jar): an older build's jar, with the same
#          harness, fake and bare endpoint, gives its figures to compare with this build's;
#          GATEWAY_CONFIG: its settings file (default conf/sourcegate.yaml; an older build refuses newer keys).
# AGAINST_JAR (--interleaved only): another gateway build takes the bare endpoint's turns, on the same fake
#          and settings, so that two builds are compared side by side in one run (the report's "bare" is it).
# Every process this script starts listens on 127.0.0.1 only and is stopped on exit.
set -euo pipefail

MODE=full
DELAY_MS="${FAKE_DELAY_MS:-50}"
DURATION_S="${BENCH_DURATION_S:-30}"
# 20 s: with 10 s, the C2 compiler threads of the fresh Gatling JVM (and of the gateway in round 1) still took
# ~0.3 cores during the first 10 s of the measured window on this 2-core machine; with 20 s, under 0.05
WARMUP_S="${BENCH_WARMUP_S:-20}"
ROUNDS="${BENCH_ROUNDS:-2}"
USERS="${BENCH_USERS:-64}"
ZIPF_S="${BENCH_ZIPF_S:-1.1}"
# how often the memory sampler scrapes the gateway's /metrics during its runs: each scrape is work the
# bare endpoint never does (and, once a second, kept the gateway's C2 compiling the scrape path)
MEMORY_SAMPLE_S="${BENCH_MEMORY_SAMPLE_S:-5}"
SKIP_BUILD=0
SOAK_MIN=10
SLOT_S="${BENCH_SLOT_S:-5}"

SIDECAR=0
COLD_DELAY_MS="${BENCH_COLD_DELAY_MS:-200}"
SIDECAR_MIB=512

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) MODE=smoke ;;
    --faults) MODE=faults ;;
    --cold) MODE=cold ;;
    --warm-only) MODE=warm ;;
    --interleaved) MODE=interleaved ;;
    --slot) SLOT_S="${2:?--slot needs a value}"; shift ;;
    --sidecar) SIDECAR=1 ;;
    --cold-delay-ms) COLD_DELAY_MS="${2:?--cold-delay-ms needs a value}"; shift ;;
    --soak)
      MODE=soak
      if [ $# -gt 1 ] && [ -n "${2##*[!0-9]*}" ]; then SOAK_MIN="$2"; shift; fi ;;
    --delay-ms) DELAY_MS="${2:?--delay-ms needs a value}"; shift ;;
    --delay-ms=*) DELAY_MS="${1#*=}" ;;
    --duration) DURATION_S="${2:?--duration needs a value}"; shift ;;
    --duration=*) DURATION_S="${1#*=}" ;;
    --warmup) WARMUP_S="${2:?--warmup needs a value}"; shift ;;
    --warmup=*) WARMUP_S="${1#*=}" ;;
    --rounds) ROUNDS="${2:?--rounds needs a value}"; shift ;;
    --rounds=*) ROUNDS="${1#*=}" ;;
    --users) USERS="${2:?--users needs a value}"; shift ;;
    --users=*) USERS="${1#*=}" ;;
    --skip-build) SKIP_BUILD=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
for v in "$DELAY_MS" "$COLD_DELAY_MS" "$DURATION_S" "$WARMUP_S" "$ROUNDS" "$USERS" "$SLOT_S"; do
  case "$v" in ''|*[!0-9]*) echo "not a whole number: $v" >&2; exit 2 ;; esac
done
for v in "$DURATION_S" "$ROUNDS" "$USERS"; do
  [ "$v" -gt 0 ] || { echo "--duration, --rounds and --users must be positive" >&2; exit 2; }
done

LT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LT/.." && pwd)"
RUN="$LT/target/run"
RESULTS="$LT/results"
if [ "$SIDECAR" = 1 ]; then
  # what a 512 MiB container limit does to the JVM, with the launcher's own defaults (conf/jvm.options)
  GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--XX:MaxRAM=${SIDECAR_MIB}m @$ROOT/conf/jvm.options}"
  # the cache of k8s/sidecar/deployment.yaml: 96 MiB, under half of a 256 MiB heap
  SIDECAR_ENV="SOURCEGATE_CACHE_MAX_BYTES=100663296"
else
  GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError}"
fi
FAKE_JAVA_OPTS="${FAKE_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseG1GC}"
BARE_JAVA_OPTS="${BARE_JAVA_OPTS:--Xms128m -Xmx256m -XX:+UseG1GC}"
SIM_PKG=dev.sourcegate.loadtest.simulations

for tool in java mvn curl awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-benchmarks: $tool is required" >&2; exit 2; }
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# ---- process bookkeeping: everything started here is stopped on exit
PIDS=()
SAMPLER_PID=""
CPU_SAMPLER_PID=""
RSS_SAMPLER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$RSS_SAMPLER_PID" ]; then kill "$RSS_SAMPLER_PID" 2>/dev/null || true; fi
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  if [ -n "$CPU_SAMPLER_PID" ]; then kill "$CPU_SAMPLER_PID" 2>/dev/null || true; fi
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

alive() { kill -0 "$1" 2>/dev/null; }

# wait_for_port_file FILE PID NAME [SECONDS]: the port a server wrote once listening (within 30 s by default)
wait_for_port_file() {
  local file=$1 pid=$2 name=$3 seconds=${4:-30}
  for _ in $(seq 1 $((seconds * 10))); do
    if [ -s "$file" ]; then cat "$file"; return 0; fi
    alive "$pid" || { echo "run-benchmarks: $name exited; its log:" >&2; cat "$RUN/$name.log" >&2; return 1; }
    sleep 0.1
  done
  echo "run-benchmarks: $name did not start in $seconds s" >&2; return 1
}

# wait_ready URL PID NAME: until GET URL answers 200
wait_ready() {
  local url=$1 pid=$2 name=$3
  for _ in $(seq 1 300); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" = 200 ]; then return 0; fi
    alive "$pid" || { echo "run-benchmarks: $name exited; its log:" >&2; cat "$RUN/$name.log" >&2; return 1; }
    sleep 0.1
  done
  echo "run-benchmarks: $name not ready at $url after 30 s" >&2; return 1
}

# ---- build
mkdir -p "$LT/target"
BUILD_LOG="$LT/target/build.log"
: > "$BUILD_LOG"
if [ "$SKIP_BUILD" = 0 ]; then
  log "building sourcegate (mvn -B -q -DskipTests install)"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests install) >> "$BUILD_LOG" 2>&1 \
    || { echo "run-benchmarks: the gateway build failed:" >&2; tail -60 "$BUILD_LOG" >&2; exit 1; }
fi
[ -f "$ROOT/target/sourcegate.jar" ] || { echo "run-benchmarks: $ROOT/target/sourcegate.jar is missing (drop --skip-build)" >&2; exit 2; }
log "compiling the load tests"
# gatling:help resolves the Gatling plugin too, so that the runs below can be offline (-o)
(cd "$LT" && mvn -B -q -Dstyle.color=never test-compile gatling:help) >> "$BUILD_LOG" 2>&1 \
  || { echo "run-benchmarks: compiling load-tests failed:" >&2; tail -60 "$BUILD_LOG" >&2; exit 1; }
GATLING_VERSION="$(cd "$LT" && sed -n 's:.*<gatling.version>\(.*\)</gatling.version>.*:\1:p' pom.xml | head -1)"
CP="$LT/target/classes:$ROOT/target/sourcegate.jar"
GATEWAY_JAR="${GATEWAY_JAR:-$ROOT/target/sourcegate.jar}"
[ -f "$GATEWAY_JAR" ] || { echo "run-benchmarks: GATEWAY_JAR $GATEWAY_JAR is missing" >&2; exit 2; }
GATEWAY_CONFIG="${GATEWAY_CONFIG:-$ROOT/conf/sourcegate.yaml}"

rm -rf "$RUN" "$LT/target/gatling"
mkdir -p "$RUN" "$RESULTS"
SESSION_SECRET="sourcegate-bench-$(date +%s)-$RANDOM$RANDOM"
export GITHUB_SESSION_SECRET="$SESSION_SECRET"

# ---- fake GitHub: the gateway's simulated GitHub holding the data set (REST API under /api)
# shellcheck disable=SC2086
java $FAKE_JAVA_OPTS -cp "$CP" dev.sourcegate.loadtest.BenchmarkGitHub \
  --delay-ms "$DELAY_MS" --port-file "$RUN/fake.port" ${FAKE_ARGS:-} > "$RUN/fake.log" 2>&1 &
FAKE_PID=$!; PIDS+=("$FAKE_PID")
# 120 s: the fake builds its data set, then runs its own JIT warm-up (FakeWarmUp) before it writes its port
FAKE_PORT="$(wait_for_port_file "$RUN/fake.port" "$FAKE_PID" fake 120)"
FAKE="http://127.0.0.1:$FAKE_PORT"
wait_ready "$FAKE/readyz" "$FAKE_PID" fake
log "fake GitHub on $FAKE (delay $DELAY_MS ms per call, pid $FAKE_PID)"
log "$(grep -m1 '^fake warm-up' "$RUN/fake.log" || echo 'fake warm-up: no summary in fake.log')"

# ---- the gateway jar, configured by environment only; start_gateway LOGNAME sets GW_PID and GW
start_gateway() {
  local logname=$1
  # shellcheck disable=SC2086
  (cd "$ROOT" && exec env \
    SOURCEGATE_CONFIG="$GATEWAY_CONFIG" \
    SOURCEGATE_HOST=127.0.0.1 SOURCEGATE_PORT=0 SOURCEGATE_MANAGEMENT_PORT=0 SOURCEGATE_MULTITENANT=false \
    SOURCEGATE_SHUTDOWN_GRACE_MS=2000 \
    SOURCEGATE_GITHUB_API_URL="$FAKE/api" SOURCEGATE_GITHUB_URL="$FAKE" \
    SOURCEGATE_GO_GET_URL="$FAKE" SOURCEGATE_GOOGLESOURCE_URL="$FAKE" \
    GITHUB_CLIENT_ID=sourcegate-bench GITHUB_CLIENT_SECRET=sourcegate-bench-secret \
    GITHUB_SESSION_SECRET="$SESSION_SECRET" GITHUB_CALLBACK_URL="http://127.0.0.1:$FAKE_PORT/callback" \
    ${SIDECAR_ENV:-} ${GW_EXTRA_ENV:-} java $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR") > "$RUN/$logname.log" 2>&1 &
  GW_PID=$!; PIDS+=("$GW_PID")
  echo "$GW_PID" > "$RUN/gateway.pid"
  GW_PORT=""
  for _ in $(seq 1 300); do
    GW_PORT="$(grep -oE 'listening on [^ ]*:[0-9]+' "$RUN/$logname.log" 2>/dev/null | head -1 | grep -oE '[0-9]+$' || true)"
    [ -n "$GW_PORT" ] && break
    alive "$GW_PID" || { echo "run-benchmarks: the gateway exited; its log:" >&2; cat "$RUN/$logname.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$GW_PORT" ] || { echo "run-benchmarks: the gateway did not log its port in 30 s" >&2; cat "$RUN/$logname.log" >&2; exit 1; }
  GW="http://127.0.0.1:$GW_PORT"
  wait_ready "$GW/readyz" "$GW_PID" gateway
  log "gateway on $GW (pid $GW_PID; JVM: $GATEWAY_JAVA_OPTS)"
}
start_gateway gateway

# RSS sampler: "epochMillis pid rssKiB" of the current gateway (run/gateway.pid, every gateway the run starts)
# every second, from the start to the end of the run, into rss.tsv; bash builtins only but sleep
: > "$RUN/rss.tsv"
(
  while :; do
    read -r pid < "$RUN/gateway.pid" 2>/dev/null || pid=""
    rss=0
    if [ -n "$pid" ]; then
      while read -r key value _; do
        if [ "$key" = "VmRSS:" ]; then rss=$value; break; fi
      done < "/proc/$pid/status" 2>/dev/null || true
    fi
    now="${EPOCHREALTIME//[!0-9]/}"
    echo "$((now / 1000)) ${pid:-0} $rss"
    sleep 1
  done >> "$RUN/rss.tsv"
) &
RSS_SAMPLER_PID=$!

# restart_gateway LOGNAME: a fresh gateway (empty caches) in place of the running one
restart_gateway() {
  kill -TERM "$GW_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$GW_PID" || break; sleep 0.1; done
  start_gateway "$1"
}

# issue 13's figures, each on a fresh gateway: the cold cases (at COLD_DELAY_MS per call), then the mixed
# workload over the realistic history; their tables go to run/cold-figures.txt and run/mixed.txt.
# Sets DRIVER_FAILURES (the drivers' exit codes, non-zero when a request failed or answered wrongly).
DRIVER_FAILURES=0
issue13_figures() {
  local rc
  restart_gateway gateway-cold13
  log "cold figures: one request at a time, fake delay $COLD_DELAY_MS ms"
  rc=0; java -cp "$CP" dev.sourcegate.loadtest.ColdFigures --gateway "$GW" --fake "$FAKE" --delay-ms "$COLD_DELAY_MS" \
    --out "$RUN/cold-figures.txt" > "$RUN/cold-figures.log" 2>&1 || rc=$?
  [ -s "$RUN/cold-figures.txt" ] || { echo "run-benchmarks: the cold figures failed:" >&2; tail -30 "$RUN/cold-figures.log" >&2; }
  [ "$rc" = 0 ] || DRIVER_FAILURES=$((DRIVER_FAILURES + 1))
  restart_gateway gateway-mixed
  log "mixed workload over the realistic history (fake delay 20 ms meanwhile)"
  rc=0; java -cp "$CP" dev.sourcegate.loadtest.MixedWorkload --gateway "$GW" --fake "$FAKE" \
    --out "$RUN/mixed.txt" > "$RUN/mixed.log" 2>&1 || rc=$?
  [ -s "$RUN/mixed.txt" ] || { echo "run-benchmarks: the mixed workload failed:" >&2; tail -30 "$RUN/mixed.log" >&2; }
  [ "$rc" = 0 ] || DRIVER_FAILURES=$((DRIVER_FAILURES + 1))
}

# issue13_report OUT: appends the two tables (and, for --sidecar, the memory check) to OUT and prints them
issue13_report() {
  local out=$1 rc=0
  { echo; echo "==== issue 13: cold figures ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null))"; cat "$RUN/cold-figures.txt" 2>/dev/null || echo "(none)"
    echo; echo "==== issue 13: mixed workload"; cat "$RUN/mixed.txt" 2>/dev/null || echo "(none)"; } | tee -a "$out"
  if [ "$SIDECAR" = 1 ]; then
    java -cp "$CP" dev.sourcegate.loadtest.MemoryVerdict "$RUN/rss.tsv" "$SIDECAR_MIB" "$LT/target/gatling" \
      "$DRIVER_FAILURES" "$out" || rc=$?
  else
    awk '$3 > m {m = $3} END {printf "\ngateway peak RSS over the whole run: %.1f MiB (JVM: %s)\n", m / 1024, opts}' \
      opts="$GATEWAY_JAVA_OPTS" "$RUN/rss.tsv" | tee -a "$out"
  fi
  return "$rc"
}

if [ "$MODE" = cold ]; then
  issue13_figures
  : > "$RESULTS/cold.txt"
  rc=0; issue13_report "$RESULTS/cold.txt" || rc=$?
  [ "$DRIVER_FAILURES" = 0 ] || { echo "run-benchmarks: a request of the cold figures or the mixed workload failed" >&2; rc=1; }
  log "written to $RESULTS/cold.txt (logs in $RUN)"
  exit "$rc"
fi

# run_gatling PHASE SIMULATION TARGET_URL: one Gatling run; its report folder is printed on stdout
run_gatling() {
  local phase=$1 sim=$2 target=$3 folder="$LT/target/gatling/$1" rc=0
  mkdir -p "$folder"
  gatling_mvn() {
    (cd "$LT" && env BENCH_TARGET_URL="$target" BENCH_RESULTS_DIR="$RUN" BENCH_LABEL="$phase" \
      BENCH_USERS="$USERS" BENCH_DURATION_S="$DURATION_S" BENCH_WARMUP_S="$WARMUP_S" BENCH_ZIPF_S="$ZIPF_S" \
      BENCH_GATEWAY_URL="${GW:-}" BENCH_BARE_URL="${BARE:-}" BENCH_SLOT_S="$SLOT_S" \
      mvn -B -Dstyle.color=never "$@" gatling:test \
        -Dgatling.simulationClass="$SIM_PKG.$sim" -Dgatling.resultsFolder="$folder") > "$RUN/gatling-$phase.log" 2>&1
  }
  gatling_mvn -o || rc=$?
  if [ "$rc" != 0 ] && [ ! -s "$folder/lastRun.txt" ] && grep -q 'offline' "$RUN/gatling-$phase.log"; then
    rc=0; gatling_mvn || rc=$?   # something was not in the local repository yet
  fi
  if [ ! -s "$folder/lastRun.txt" ]; then
    echo "run-benchmarks: Gatling run '$phase' produced no report (exit $rc); its log:" >&2
    tail -60 "$RUN/gatling-$phase.log" >&2
    return 1
  fi
  echo "$folder/$(head -1 "$folder/lastRun.txt")"
  return "$rc"
}

report() { java -cp "$CP" dev.sourcegate.loadtest.Report "$@"; }

# cpu_snapshot: "busyTicks ourTicks epochMillis". busy: the whole machine (/proc/stat); ours: this script
# and every child it has reaped (the Gatling runs) plus the servers it started. The difference over a run
# is what other processes on this machine took, which makes the figures noisy on a shared machine.
proc_ticks() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk -v all="$2" '{print all ? $12+$13+$14+$15 : $12+$13}' || echo 0; }
cpu_snapshot() {
  local busy ours pid t
  busy="$(awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat)"
  ours="$(proc_ticks $$ 1)"
  for pid in "${PIDS[@]}"; do t="$(proc_ticks "$pid" 0)"; ours=$((ours + ${t:-0})); done
  echo "$busy $ours $(date +%s%3N)"
}
# cpu_others BEFORE AFTER: cores used on average by other processes between two snapshots
cpu_others() {
  local hz; hz="$(getconf CLK_TCK 2>/dev/null || echo 100)"
  awk -v hz="$hz" -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " "); secs = (y[3] - x[3]) / 1000;
    o = ((y[1] - x[1]) - (y[2] - x[2])) / hz / (secs > 0 ? secs : 1); if (o < 0) o = 0;
    u = (y[2] - x[2]) / hz / (secs > 0 ? secs : 1);
    printf "%.2f %.2f", o, u }'
}

if [ "$MODE" = soak ]; then
  # gateway_counts: "<requests> <errors> <heap bytes>" from the gateway's own /metrics
  gateway_counts() {
    curl -s --max-time 5 "$GW/metrics" | awk '
      /^sourcegate_requests_seconds_count\{/ { n += $NF; if ($0 !~ /code="ok"/) e += $NF }
      /^jvm_memory_used_bytes\{area="heap"/ { h += $NF }
      END { printf "%.0f %.0f %.0f", n, e, h }'
  }
  log "soak: warm-up pass, then $USERS users for $SOAK_MIN minute(s) of warm GetFile"
  run_gatling soak-warmup WarmUpSimulation "$GW" > /dev/null
  read -r N0 E0 H0 <<< "$(gateway_counts)"
  printf '%-8s %12s %10s %10s %12s\n' minute requests errors req/s "heap (MiB)" | tee "$RESULTS/soak.txt"
  printf '%-8s %12s %10s %10s %12.1f\n' 0 0 0 - "$(awk -v h="$H0" 'BEGIN {print h/1048576}')" | tee -a "$RESULTS/soak.txt"
  ( DURATION_S=$((SOAK_MIN * 60)); WARMUP_S=0; run_gatling soak WarmGetFileSimulation "$GW" > "$RUN/soak.dir" ) &
  SOAK_PID=$!; PIDS+=("$SOAK_PID")
  PREV_N=$N0
  for minute in $(seq 1 "$SOAK_MIN"); do
    sleep 60
    read -r N E H <<< "$(gateway_counts)"
    printf '%-8s %12d %10d %10.0f %12.1f\n' "$minute" "$((N - N0))" "$((E - E0))" \
      "$(awk -v a="$N" -v b="$PREV_N" 'BEGIN {print (a-b)/60}')" "$(awk -v h="$H" 'BEGIN {print h/1048576}')" \
      | tee -a "$RESULTS/soak.txt"
    PREV_N=$N
  done
  rc=0
  wait "$SOAK_PID" || rc=$?
  read -r N E H <<< "$(gateway_counts)"
  {
    echo "soak: $((N - N0)) GetFile in $SOAK_MIN minute(s), $((E - E0)) errors, heap $(awk -v h="$H0" 'BEGIN {printf "%.1f", h/1048576}') MiB at start, $(awk -v h="$H" 'BEGIN {printf "%.1f", h/1048576}') MiB at the end (RSS $(awk '/^VmRSS:/ {printf "%.1f", $2/1024}' "/proc/$GW_PID/status") MiB)"
    echo "(sourcegate $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null), $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, fake delay $DELAY_MS ms)"
  } | tee -a "$RESULTS/soak.txt"
  if [ "$rc" != 0 ] || [ "$((E - E0))" != 0 ]; then
    echo "run-benchmarks: SOAK FAILED (Gatling exit $rc, $((E - E0)) errors)" >&2
    exit 1
  fi
  exit 0
fi

if [ "$MODE" = smoke ]; then
  log "smoke simulation against the gateway"
  rc=0
  SMOKE_DIR="$(run_gatling smoke SmokeSimulation "$GW")" || rc=$?
  if [ -n "${SMOKE_DIR:-}" ] && [ -f "$SMOKE_DIR/js/stats.json" ]; then
    printf 'mode=smoke\ndir.smoke=%s\n' "$SMOKE_DIR" > "$RUN/run.properties"
    report "$RUN/run.properties" "$RESULTS/smoke.txt" || rc=1
  fi
  if [ "$rc" != 0 ]; then
    echo "run-benchmarks: SMOKE FAILED (exit $rc); Gatling said:" >&2
    grep -E 'KO|failed|false|Error|error' "$RUN/gatling-smoke.log" | grep -v '^\[INFO\]' | head -40 >&2 || true
    exit 1
  fi
  exit 0
fi

if [ "$MODE" = faults ]; then
  # Each phase: a fresh gateway with its cache off (every GetFile calls the fake GitHub), the fake told
  # which faults to inject, FaultPhaseSimulation for WARMUP_S + DURATION_S seconds; then FaultReport.
  FAULT_REPO=acme/pipeline
  stop_gateway() {
    kill -TERM "$GW_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$GW_PID" || break; sleep 0.1; done
  }
  : > "$RUN/faults.properties"
  fault_phase() {   # fault_phase NAME TITLE FAULT-QUERY
    local name=$1 title=$2 query=$3 dir
    curl -s --max-time 5 -X POST "$FAKE/__faults?$query" > /dev/null
    stop_gateway
    GW_EXTRA_ENV="SOURCEGATE_CACHE_MAX_BYTES=0" start_gateway "gateway-$name"
    curl -s --max-time 5 "$FAKE/__stats" > "$RUN/upstream-before-$name.json"
    log "fault phase '$title': $USERS users, $WARMUP_S s warm-up + $DURATION_S s measured"
    if [ "$name" = onerepo ]; then export BENCH_FAULT_REPO="$FAULT_REPO"; else export BENCH_FAULT_REPO=""; fi
    dir="$(run_gatling "faults-$name" FaultPhaseSimulation "$GW")" || true
    curl -s --max-time 5 "$FAKE/__stats" > "$RUN/upstream-after-$name.json"
    curl -s --max-time 5 "$FAKE/__faults" > "$RUN/injected-$name.json"
    curl -s --max-time 5 "$GW/metrics" > "$RUN/metrics-$name.txt"
    [ -n "$dir" ] || { echo "run-benchmarks: fault phase '$name' produced no report" >&2; exit 1; }
    {
      echo "dir.$name=$dir"
      echo "title.$name=$title"
      echo "upstream.before.$name=$RUN/upstream-before-$name.json"
      echo "upstream.after.$name=$RUN/upstream-after-$name.json"
      echo "injected.$name=$RUN/injected-$name.json"
      echo "metrics.$name=$RUN/metrics-$name.txt"
    } >> "$RUN/faults.properties"
  }
  # a first, unreported phase: the fake's and the gateway's JIT would otherwise make the first phase slowest
  fault_phase jit "JIT warm-up (not reported)" ""
  fault_phase baseline "fault-free" ""
  fault_phase scattered "1% 502 + 0.5% resets" "p502=1&reset=0.5"
  fault_phase onerepo "$FAULT_REPO down" "failRepo=$FAULT_REPO"
  curl -s --max-time 5 -X POST "$FAKE/__faults" > /dev/null
  GIT_REV="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ -n "$(cd "$ROOT" && git status --porcelain --untracked-files=no 2>/dev/null)" ]; then GIT_REV="$GIT_REV+changes"; fi
  {
    echo "phases=baseline,scattered,onerepo"
    echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "git.rev=$GIT_REV"
    echo "gateway.jar=$GATEWAY_JAR"
    echo "machine=$(nproc) cores, $(java -version 2>&1 | head -1)"
    echo "delay.ms=$DELAY_MS"
    echo "users=$USERS"
    echo "duration.s=$DURATION_S"
    echo "warmup.s=$WARMUP_S"
  } >> "$RUN/faults.properties"
  rc=0
  java -cp "$CP" dev.sourcegate.loadtest.FaultReport "$RUN/faults.properties" "$RESULTS/faults.txt" || rc=$?
  log "written to $RESULTS/faults.txt (logs and raw data in $RUN)"
  exit "$rc"
fi

# ---- bare endpoint (the ceiling), or with AGAINST_JAR (--interleaved only) a second gateway in its place
if [ -n "${AGAINST_JAR:-}" ]; then
  [ "$MODE" = interleaved ] || { echo "run-benchmarks: AGAINST_JAR is for --interleaved only" >&2; exit 2; }
  [ -f "$AGAINST_JAR" ] || { echo "run-benchmarks: AGAINST_JAR $AGAINST_JAR is missing" >&2; exit 2; }
  MEASURED_PID=$GW_PID; MEASURED=$GW; MEASURED_JAR=$GATEWAY_JAR
  GATEWAY_JAR=$AGAINST_JAR start_gateway against
  BARE_PID=$GW_PID; BARE=$GW
  GW_PID=$MEASURED_PID; GW=$MEASURED; GATEWAY_JAR=$MEASURED_JAR
  echo "$GW_PID" > "$RUN/gateway.pid"
  log "in place of the bare endpoint: the gateway $AGAINST_JAR on $BARE (pid $BARE_PID); the report's 'bare' is it"
else
  # shellcheck disable=SC2086
  java $BARE_JAVA_OPTS -cp "$CP" dev.sourcegate.loadtest.BareEndpoint --port-file "$RUN/bare.port" > "$RUN/bare.log" 2>&1 &
  BARE_PID=$!; PIDS+=("$BARE_PID")
  BARE_PORT="$(wait_for_port_file "$RUN/bare.port" "$BARE_PID" bare)"
  BARE="http://127.0.0.1:$BARE_PORT"
  wait_ready "$BARE/readyz" "$BARE_PID" bare
  log "bare endpoint on $BARE (pid $BARE_PID)"
fi

# memory sampler: "epochMillis heapBytes rssKiB inFlight" of the gateway every MEMORY_SAMPLE_S seconds, appended to memory.tsv
start_memory_sampler() {
  (
    while alive "$GW_PID"; do
      metrics="$(curl -s --max-time 2 "$GW/metrics" || true)"
      heap="$(printf '%s\n' "$metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%.0f", s}')"
      inflight="$(printf '%s\n' "$metrics" | awk '/^sourcegate_inflight_requests/ {printf "%.0f", $NF}')"
      rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$GW_PID/status" 2>/dev/null || echo 0)"
      echo "$(date +%s%3N) ${heap:-0} ${rss:-0} ${inflight:-0}" >> "$RUN/memory.tsv"
      sleep "$MEMORY_SAMPLE_S"
    done
  ) &
  SAMPLER_PID=$!
}
stop_memory_sampler() {
  kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
}

# CPU sampler: "epochMillis gatewayTicks bareTicks machineBusyTicks" every 0.5 s into server-cpu.tsv; ticks:
# utime+stime of each server's process (/proc/PID/stat), busy ticks of the whole machine (/proc/stat). Bash
# builtins only (no fork but sleep), so that it costs next to nothing. Report keeps the samples inside each
# measured window (the simulation writes it to window-LABEL.txt).
server_ticks() {   # server_ticks PID: sets TICKS
  local line f
  TICKS=0
  { read -r line < "/proc/$1/stat"; } 2>/dev/null || return 0
  read -ra f <<< "${line##*) }"
  TICKS=$(( f[11] + f[12] ))
}
start_cpu_sampler() {
  (
    while :; do
      now="${EPOCHREALTIME//[!0-9]/}"
      server_ticks "$GW_PID"; gw=$TICKS
      server_ticks "$BARE_PID"; bare=$TICKS
      read -r _ u n s _ _ irq sirq st _ < /proc/stat
      echo "$(( now / 1000 )) $gw $bare $(( u + n + s + irq + sirq + st ))"
      sleep 0.5
    done >> "$RUN/server-cpu.tsv"
  ) &
  CPU_SAMPLER_PID=$!
}
stop_cpu_sampler() {
  kill "$CPU_SAMPLER_PID" 2>/dev/null || true; wait "$CPU_SAMPLER_PID" 2>/dev/null || true; CPU_SAMPLER_PID=""
}

if [ "$MODE" = interleaved ]; then
  # the warm-up passes fill the gateway's caches, then one Gatling run sends the load to both servers in turns;
  # CPU samples throughout (InterleavedReport keeps those inside each counted slot)
  log "1/3 warm-up pass over all 1,000 files (gateway)"
  run_gatling warmup WarmUpSimulation "$GW" > /dev/null
  log "2/3 warm-up pass over all 1,000 files (bare endpoint)"
  run_gatling warmup-bare WarmUpSimulation "$BARE" > /dev/null
  log "3/3 one run, turns of $SLOT_S s: $USERS users, $WARMUP_S s of turns not counted + $DURATION_S s counted"
  : > "$RUN/server-cpu.tsv"
  rm -f "$RUN"/interleaved-*.txt
  start_cpu_sampler
  INTERLEAVED_DIR="$(run_gatling interleaved InterleavedWarmSimulation "$GW")"
  stop_cpu_sampler
  GIT_REV="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ -n "$(cd "$ROOT" && git status --porcelain --untracked-files=no 2>/dev/null)" ]; then GIT_REV="$GIT_REV+changes"; fi
  {
    echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "git.rev=$GIT_REV"
    echo "machine=$(nproc) cores, $(awk '/^MemTotal:/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
    echo "gatling.version=$GATLING_VERSION"
    echo "users=$USERS"
    echo "slot.s=$SLOT_S"
    echo "warmup.s=$WARMUP_S"
    echo "duration.s=$DURATION_S"
    echo "gateway.java.opts=$GATEWAY_JAVA_OPTS"
    echo "bare.java.opts=$BARE_JAVA_OPTS"
    echo "dir.interleaved=$INTERLEAVED_DIR"
    echo "interleaved.slots=$RUN/interleaved-interleaved.txt"
    echo "cpu.samples=$RUN/server-cpu.tsv"
    echo "clk.tck=$(getconf CLK_TCK 2>/dev/null || echo 100)"
  } > "$RUN/interleaved.properties"
  rc=0; java -cp "$CP" dev.sourcegate.loadtest.InterleavedReport "$RUN/interleaved.properties" "$RESULTS/interleaved.txt" || rc=$?
  log "written to $RESULTS/interleaved.txt (logs and raw data in $RUN)"
  exit "$rc"
fi

STEPS=$((3 + 2 * ROUNDS))
if [ "$MODE" = warm ]; then STEPS=$((2 + 2 * ROUNDS)); fi
# 1. warm-up passes: every hot file once (fills the gateway's caches; the warm runs below warm the JIT)
log "1/$STEPS warm-up pass over all 1,000 files (gateway)"
WARMUP_DIR="$(run_gatling warmup WarmUpSimulation "$GW")"
log "2/$STEPS warm-up pass over all 1,000 files (bare endpoint)"
WARMUP_BARE_DIR="$(run_gatling warmup-bare WarmUpSimulation "$BARE")"

# 2. ROUNDS rounds of (gateway, bare): same simulation, same load; the fake's counters are read before the
#    first gateway run and after the last one (so they include the gateway runs' warm-up phases; the bare runs
#    in between make no upstream calls); memory samples during the gateway runs; CPU samples throughout
curl -s --max-time 5 "$FAKE/__stats" > "$RUN/upstream-before.json"
: > "$RUN/memory.tsv"
: > "$RUN/server-cpu.tsv"
: > "$RUN/rounds.properties"
rm -f "$RUN"/elapsed-*.txt "$RUN"/window-*.txt
start_cpu_sampler
step=2
for round in $(seq 1 "$ROUNDS"); do
  for which in gateway bare; do
    step=$((step + 1))
    if [ "$which" = gateway ]; then url="$GW"; else url="$BARE"; fi
    log "$step/$STEPS round $round/$ROUNDS, $which: $USERS users, $WARMUP_S s warm-up + $DURATION_S s measured"
    if [ "$which" = gateway ]; then start_memory_sampler; fi
    CPU_BEFORE="$(cpu_snapshot)"
    DIR="$(run_gatling "$which-$round" WarmGetFileSimulation "$url")"
    if [ "$which" = gateway ]; then stop_memory_sampler; fi   # reaped first: its CPU counts as this harness's
    CPU="$(cpu_others "$CPU_BEFORE" "$(cpu_snapshot)")"
    if [ "$which" = gateway ]; then
      if [ "$round" = "$ROUNDS" ]; then
        curl -s --max-time 5 "$FAKE/__stats" > "$RUN/upstream-after.json"
        curl -s --max-time 5 "$FAKE/__stats/notfound" > "$RUN/upstream-notfound.json"   # cumulative since start
      fi
    fi
    {
      echo "dir.warm.$which.$round=$DIR"
      echo "elapsed.ms.$which.$round=$(cat "$RUN/elapsed-$which-$round.txt" 2>/dev/null || echo 0)"
      echo "window.$which.$round=$(cat "$RUN/window-$which-$round.txt" 2>/dev/null || true)"
      echo "cpu.others.$which.$round=${CPU% *}"
      echo "cpu.ours.$which.$round=${CPU#* }"
    } >> "$RUN/rounds.properties"
    log "  measured window: $(awk '{printf "%.1f s", $1 / 1000}' "$RUN/elapsed-$which-$round.txt" 2>/dev/null || echo '?')"
  done
done
stop_cpu_sampler

# 4. cold path: one user, on a freshly started gateway (empty caches: not even the .pyroscope.yaml or go.mod
#    of the repository are known), files nobody asked for yet (not with --warm-only)
COLD_DIR=""
if [ "$MODE" != warm ]; then
  log "$STEPS/$STEPS cold path (a fresh gateway, one user, sequential)"
  kill -TERM "$GW_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$GW_PID" || break; sleep 0.1; done
  start_gateway gateway-cold
  rm -f "$RUN/cold-latencies.tsv"
  COLD_DIR="$(run_gatling cold ColdPathSimulation "$GW")"
fi

GIT_REV="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(cd "$ROOT" && git status --porcelain --untracked-files=no 2>/dev/null)" ]; then GIT_REV="$GIT_REV+changes"; fi
MACHINE="$(nproc) cores, $(awk '/^MemTotal:/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
{
  echo "mode=$MODE"
  echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "git.rev=$GIT_REV"
  echo "gateway.jar=$GATEWAY_JAR"
  echo "machine=$MACHINE"
  echo "gatling.version=$GATLING_VERSION"
  echo "delay.ms=$DELAY_MS"
  echo "users=$USERS"
  echo "duration.s=$DURATION_S"
  echo "warmup.s=$WARMUP_S"
  echo "rounds=$ROUNDS"
  echo "zipf.s=$ZIPF_S"
  echo "gateway.java.opts=$GATEWAY_JAVA_OPTS"
  echo "fake.java.opts=$FAKE_JAVA_OPTS"
  echo "bare.java.opts=$BARE_JAVA_OPTS"
  echo "dir.warmup=$WARMUP_DIR"
  echo "dir.warmup.bare=$WARMUP_BARE_DIR"
  echo "dir.cold=$COLD_DIR"
  cat "$RUN/rounds.properties"
  echo "cpu.samples=$RUN/server-cpu.tsv"
  echo "clk.tck=$(getconf CLK_TCK 2>/dev/null || echo 100)"
  echo "upstream.before=$RUN/upstream-before.json"
  echo "upstream.after=$RUN/upstream-after.json"
  echo "cold.tsv=$RUN/cold-latencies.tsv"
  echo "memory.samples=$RUN/memory.tsv"
} > "$RUN/run.properties"
if [ "$MODE" = warm ]; then
  rc=0; report "$RUN/run.properties" "$RESULTS/warm.txt" || rc=$?
  log "written to $RESULTS/warm.txt (logs and raw data in $RUN)"
  exit "$rc"
fi
issue13_figures
report "$RUN/run.properties" "$RESULTS/latest.txt"
rc=0; issue13_report "$RESULTS/latest.txt" || rc=$?
log "written to $RESULTS/latest.txt (logs and raw data in $RUN)"
[ "$DRIVER_FAILURES" = 0 ] || { echo "run-benchmarks: a request of the cold figures or the mixed workload failed" >&2; rc=1; }
exit "$rc"
