package dev.mlp.train;

import dev.mlp.loss.Loss;
import org.ejml.data.DMatrixRMaj;

/** The built-in {@link GradientSource}: {@link Backprop} on the calling thread, with one loss and rule. */
final class BackpropGradients implements GradientSource {

    private final Backprop backprop;
    private final Loss loss;
    private final GradientRule rule;

    BackpropGradients(Backprop backprop, Loss loss, GradientRule rule) {
        this.backprop = backprop;
        this.loss = loss;
        this.rule = rule;
    }

    @Override
    public DMatrixRMaj[] parameters() {
        return backprop.parameters();
    }

    @Override
    public boolean[] weightDecayMask() {
        return backprop.weightDecayMask();
    }

    @Override
    public DMatrixRMaj[] gradientBuffers() {
        return backprop.gradientBuffers();
    }

    @Override
    public double gradients(DMatrixRMaj x, DMatrixRMaj y, int[] order, int from, int to) {
        return gradients(x, y, null, order, from, to);
    }

    @Override
    public boolean takesRowWeights() {
        return true;
    }

    @Override
    public double gradients(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, int[] order, int from, int to) {
        backprop.loadBatch(x, y, w, order, from, to);
        return backprop.gradients(loss, rule);
    }

    @Override
    public boolean gradientsFinite() {
        return backprop.gradientsFinite();
    }
}
