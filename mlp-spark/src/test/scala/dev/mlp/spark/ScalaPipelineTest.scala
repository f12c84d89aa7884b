package dev.mlp.spark

import java.nio.file.Path

import org.apache.spark.ml.{Pipeline, PipelineModel}
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator
import org.apache.spark.ml.feature.{MinMaxScaler, VectorAssembler}
import org.apache.spark.ml.linalg.Vector
import org.apache.spark.sql.DataFrame
import org.junit.jupiter.api.Assertions.{assertEquals, assertTrue}
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * The Spark ML face as a Scala user meets it: the estimator's setters chained from Scala (through
 * the Java interface's self-typed default methods and varargs), a Pipeline built from a Scala
 * array, fit, transform, and a saved and reloaded PipelineModel that predicts the same.
 */
class ScalaPipelineTest {

  private def predictions(out: DataFrame): Seq[(Double, Vector)] =
    out.select("prediction", "probability").collect().toSeq.map(r => (r.getDouble(0), r.getAs[Vector](1)))

  @Test
  def aPipelineBuiltInScalaFitsTransformsSavesAndLoads(@TempDir dir: Path): Unit = {
    val spark = LocalSpark.session()
    val digits = new Digits64().frame(spark, 0, 600).withColumnRenamed("features", "pixels")

    val mlp = new MlpClassifier()
      .setHiddenLayers(16)
      .setEpochs(3)
      .setBatchSize(50)
      .setLearningRate(1e-2)
      .setNumPartitions(2)
      .setProbabilityCol("probability")
    val pipeline = new Pipeline().setStages(Array(
      new VectorAssembler().setInputCols(Array("pixels")).setOutputCol("raw"),
      new MinMaxScaler().setInputCol("raw").setOutputCol("features"),
      mlp))

    val model = pipeline.fit(digits)
    val out = model.transform(digits)
    val accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(out)
    assertTrue(accuracy > 0.75, s"training accuracy $accuracy, chance is 0.1")

    val predicted = predictions(out)
    predicted.foreach { case (prediction, p) =>
      assertEquals(10, p.size)
      assertEquals(1.0, p.toArray.sum, 1e-9)
      assertEquals(p.argmax.toDouble, prediction)
    }

    val path = dir.resolve("pipeline").toString
    model.write.overwrite().save(path)
    assertEquals(predicted, predictions(PipelineModel.load(path).transform(digits)))
  }
}
