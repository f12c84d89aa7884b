#!/usr/bin/env bash
# The peer comparison: our JMH benchmarks and the same work in numpy (the blog's own code),
# scikit-learn and PyTorch, on this machine, in one go, each side pinned to the same cores.
# Writes mlp-bench/compare/results-<date>-<commit>.md; the raw JMH and peer JSON stay in a work folder.
#
#   mlp-bench/compare/run.sh            # everything: digits and Fashion-sized, 1 and 2 cores (~13 min)
#   mlp-bench/compare/run.sh --quick    # a short smoke run: digits only, short JMH iterations (~2 min)
#
# Options:
#   --quick          digits only (blog, digitsWide, digits predict, blog accuracy), short iterations
#   --no-build       use the jars as they are (fails if they are missing)
#   --build          build even if the jars exist
#   --rev REV        measure the committed revision REV (git archive into the work folder, built
#                    there), not the working tree: what others are editing does not leak in
#   --cores LIST     the core of the single-core rows (default 0)
#   --cores2 LIST    the cores of the 2-core rows (default 0,1)
#   --no-two-core    skip the 2-core Fashion rows
#   --fashion-rows N rows of the Fashion-sized timing runs (default 60000; smaller only to try the harness)
#   --out FILE       where to write the table (default mlp-bench/compare/results-<date>-<commit>.md)
#   --work DIR       where to keep the raw results (default a new folder under /tmp)
#
# Not run by CI: it takes too long. Run it by hand on a quiet machine; to keep a run, replace the
# results file in mlp-bench/compare/ with it (earlier runs stay in git history) and the table in
# mlp-bench/README.md with its first table, with the date, the machine, the command and the commit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=${PEER_PYTHON:-/usr/bin/python3}   # Debian's python, where apt-get puts the peers
QUICK=0
BUILD=auto
REV=""
CORE1=0
CORE2=0,1
TWO_CORE=1
FASHION_ROWS=60000
OUT=""
WORK=""
COMMAND_LINE="mlp-bench/compare/run.sh $*"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --no-build) BUILD=no ;;
        --build) BUILD=yes ;;
        --rev) REV="$2"; shift ;;
        --cores) CORE1="$2"; shift ;;
        --cores2) CORE2="$2"; shift ;;
        --no-two-core) TWO_CORE=0 ;;
        --fashion-rows) FASHION_ROWS="$2"; shift ;;
        --out) OUT="$2"; shift ;;
        --work) WORK="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

say() { printf '\n== %s\n' "$*" >&2; }

# ---- the peers and tools must be there ---------------------------------------------------------
APT_LINE="apt-get update && apt-get install -y python3-numpy python3-sklearn python3-torch python3-threadpoolctl"
missing=()
for tool in java taskset lscpu; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ! -x "$PY" ]; then
    missing+=("$PY")
else
    for module in numpy sklearn torch; do
        "$PY" -c "import $module" >/dev/null 2>&1 || missing+=("python module $module")
    done
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]}" >&2
    echo "The peers are Debian's packages for the system python ($PY); install them with:" >&2
    echo "  $APT_LINE" >&2
    echo "(taskset and lscpu are in util-linux; Java 17 and Maven build our side.)" >&2
    exit 1
fi
if ! "$PY" -c "import threadpoolctl" >/dev/null 2>&1; then
    echo "note: python3-threadpoolctl is not installed: the table cannot say which OpenBLAS kernel ran" >&2
    echo "  apt-get install -y python3-threadpoolctl" >&2
fi

NCPU=$(nproc --all)
if [ "$NCPU" -lt 2 ]; then
    TWO_CORE=0
fi

DATE=$(date -u +%Y-%m-%d)
if [ -z "$WORK" ]; then
    WORK=$(mktemp -d /tmp/mlp-compare.XXXXXX)
fi
mkdir -p "$WORK"
echo "raw results in $WORK" >&2

# ---- our jars ----------------------------------------------------------------------------------
SRC="$REPO"
if [ -n "$REV" ]; then
    say "exporting $REV"
    SRC="$WORK/src"
    rm -rf "$SRC" && mkdir -p "$SRC"
    git -C "$REPO" archive "$REV" | tar -x -C "$SRC"
    BUILD=yes
    COMMIT=$(git -C "$REPO" rev-parse --short "$REV")
else
    COMMIT=$(git -C "$REPO" describe --always --dirty 2>/dev/null || echo unknown)
fi
OUT=${OUT:-$HERE/results-$DATE-$COMMIT.md}
BENCH_JAR="$SRC/mlp-bench/target/benchmarks.jar"
EXAMPLES_JAR="$SRC/mlp-examples/target/mlp-examples.jar"
if [ "$BUILD" = yes ] || { [ "$BUILD" = auto ] && { [ ! -f "$BENCH_JAR" ] || [ ! -f "$EXAMPLES_JAR" ]; }; }; then
    say "building (mvn -q -B -DskipTests package) in $SRC"
    (cd "$SRC" && mvn -q -B -DskipTests package)
fi
for jar in "$BENCH_JAR" "$EXAMPLES_JAR"; do
    [ -f "$jar" ] || { echo "missing $jar: build with 'mvn -q -B -DskipTests package'" >&2; exit 1; }
done

# ---- machine and load --------------------------------------------------------------------------
STEPS="$WORK/steps.jsonl"
: > "$STEPS"
STEP_NAME=""
STEP_STAT=""
cpu_lines() { grep -E '^cpu[0-9]+ ' /proc/stat; }
# busy share of each core between the snapshot $1 (cpu_lines output) and now
busy_since() {
    local before=$1 name a b out="" i idle total
    while read -r name a_rest; do
        a=($name $a_rest)
        b=($(grep -E "^$name " /proc/stat))
        idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )); total=0
        for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
        out="$out${out:+, }\"$name\": $(( total > 0 ? 100 * (total - idle) / total : 0 ))"
    done <<< "$before"
    echo "{$out}"
}
end_step() { # closes the open step: how busy each core was while it ran (ours + everyone else's)
    if [ -n "$STEP_NAME" ]; then
        printf '{"step": "%s", "start": "%s", "end": "%s", "loadavg_before": "%s", "busy_before": %s, "loadavg_after": "%s", "busy_during": %s}\n' \
            "$STEP_NAME" "$STEP_START" "$(date -u +%H:%M:%S)" "$STEP_LOAD" "$STEP_BUSY" \
            "$(cut -d' ' -f1-3 /proc/loadavg)" "$(busy_since "$STEP_STAT")" >> "$STEPS"
        STEP_NAME=""
    fi
}
step() { # step NAME: closes the previous step, samples the load for 2 s, opens this one
    end_step
    local snap
    snap=$(cpu_lines); sleep 2
    STEP_BUSY=$(busy_since "$snap")
    STEP_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
    STEP_NAME=$1
    STEP_START=$(date -u +%H:%M:%S)
    STEP_STAT=$(cpu_lines)
    say "$1"
}

{
    printf '{"date": "%s", "command": "%s", "commit": "%s", "quick": %s,\n' "$DATE" "$COMMAND_LINE" "$COMMIT" "$QUICK"
    printf ' "cpu_model": "%s", "cpus": %s, "threads_per_core": "%s",\n' \
        "$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)" "$NCPU" \
        "$(lscpu | sed -n 's/^Thread(s) per core:[[:space:]]*//p' | head -1)"
    printf ' "simd": "%s",\n' "$(grep -o -w -E 'avx2|fma|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/ $//')"
    printf ' "java": "%s",\n' "$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')"
    printf ' "os": "%s", "kernel": "%s", "cores_single": "%s", "cores_two": "%s",\n' \
        "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(uname -r)" "$CORE1" "$CORE2"
    printf ' "fashion_rows": %s,\n' "$FASHION_ROWS"
    printf ' "openblas_env_outside": "OPENBLAS_CORETYPE=%s OPENBLAS_L2_SIZE=%s"}\n' "${OPENBLAS_CORETYPE:-unset}" "${OPENBLAS_L2_SIZE:-unset}"
} > "$WORK/meta.json"

# ---- our side: JMH -----------------------------------------------------------------------------
VECTOR_FLAG="--add-modules jdk.incubator.vector"
if [ "$QUICK" = 1 ]; then
    JMH_DIGITS=(-f 1 -wi 3 -w 1s -i 3 -r 1s)
else
    # five JVMs each: the small-matrix loops' speed varies from one JVM to the next (the blog
    # epoch 1.15–1.34 ms over six forks), in part with where the arrays fall within a cache line (with
    # -XX:ObjectAlignmentInBytes=64 the spread narrowed to 1.13–1.19 ms); one fork reported that
    # variation as a speed change, three still left ±0.1 ms
    JMH_DIGITS=(-f 5 -wi 5 -w 1s -i 5 -r 1s)
fi
JMH_FASHION=(-f 1 -wi 1 -i 2 -p fashionRows="$FASHION_ROWS")

jmh() { # jmh NAME CORES THREADS ACCELERATED(0/1) ARGS...
    local name=$1 cores=$2 threads=$3 accel=$4
    shift 4
    local jvm="-Xms2g -Xmx2g -Dmlp.threads=$threads"
    local path=default
    [ "$accel" = 1 ] && jvm="$VECTOR_FLAG $jvm" && path=accelerated
    step "ours $name (cores $cores, $threads thread(s), $path path)"
    # shellcheck disable=SC2086
    taskset -c "$cores" java $( [ "$accel" = 1 ] && echo "$VECTOR_FLAG" ) -Dmlp.threads="$threads" \
        -cp "$BENCH_JAR" "$HERE/Accuracy.java" --kernel 2>/dev/null \
        | sed "s/\"task\": \"kernel\"/\"task\": \"kernel\", \"run\": \"$name\"/" >> "$WORK/kernels.jsonl"
    taskset -c "$cores" java -jar "$BENCH_JAR" "$@" -prof gc -jvmArgsAppend "$jvm" \
        -rf json -rff "$WORK/jmh-$name.json" > "$WORK/jmh-$name.log" 2>&1 \
        || { echo "JMH run $name failed; see $WORK/jmh-$name.log" >&2; tail -20 "$WORK/jmh-$name.log" >&2; exit 1; }
    grep -E '^(Benchmark|EpochBenchmark|PredictBenchmark)' "$WORK/jmh-$name.log" | grep -v ':·\|:gc' >&2 || true
}

DIGITS_RE='EpochBenchmark\.(blog|digitsWide)$'
PREDICT_RE='PredictBenchmark\.digits$'
[ "$QUICK" = 1 ] || PREDICT_RE='PredictBenchmark\.(digits|fashion10k)$'
FASHION_RE='EpochBenchmark\.(fashionSgd|fashionAdam)$'

# ---- peers -------------------------------------------------------------------------------------
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for the peers only (they slow a current OpenBLAS);
# threadpoolctl reports the kernel OpenBLAS picks then.
# With more than one thread, OMP_WAIT_POLICY=PASSIVE: PyTorch runs its own OpenMP threads and
# OpenBLAS's pthreads side by side, and with GNU OpenMP's default spin-waiting the two pools fight
# over the cores (a 2-thread epoch measured 3-5x slower than a 1-thread one). VARIANT=omp-default
# leaves the variable unset, to show what an untuned run gets.
peer() { # peer SIDE CORES THREADS TASKS [extra args]
    local side=$1 cores=$2 threads=$3 tasks=$4 variant=${VARIANT:-}
    shift 4
    local wait=()
    [ "$threads" -gt 1 ] && [ "$variant" != omp-default ] && wait=(OMP_WAIT_POLICY=PASSIVE)
    step "$side $tasks (cores $cores, $threads thread(s)${variant:+, $variant}${wait:+, ${wait[*]}})"
    (cd "$HERE" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE -u OMP_WAIT_POLICY PYTHONDONTWRITEBYTECODE=1 \
        OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" "${wait[@]}" \
        taskset -c "$cores" "$PY" "peer_$side.py" --tasks "$tasks" --threads "$threads" "$@") \
        | sed "s/^{/{\"cores\": \"$cores\", \"variant\": \"$variant\", /" >> "$WORK/peers.jsonl" \
        || { echo "peer $side failed" >&2; exit 1; }
}
: > "$WORK/peers.jsonl"
: > "$WORK/kernels.jsonl"
: > "$WORK/accuracy.jsonl"

if [ "$QUICK" = 1 ]; then
    PEER_DIGITS=(--digits-fits 3 --predict-reps 100)
else
    PEER_DIGITS=(--digits-fits 9 --predict-reps 300)
fi
PEER_FASHION=(--fashion-rows "$FASHION_ROWS" --fashion-epochs 2)

# digits first for every side, then the Fashion-sized work for every side
jmh digits-default "$CORE1" 1 0 "$DIGITS_RE" "$PREDICT_RE" "${JMH_DIGITS[@]}"
jmh digits-accel "$CORE1" 1 1 "$DIGITS_RE" "$PREDICT_RE" "${JMH_DIGITS[@]}"
DIGIT_TASKS=blog,blog-predict,digits-wide
[ "$QUICK" = 1 ] || DIGIT_TASKS=$DIGIT_TASKS,fashion-predict
for side in numpy sklearn torch; do
    peer "$side" "$CORE1" 1 "$DIGIT_TASKS" "${PEER_DIGITS[@]}" --fashion-rows "$FASHION_ROWS"
done

if [ "$QUICK" = 0 ]; then
    jmh fashion-default "$CORE1" 1 0 "$FASHION_RE" "${JMH_FASHION[@]}"
    jmh fashion-accel "$CORE1" 1 1 "$FASHION_RE" "${JMH_FASHION[@]}"
    peer numpy "$CORE1" 1 fashion-sgd,fashion-adam "${PEER_FASHION[@]}"
    peer sklearn "$CORE1" 1 fashion-sgd,fashion-adam "${PEER_FASHION[@]}"
    peer torch "$CORE1" 1 fashion-sgd,fashion-adam,fashion-sgd-f32,fashion-adam-f32 "${PEER_FASHION[@]}"
    if [ "$TWO_CORE" = 1 ]; then
        jmh fashion-default-2c "$CORE2" 2 0 "$FASHION_RE" "${JMH_FASHION[@]}"
        jmh fashion-accel-2c "$CORE2" 2 1 "$FASHION_RE" "${JMH_FASHION[@]}"
        peer numpy "$CORE2" 2 fashion-sgd,fashion-adam "${PEER_FASHION[@]}"
        peer sklearn "$CORE2" 2 fashion-sgd,fashion-adam "${PEER_FASHION[@]}"
        peer torch "$CORE2" 2 fashion-sgd,fashion-adam,fashion-sgd-f32,fashion-adam-f32 "${PEER_FASHION[@]}"
        VARIANT=omp-default peer torch "$CORE2" 2 fashion-sgd,fashion-adam "${PEER_FASHION[@]}"
    fi
fi

# ---- accuracy ----------------------------------------------------------------------------------
step "accuracy: ours"
ACC_ARGS=(--epochs 100)
[ "$QUICK" = 1 ] || ACC_ARGS+=(--fashion)
taskset -c "$CORE1" java -Dmlp.threads=1 -cp "$BENCH_JAR" "$HERE/Accuracy.java" "${ACC_ARGS[@]}" >> "$WORK/accuracy.jsonl"
# the command-line tool's own report (two decimals), as a cross-check of the line above
taskset -c "$CORE1" java -Dmlp.threads=1 -jar "$EXAMPLES_JAR" digits --test-fraction 0 > "$WORK/mlp-digits.txt" 2>&1 || true
ACC_TASKS=blog-accuracy
[ "$QUICK" = 1 ] || ACC_TASKS=$ACC_TASKS,fashion-accuracy-sgd,fashion-accuracy-adam
for side in numpy sklearn torch; do
    step "accuracy: $side"
    (cd "$HERE" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE PYTHONDONTWRITEBYTECODE=1 OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
        taskset -c "$CORE1" "$PY" "peer_$side.py" --tasks "$ACC_TASKS" --threads 1) \
        | grep -v '"task": "environment"' >> "$WORK/accuracy.jsonl"
done
end_step

# ---- the table ---------------------------------------------------------------------------------
"$PY" "$HERE/report.py" "$WORK" > "$OUT"
say "wrote $OUT"
cat "$OUT"
