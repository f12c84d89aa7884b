package dev.mlp.spark;

import dev.mlp.activation.Identity;
import dev.mlp.io.SavedModel;
import dev.mlp.loss.MeanSquaredError;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A Spark ML estimator for an mlp regressor: hidden layers as for {@link MlpClassifier}, one
 * linear output for the numeric label column, mean squared error, trained exactly and
 * synchronously by {@link SparkTrainer}. Works in Pipelines and CrossValidator, and saves and loads.
 */
public class MlpRegressor extends Predictor<Vector, MlpRegressor, MlpRegressionModel>
        implements MlpParams<MlpRegressor>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final Holder params;

    /** An estimator with a new uid and the default parameters. */
    public MlpRegressor() {
        this(Identifiable$.MODULE$.randomUID("mlpr"));
    }

    /** An estimator with this uid (for Spark's reader) and the default parameters. */
    public MlpRegressor(String uid) {
        this(ModelFiles.stash(uid), true);
    }

    private MlpRegressor(String uid, boolean stashed) {
        super();
        this.params = Holder.of(this);
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MLReader<MlpRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /** {@code read().load(path)}. */
    public static MlpRegressor load(String path) {
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
    public MlpRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @Override
    public MlpRegressionModel train(Dataset<?> dataset) {
        MeanSquaredError loss = new MeanSquaredError();
        Trained trained = fitNetwork(dataset, getFeaturesCol(), getLabelCol(), 1, new Identity(), loss);
        SavedModel model = new SavedModel(trained.network(), loss, null, trained.config().describe());
        return new MlpRegressionModel(uid(), ModelFiles.bytes(model));
    }
}
