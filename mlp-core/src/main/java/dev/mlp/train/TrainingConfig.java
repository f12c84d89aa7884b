package dev.mlp.train;

import dev.mlp.Checks;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.ClassWeights;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.optim.FullBatchOptimizer;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.Sgd;
import dev.mlp.train.schedule.LearningRateSchedule;

/**
 * How to train, as immutable values; build with {@link #builder()}.
 *
 * <p>A {@link FullBatchOptimizer} ({@link dev.mlp.optim.Lbfgs}) makes each epoch one of its
 * iterations over all rows, so that epochs is its iteration limit; it ignores batchSize,
 * learningRate, dropLastPartialBatch and schedule, and refuses clipNorm and the blog's rule.
 *
 * @param epochs               passes over the data, &gt; 0
 * @param batchSize            rows per batch, &gt; 0 and at most the number of rows
 * @param learningRate         step size η, finite and &gt; 0
 * @param loss                 the objective (default {@link MeanSquaredError})
 * @param optimizer            the update rule (default {@link Sgd})
 * @param gradientRule         {@link GradientRule#EXACT} (default) or the blog's rule
 * @param dropLastPartialBatch when the rows do not divide into batches, skip the remainder each
 *                             epoch as the blog does (default true); false trains on it as a smaller batch
 * @param schedule             the learning rate per epoch (default constant)
 * @param l2                   L2 penalty λ: adds λW to each weight gradient (not to biases), the
 *                             gradient of (λ/2)‖W‖²; 0 (default) turns it off
 * @param clipNorm             if &gt; 0, gradients are scaled down together whenever their global
 *                             L2 norm exceeds it; 0 (default) turns clipping off
 * @param validationFraction   share of the rows held out as validation data at the start of each
 *                             {@code fit} (stratified when the targets are one-hot); 0 (default)
 *                             for none. Ignored when validation data is passed explicitly
 * @param earlyStopping        stop when the monitored loss stops improving, or {@code null} (default)
 * @param backend              computes every operation of training: the products, the
 *                             activations' element-wise functions, the finite checks (default
 *                             {@link Backends#defaultBackend()}, made when the builder builds: the
 *                             Vector API when the JVM has it, else a blocked plain-Java kernel;
 *                             the system property {@code mlp.kernel} picks another default)
 * @param classWeights         how much each class counts in the training and validation loss
 *                             (default {@link ClassWeights#none()}; {@link ClassWeights#balanced()}
 *                             is computed from each fit's training targets)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, Loss loss, Optimizer optimizer,
                             GradientRule gradientRule, boolean dropLastPartialBatch, LearningRateSchedule schedule,
                             double l2, double clipNorm, double validationFraction, EarlyStopping earlyStopping,
                             Backend backend, ClassWeights classWeights) {

    /**
     * Checks every value; {@link Builder#build()} is the usual way here.
     *
     * @param epochs               &gt; 0
     * @param batchSize            &gt; 0
     * @param learningRate         finite and &gt; 0
     * @param loss                 not null
     * @param optimizer            not null
     * @param gradientRule         not null; {@link GradientRule#BLOG} only with {@link MeanSquaredError},
     *                             and not with a {@link FullBatchOptimizer}
     * @param dropLastPartialBatch whether to skip a last, smaller batch
     * @param schedule             not null
     * @param l2                   finite and ≥ 0
     * @param clipNorm             finite and ≥ 0; 0 with a {@link FullBatchOptimizer}
     * @param validationFraction   in [0, 1)
     * @param earlyStopping        or {@code null}
     * @param backend              not null
     * @param classWeights         not null; not with {@link GradientRule#BLOG}
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public TrainingConfig {
        Checks.requirePositive(epochs, "epochs");
        Checks.requirePositive(batchSize, "batchSize");
        Checks.requirePositiveFinite(learningRate, "learningRate");
        Checks.requireNonNull(loss, "loss");
        Checks.requireNonNull(optimizer, "optimizer");
        Checks.requireNonNull(gradientRule, "gradientRule");
        Checks.requireNonNull(schedule, "schedule");
        Checks.requireNonNull(backend, "backend");
        Checks.requireNonNull(classWeights, "classWeights");
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
        }
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
            throw new IllegalArgumentException("clipNorm must be finite and >= 0 (0 = off), got " + clipNorm);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        if (gradientRule == GradientRule.BLOG && !(loss instanceof MeanSquaredError)) {
            throw new IllegalArgumentException("the blog's gradient rule is defined for mse only, got " + loss.name());
        }
        if (gradientRule == GradientRule.BLOG && !classWeights.isNone()) {
            throw new IllegalArgumentException("the blog's gradient rule takes no class weights, got " + classWeights);
        }
        if (optimizer instanceof FullBatchOptimizer && (gradientRule != GradientRule.EXACT || clipNorm > 0)) {
            // a line search needs the true gradient of the objective it measures
            throw new IllegalArgumentException(optimizer.name() + " needs the exact gradient: no "
                    + (clipNorm > 0 ? "clipNorm (got " + clipNorm + ")" : "blog gradient rule"));
        }
    }

    /** {@return a builder with the defaults ({@link Builder})} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration as ordered text pairs, for a saved model's metadata ({@code "epochs" →
     * "30"}, {@code "optimizer" → "adam(beta1=0.9, ...)"}, ...). The backend is left out: it
     * changes speed, not what is learned beyond the last bits.
     *
     * @return a new, modifiable map in the order of the record's components
     */
    public java.util.Map<String, String> describe() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("epochs", Integer.toString(epochs));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("loss", loss.name());
        m.put("optimizer", optimizer.toString());
        m.put("gradientRule", gradientRule.name());
        m.put("dropLastPartialBatch", Boolean.toString(dropLastPartialBatch));
        m.put("schedule", schedule.toString());
        m.put("l2", Double.toString(l2));
        m.put("clipNorm", Double.toString(clipNorm));
        m.put("validationFraction", Double.toString(validationFraction));
        m.put("earlyStopping", earlyStopping == null ? "none" : earlyStopping.toString());
        m.put("classWeights", classWeights.toString());
        return m;
    }

    /** {@return a builder preset with this configuration's values, to derive a variant} */
    public Builder toBuilder() {
        return builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).loss(loss)
                .optimizer(optimizer).gradientRule(gradientRule).dropLastPartialBatch(dropLastPartialBatch)
                .schedule(schedule).l2(l2).clipNorm(clipNorm).validationFraction(validationFraction)
                .earlyStopping(earlyStopping).backend(backend).classWeights(classWeights);
    }

    /**
     * A builder with the defaults: 10 epochs, batch 32, η = 0.01, MSE, SGD, exact gradient, drop the
     * last partial batch, constant rate, no L2, no clipping, no validation, no early stopping, no
     * class weights.
     */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private double learningRate = 0.01;
        private Loss loss = new MeanSquaredError();
        private Optimizer optimizer = new Sgd();
        private GradientRule gradientRule = GradientRule.EXACT;
        private boolean dropLastPartialBatch = true;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double l2;
        private double clipNorm;
        private double validationFraction;
        private EarlyStopping earlyStopping;
        private Backend backend;
        private ClassWeights classWeights = ClassWeights.none();

        private Builder() {
        }

        /**
         * Sets the number of passes over the data; {@link #build()} checks it.
         *
         * @param epochs &gt; 0; 10 by default
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the rows per batch; {@link #build()} checks it.
         *
         * @param batchSize &gt; 0 and at most the training rows; 32 by default
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the step size η (the schedule's starting rate); {@link #build()} checks it.
         *
         * @param learningRate finite and &gt; 0; 0.01 by default
         * @return this builder
         */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the objective; {@link #build()} checks it.
         *
         * @param loss not null; {@link MeanSquaredError} by default
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * Sets the update rule; {@link #build()} checks it.
         *
         * @param optimizer not null; {@link Sgd} by default
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Sets the gradient rule; {@link #build()} checks it.
         *
         * @param gradientRule not null; {@link GradientRule#EXACT} by default, {@link GradientRule#BLOG}
         *                     only with MSE
         * @return this builder
         */
        public Builder gradientRule(GradientRule gradientRule) {
            this.gradientRule = gradientRule;
            return this;
        }

        /**
         * Sets whether to skip a last, smaller batch each epoch.
         *
         * @param dropLastPartialBatch true by default, as the blog
         * @return this builder
         */
        public Builder dropLastPartialBatch(boolean dropLastPartialBatch) {
            this.dropLastPartialBatch = dropLastPartialBatch;
            return this;
        }

        /**
         * Sets the schedule of the learning rate over the epochs; {@link #build()} checks it.
         *
         * @param schedule not null; constant by default
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Sets the L2 penalty λ on the weights; {@link #build()} checks it.
         *
         * @param l2 finite and ≥ 0; 0, off, by default
         * @return this builder
         */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /**
         * Sets the global gradient norm above which gradients are scaled down; {@link #build()} checks
         * it.
         *
         * @param clipNorm finite and ≥ 0; 0, off, by default
         * @return this builder
         */
        public Builder clipNorm(double clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        /**
         * Sets the share of rows held out for validation; {@link #build()} checks it.
         *
         * @param validationFraction in [0, 1); 0, none, by default
         * @return this builder
         */
        public Builder validationFraction(double validationFraction) {
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * Sets the early stopping rule.
         *
         * @param earlyStopping {@code null}, none, by default
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * The backend for every operation of training; without this call,
         * {@link Backends#defaultBackend()} when {@link #build()} runs.
         *
         * @param backend not null
         * @return this builder
         * @throws IllegalArgumentException for null (leave the call out for the default)
         */
        public Builder backend(Backend backend) {
            Checks.requireNonNull(backend, "backend");
            this.backend = backend;
            return this;
        }

        /**
         * Sets how much each class counts in the loss; {@link #build()} checks it.
         *
         * @param classWeights not null; {@link ClassWeights#none()} by default
         * @return this builder
         */
        public Builder classWeights(ClassWeights classWeights) {
            this.classWeights = classWeights;
            return this;
        }

        /**
         * {@return the configuration of the values set}
         *
         * @throws IllegalArgumentException for a value out of range, naming it
         */
        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, loss, optimizer, gradientRule,
                    dropLastPartialBatch, schedule, l2, clipNorm, validationFraction, earlyStopping,
                    backend == null ? Backends.defaultBackend() : backend, classWeights);
        }
    }
}
