package dev.mlp.reliability;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import dev.mlp.model.NetworkSpec;
import dev.mlp.optim.Adam;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.Trainer;
import dev.mlp.train.TrainingConfig;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A trained network serves many threads at once: 8 threads × 1000 predictions each give results
 * bit-identical to the same predictions made one after another on one thread. (Training changes
 * the weights in place and is documented as not safe to overlap with any other use of the same
 * network; these tests only predict.)
 */
class ConcurrentPredictionTest {

    static final int THREADS = 8;
    static final int PREDICTIONS_PER_THREAD = 1000;
    /** Distinct inputs; each thread walks all of them from its own starting point. */
    static final int INPUTS = 250;

    private static Network trainedNetwork() {
        Gen g = new Gen(70_000);
        DMatrixRMaj x = g.matrix(300, 12);
        DMatrixRMaj y = g.oneHot(300, 4);
        NetworkSpec spec = NetworkSpec.input(12).dense(32, new ReLU()).dense(16, new ReLU())
                .output(4, new Softmax(), new SoftmaxCrossEntropy());
        NumpyRandom random = new NumpyRandom(7);
        Network net = spec.build(random);
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(20).learningRate(0.01)
                .loss(spec.loss()).optimizer(new Adam()).build();
        new Trainer(config).fit(net, random, x, y);
        return net;
    }

    /** Inputs of 1 to 40 rows, so that single rows and small batches both run concurrently. */
    private static List<DMatrixRMaj> inputs(int columns) {
        Gen g = new Gen(70_001);
        List<DMatrixRMaj> inputs = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            inputs.add(g.matrix(g.between(1, 40), columns));
        }
        return inputs;
    }

    /**
     * Runs {@code predict} on every input sequentially, then from 8 threads started together, each
     * making 1000 predictions, and requires every concurrent result to equal the sequential one
     * bit for bit. Returns the number of predictions compared.
     */
    private static <R> int assertConcurrentEqualsSequential(List<DMatrixRMaj> inputs, Function<DMatrixRMaj, R> predict,
                                                            Function<R, long[]> bits) throws Exception {
        List<long[]> expected = new ArrayList<>();
        for (DMatrixRMaj x : inputs) {
            expected.add(bits.apply(predict.apply(x)));
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    start.await();
                    int compared = 0;
                    for (int k = 0; k < PREDICTIONS_PER_THREAD; k++) {
                        int i = (thread * 31 + k * (thread % 2 == 0 ? 1 : INPUTS - 1)) % INPUTS;
                        long[] got = bits.apply(predict.apply(inputs.get(i)));
                        assertArrayEquals(expected.get(i), got, "thread " + thread + ", prediction " + k + ", input " + i);
                        compared++;
                    }
                    return compared;
                };
                results.add(pool.submit(work));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] bits(DMatrixRMaj m) {
        long[] out = new long[m.getNumElements() + 2];
        out[0] = m.numRows;
        out[1] = m.numCols;
        for (int i = 0; i < m.getNumElements(); i++) {
            out[i + 2] = Double.doubleToRawLongBits(m.data[i]);
        }
        return out;
    }

    private static long[] bits(int[] classes) {
        return Arrays.stream(classes).asLongStream().toArray();
    }

    @Test
    void eightThreadsPredictingAThousandTimesEachMatchSequentialPredictionBitForBit() throws Exception {
        Network net = trainedNetwork();
        double[] weightsBefore = Gen.parameters(net);
        int compared = assertConcurrentEqualsSequential(inputs(12), net::predict, ConcurrentPredictionTest::bits);
        assertEquals(THREADS * PREDICTIONS_PER_THREAD, compared);
        assertArrayEquals(weightsBefore, Gen.parameters(net), 0.0, "prediction must not change the weights");
    }

    @Test
    void concurrentClassPredictionsMatchSequentialOnes() throws Exception {
        Network net = trainedNetwork();
        int compared = assertConcurrentEqualsSequential(inputs(12), net::predictClass, ConcurrentPredictionTest::bits);
        assertEquals(THREADS * PREDICTIONS_PER_THREAD, compared);
    }

    /** A model read back from its file, with input scaling, serves threads as the original does. */
    @Test
    void aLoadedModelWithScalingPredictsConcurrentlyAsTheOriginalDoes() throws Exception {
        Network net = trainedNetwork();
        double[] offset = new double[12];
        double[] scale = new double[12];
        for (int c = 0; c < 12; c++) {
            offset[c] = c * 0.1;
            scale[c] = 1 + c * 0.5;
        }
        SavedModel model = new SavedModel(net, new SoftmaxCrossEntropy(), new InputScaling(offset, scale), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.write(out, model);
        SavedModel loaded = ModelIO.read(new ByteArrayInputStream(out.toByteArray()), "concurrent.mlp");
        List<DMatrixRMaj> inputs = inputs(12);
        for (DMatrixRMaj x : inputs) {
            assertArrayEquals(bits(model.predict(x)), bits(loaded.predict(x)));
        }
        int compared = assertConcurrentEqualsSequential(inputs, loaded::predict, ConcurrentPredictionTest::bits);
        assertEquals(THREADS * PREDICTIONS_PER_THREAD, compared);
    }
}
