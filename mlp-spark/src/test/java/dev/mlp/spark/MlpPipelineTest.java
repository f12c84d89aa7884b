package dev.mlp.spark;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark ML face: a Pipeline with VectorAssembler and a scaler, save and load, CrossValidator, the regressor. */
class MlpPipelineTest {

    private static SparkSession spark;
    private static Dataset<Row> digits;

    @BeforeAll
    static void data() {
        spark = LocalSpark.session();
        digits = new Digits64().frame(spark, 0, 600).withColumnRenamed("features", "pixels");
    }

    private static Pipeline pipeline(MlpClassifier mlp) {
        VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"pixels"}).setOutputCol("raw");
        MinMaxScaler scaler = new MinMaxScaler().setInputCol("raw").setOutputCol("features");
        return new Pipeline().setStages(new PipelineStage[] {assembler, scaler, mlp});
    }

    private static List<Vector> probabilities(Dataset<Row> transformed) {
        return transformed.select("probability").collectAsList().stream().map(r -> (Vector) r.get(0)).toList();
    }

    @Test
    void aPipelineFitsTransformsSavesAndLoadsToTheSameProbabilities(@TempDir Path dir) throws Exception {
        MlpClassifier mlp = new MlpClassifier().setHiddenLayers(16).setEpochs(3).setBatchSize(50)
                .setLearningRate(1e-2).setNumPartitions(2);
        PipelineModel model = pipeline(mlp).fit(digits);
        Dataset<Row> out = model.transform(digits);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(out);
        assertTrue(accuracy > 0.75, "training accuracy " + accuracy);

        String path = dir.resolve("pipeline").toString();
        model.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        assertEquals(probabilities(out), probabilities(loaded.transform(digits)));

        // the model's data is this library's model file: plain mlp-core serves it
        SavedModel file = ModelIO.load(Path.of(path, "stages").toFile().listFiles(f -> f.getName().contains("Mlp")
                || f.getName().startsWith("2_"))[0].toPath().resolve(ModelFiles.DATA));
        Row first = out.select("features", "probability").head();
        double[] x = ((Vector) first.get(0)).toArray();
        assertArrayEquals(((Vector) first.get(1)).toArray(),
                file.predict(new DMatrixRMaj(1, x.length, true, x), dev.mlp.linalg.Backends.byName("blocked", 1)).data, 0.0);

        String estimatorPath = dir.resolve("estimator").toString();
        mlp.write().overwrite().save(estimatorPath);
        MlpClassifier again = MlpClassifier.load(estimatorPath);
        assertEquals(mlp.uid(), again.uid());
        assertArrayEquals(new int[] {16}, (int[]) again.getOrDefault(again.hiddenLayers()));
        assertEquals(3, again.getOrDefault(again.epochs()));
        assertEquals(1e-2, again.getOrDefault(again.learningRate()));
        assertEquals(2, again.copy(ParamMap.empty()).getOrDefault(again.numPartitions()));
    }

    @Test
    void crossValidatorPicksAmongSettings() {
        MlpClassifier mlp = new MlpClassifier().setHiddenLayers(8).setEpochs(1).setBatchSize(50).setNumPartitions(1);
        Dataset<Row> data = new VectorAssembler().setInputCols(new String[] {"pixels"}).setOutputCol("features")
                .transform(digits.limit(300));
        CrossValidator cv = new CrossValidator().setEstimator(mlp).setNumFolds(2)
                .setEstimatorParamMaps(new ParamGridBuilder().addGrid(mlp.learningRate(), new double[] {1e-2, 1e-3}).build())
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"));
        CrossValidatorModel model = cv.fit(data);
        assertEquals(2, model.avgMetrics().length);
        assertTrue(model.bestModel() instanceof MlpClassificationModel);
    }

    @Test
    void theRegressorLearnsANumberAndSavesAndLoads(@TempDir Path dir) throws Exception {
        Dataset<Row> data = new VectorAssembler().setInputCols(new String[] {"pixels"}).setOutputCol("features")
                .transform(digits).withColumn("label", functions.col("label").divide(9.0));
        MlpRegressionModel model = new MlpRegressor().setHiddenLayers(16).setEpochs(2).setBatchSize(50)
                .setLearningRate(1e-2).setNumPartitions(2).fit(data);
        Dataset<Row> out = model.transform(data);
        double mse = out.select(functions.avg(functions.pow(functions.col("prediction").minus(functions.col("label")), 2)))
                .head().getDouble(0);
        assertTrue(mse < 0.2, "mse " + mse);
        String path = dir.resolve("regressor").toString();
        model.write().overwrite().save(path);
        MlpRegressionModel loaded = MlpRegressionModel.load(path);
        assertEquals(out.select("prediction").collectAsList(), loaded.transform(data).select("prediction").collectAsList());
    }
}
