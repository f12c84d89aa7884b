#!/usr/bin/env bash
# The search benchmark and its peer, in one run: a 5-fold x 16-setting search on the digits with the
# refit of the best (SearchBenchmark), on 1 core with 1 network at a time and on 2 cores with 2, and
# scikit-learn's GridSearchCV(MLPClassifier) on the same grid, folds and scaling with n_jobs 1 and 2
# on the same cores (peer_sklearn_search.py). Prints a table of wall times and ratios; the raw JMH
# and peer JSON stay in a work folder.
#
#   mlp-bench/compare/search.sh [--accelerated] [--cores 0] [--cores2 0,1] [--reps 3] [--work DIR]
#
# --accelerated runs our side with --add-modules jdk.incubator.vector (the vector backend, one
# thread per network); without it, the bare JVM's blocked backend.
# Builds the benchmark jar if it is missing (mvn -q -B -DskipTests package). Run on a quiet machine.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=${PEER_PYTHON:-/usr/bin/python3}
CORE1=0
CORE2=0,1
REPS=3
WORK=""
JVM_ARGS="-Xms1g -Xmx1g"
while [ $# -gt 0 ]; do
    case "$1" in
        --cores) CORE1="$2"; shift ;;
        --cores2) CORE2="$2"; shift ;;
        --reps) REPS="$2"; shift ;;
        --work) WORK="$2"; shift ;;
        --accelerated) JVM_ARGS="$JVM_ARGS --add-modules jdk.incubator.vector" ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done
WORK=${WORK:-$(mktemp -d /tmp/mlp-search.XXXXXX)}
mkdir -p "$WORK"
JAR="$REPO/mlp-bench/target/benchmarks.jar"
[ -f "$JAR" ] || (cd "$REPO" && mvn -q -B -DskipTests package)
"$PY" -c "import sklearn" 2>/dev/null || { echo "missing: apt-get install -y python3-sklearn" >&2; exit 1; }

echo "raw results in $WORK; load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for run in "1 $CORE1" "2 $CORE2"; do
    set -- $run
    echo "== ours: $1 network(s) at a time on cores $2" >&2
    taskset -c "$2" java -jar "$JAR" SearchBenchmark -p threads="$1" -i "$REPS" -jvmArgsAppend "$JVM_ARGS" \
        -rf json -rff "$WORK/jmh-search-$1.json" > "$WORK/jmh-search-$1.log" 2>&1
    echo "== scikit-learn: n_jobs $1 on cores $2" >&2
    (cd "$HERE" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE PYTHONDONTWRITEBYTECODE=1 OPENBLAS_NUM_THREADS=1 \
        OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 taskset -c "$2" "$PY" peer_sklearn_search.py --jobs "$1" \
        --reps "$REPS") > "$WORK/sklearn-search-$1.json"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$PY" - "$WORK" "$(git -C "$REPO" describe --always --dirty 2>/dev/null || echo unknown)" <<'PYEOF'
import json, sys
work, commit = sys.argv[1], sys.argv[2]
def ours(n):
    r = json.load(open("%s/jmh-search-%d.json" % (work, n)))[0]["primaryMetric"]
    return min(v for fork in r["rawData"] for v in fork), r["score"]
def peer(n):
    r = json.loads(open("%s/sklearn-search-%d.json" % (work, n)).read().splitlines()[-1])
    return r["min"], r["mean"], r["best_accuracy"]
o1, o2, s1, s2 = ours(1), ours(2), peer(1), peer(2)
print("Search: digits, 5 folds x 16 settings + refit of the best, commit %s (seconds: best of the runs / mean)" % commit)
print()
print("| | 1 core | 2 cores | 2 cores vs 1 |")
print("|---|---|---|---|")
print("| ours (`SearchBenchmark`) | %.2f / %.2f | %.2f / %.2f | %.2fx |" % (o1 + o2 + (o1[0] / o2[0],)))
print("| scikit-learn `GridSearchCV(n_jobs)` | %.2f / %.2f | %.2f / %.2f | %.2fx |" % (s1[:2] + s2[:2] + (s1[0] / s2[0],)))
print("| scikit-learn / ours | %.1fx | %.1fx | |" % (s1[0] / o1[0], s2[0] / o2[0]))
print()
print("scikit-learn's best mean fold accuracy: %.4f" % s2[2])
PYEOF
