package dev.mlp.spark;

import dev.mlp.activation.Softmax;
import dev.mlp.io.SavedModel;
import dev.mlp.loss.SoftmaxCrossEntropy;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A Spark ML estimator for an mlp classifier: hidden layers of any activation, a softmax output
 * over the classes 0..k-1 of the label column, softmax cross-entropy, any of the library's
 * optimizers, trained exactly and synchronously by {@link SparkTrainer} (mini-batches of
 * {@code batchSize} rows). Works in a {@code Pipeline} (after {@code VectorAssembler} and scalers),
 * in {@code CrossValidator}, and saves and loads, from Java and Scala.
 *
 * <pre>{@code
 * MlpClassifier mlp = new MlpClassifier().setHiddenLayers(64, 32).setEpochs(20).setBatchSize(64);
 * MlpClassificationModel model = mlp.fit(train);      // features: a vector column; label: 0..k-1
 * model.transform(test);                              // rawPrediction, probability, prediction
 * }</pre>
 */
public class MlpClassifier extends ProbabilisticClassifier<Vector, MlpClassifier, MlpClassificationModel>
        implements MlpParams<MlpClassifier>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final Holder params;

    /** An estimator with a new uid and the default parameters. */
    public MlpClassifier() {
        this(Identifiable$.MODULE$.randomUID("mlpc"));
    }

    /** An estimator with this uid (for Spark's reader) and the default parameters. */
    public MlpClassifier(String uid) {
        this(ModelFiles.stash(uid), true);
    }

    private MlpClassifier(String uid, boolean stashed) {
        super();
        this.params = Holder.of(this);
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MLReader<MlpClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /** {@code read().load(path)}. */
    public static MlpClassifier load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return Holder.uidOf(params);
    }

    @Override
    public Holder mlpParams() {
        return params;
    }

    @Override
    public MlpClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @Override
    public MlpClassificationModel train(Dataset<?> dataset) {
        Row max = dataset.agg(functions.max(getLabelCol())).head();
        int classes = (int) Math.max(2, ((Number) max.get(0)).doubleValue() + 1);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Trained trained = fitNetwork(dataset, getFeaturesCol(), getLabelCol(), classes, new Softmax(), loss);
        SavedModel model = new SavedModel(trained.network(), loss, null, trained.config().describe());
        return new MlpClassificationModel(uid(), ModelFiles.bytes(model));
    }
}
