#!/usr/bin/env bash
# Runs SparkStepBench: Spark training step times against Trainer, their parts, the fitted cost
# model and its predicted speedups (mlp-bench/README.md, "Spark: step time and the cost model").
# Spark is a provided dependency of mlp-bench, so it is not in benchmarks.jar: this builds the
# modules (never installs them), writes mlp-bench's compile class path and runs the program on it.
#   mlp-bench/spark-bench.sh --master 'local-cluster[2,1,1024]' [--batches 128,512 --partitions 1,2 --repeats 3 ...]
# local-cluster needs no Spark distribution: an empty SPARK_HOME, the Scala version and a loopback address do.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cp=mlp-bench/target/spark-bench.classpath
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  nice mvn -o -q -B -pl mlp-bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/spark-bench.classpath -Dmdep.includeScope=compile
fi
export SPARK_HOME="$root/mlp-bench/target/spark-home" SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}" \
  SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$SPARK_HOME/jars"
echo "# commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' + uncommitted changes'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs"
exec java ${SPARK_BENCH_JAVA_OPTS:-} --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "mlp-bench/target/classes:$(cat "$cp")" dev.mlp.bench.SparkStepBench "$@"
