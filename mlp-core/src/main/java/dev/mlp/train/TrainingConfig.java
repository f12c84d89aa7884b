package dev.mlp.train;

import dev.mlp.Checks;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.optim.Optimizer;
import dev.mlp.optim.Sgd;

/**
 * How to train, as immutable values; build with {@link #builder()}.
 *
 * @param epochs               passes over the data, &gt; 0
 * @param batchSize            rows per batch, &gt; 0 and at most the number of rows
 * @param learningRate         step size η, finite and &gt; 0
 * @param loss                 the objective (default {@link MeanSquaredError})
 * @param optimizer            the update rule (default {@link Sgd})
 * @param gradientRule         {@link GradientRule#EXACT} (default) or the blog's rule
 * @param dropLastPartialBatch when the rows do not divide into batches, skip the remainder each
 *                             epoch as the blog does (default true); false trains on it as a smaller batch
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, Loss loss, Optimizer optimizer,
                             GradientRule gradientRule, boolean dropLastPartialBatch) {

    public TrainingConfig {
        Checks.requirePositive(epochs, "epochs");
        Checks.requirePositive(batchSize, "batchSize");
        Checks.requirePositiveFinite(learningRate, "learningRate");
        Checks.requireNonNull(loss, "loss");
        Checks.requireNonNull(optimizer, "optimizer");
        Checks.requireNonNull(gradientRule, "gradientRule");
        if (gradientRule == GradientRule.BLOG && !(loss instanceof MeanSquaredError)) {
            throw new IllegalArgumentException("the blog's gradient rule is defined for mse only, got " + loss.name());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with the defaults: 10 epochs, batch 32, η = 0.01, MSE, SGD, exact gradient, drop last. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private double learningRate = 0.01;
        private Loss loss = new MeanSquaredError();
        private Optimizer optimizer = new Sgd();
        private GradientRule gradientRule = GradientRule.EXACT;
        private boolean dropLastPartialBatch = true;

        private Builder() {
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder gradientRule(GradientRule gradientRule) {
            this.gradientRule = gradientRule;
            return this;
        }

        public Builder dropLastPartialBatch(boolean dropLastPartialBatch) {
            this.dropLastPartialBatch = dropLastPartialBatch;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, loss, optimizer, gradientRule,
                    dropLastPartialBatch);
        }
    }
}
