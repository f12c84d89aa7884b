package dev.mlp.spark;

import dev.mlp.io.SavedModel;
import dev.mlp.linalg.Backends;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.ejml.data.DMatrixRMaj;

/**
 * The model {@link MlpClassifier} fits: the class probabilities of an mlp network. Its data is this
 * library's model file ({@link #savedModel()}, and {@code data/model.mlp} when saved), so a network
 * trained on Spark serves with plain mlp-core.
 */
public class MlpClassificationModel extends ProbabilisticClassificationModel<Vector, MlpClassificationModel>
        implements MlpParams<MlpClassificationModel>, MLWritable {

    private static final long serialVersionUID = 1L;

    private final Holder params;
    private final ModelFile file;

    /**
     * A model of a model file's network.
     *
     * @param uid  the estimator's uid
     * @param file a model file ({@code ModelIO}) of a network with softmax outputs
     */
    public MlpClassificationModel(String uid, byte[] file) {
        this(ModelFiles.stash(uid), file, true);
    }

    private MlpClassificationModel(String uid, byte[] file, boolean stashed) {
        super();
        this.params = Holder.of(this);
        this.file = new ModelFile(file);
    }

    /** Reads a model saved with {@code write().save(path)}. */
    public static MLReader<MlpClassificationModel> read() {
        return new ModelFiles.Reader<>(MlpClassificationModel.class, MlpClassificationModel::new);
    }

    /** {@code read().load(path)}. */
    public static MlpClassificationModel load(String path) {
        return read().load(path);
    }

    /** The network, its loss and the training configuration, as mlp-core reads the model file. */
    public SavedModel savedModel() {
        return file.savedModel();
    }

    /** The model file's bytes, as {@code ModelIO.write} wrote them. */
    public byte[] modelFile() {
        return file.bytes();
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
    public int numClasses() {
        return savedModel().network().outputSize();
    }

    @Override
    public int numFeatures() {
        return savedModel().network().inputSize();
    }

    /** The softmax outputs, which are already probabilities. */
    @Override
    public Vector predictRaw(Vector features) {
        return Vectors.dense(predict(savedModel(), features, (String) getOrDefault(backend())));
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        return rawPrediction;
    }

    @Override
    public MlpClassificationModel copy(ParamMap extra) {
        return copyValues(new MlpClassificationModel(uid(), file.bytes()), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelFiles.Writer(this, file.bytes());
    }

    /**
     * Spark's own signature, restated: javac otherwise sees two inherited versions (from
     * ClassificationModel and ProbabilisticClassificationModel) and refuses the class.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    /** One row through the network, with the named backend and one thread. */
    static double[] predict(SavedModel model, Vector features, String backend) {
        DMatrixRMaj x = new DMatrixRMaj(1, features.size(), true, features.toArray());
        return model.predict(x, Backends.byName(backend, 1)).data;
    }
}
