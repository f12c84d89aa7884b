package dev.mlp.spark;

import dev.mlp.io.SavedModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * The model {@link MlpRegressor} fits: an mlp network's single output. Its data is this library's
 * model file ({@link #savedModel()}, and {@code data/model.mlp} when saved).
 */
public class MlpRegressionModel extends RegressionModel<Vector, MlpRegressionModel>
        implements MlpParams<MlpRegressionModel>, MLWritable {

    private static final long serialVersionUID = 1L;

    private final Holder params;
    private final ModelFile file;

    /**
     * A model of a model file's network.
     *
     * @param uid  the estimator's uid
     * @param file a model file ({@code ModelIO}) of a network with one output
     */
    public MlpRegressionModel(String uid, byte[] file) {
        this(ModelFiles.stash(uid), file, true);
    }

    private MlpRegressionModel(String uid, byte[] file, boolean stashed) {
        super();
        this.params = Holder.of(this);
        this.file = new ModelFile(file);
    }

    /** Reads a model saved with {@code write().save(path)}. */
    public static MLReader<MlpRegressionModel> read() {
        return new ModelFiles.Reader<>(MlpRegressionModel.class, MlpRegressionModel::new);
    }

    /** {@code read().load(path)}. */
    public static MlpRegressionModel load(String path) {
        return read().load(path);
    }

    /** The network, its loss and the training configuration, as mlp-core reads the model file. */
    public SavedModel savedModel() {
        return file.savedModel();
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
    public int numFeatures() {
        return savedModel().network().inputSize();
    }

    @Override
    public double predict(Vector features) {
        return MlpClassificationModel.predict(savedModel(), features, (String) getOrDefault(backend()))[0];
    }

    @Override
    public MlpRegressionModel copy(ParamMap extra) {
        return copyValues(new MlpRegressionModel(uid(), file.bytes()), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelFiles.Writer(this, file.bytes());
    }
}
