package dev.mlp.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: one local[2] session per test JVM, made on first use. */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("mlp-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
