package dev.mlp.tuning;

import dev.mlp.MatrixRows;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Softmax;
import dev.mlp.activation.Tanh;
import dev.mlp.linalg.Backends;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.InputScaling;
import dev.mlp.optim.Adam;
import dev.mlp.optim.Sgd;
import dev.mlp.random.NumpyRandom;
import dev.mlp.train.TrainingConfig;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossValidationTest {

    private static final int ROWS = 150;
    private static final int CLASSES = 3;

    /** Three Gaussian blobs in 4 dimensions, centres 3 apart, offset by 100 so unscaled inputs train badly. */
    private static DMatrixRMaj[] blobs() {
        NumpyRandom random = new NumpyRandom(5);
        DMatrixRMaj x = new DMatrixRMaj(ROWS, 4);
        DMatrixRMaj y = new DMatrixRMaj(ROWS, CLASSES);
        for (int r = 0; r < ROWS; r++) {
            int c = r % CLASSES;
            for (int j = 0; j < 4; j++) {
                x.set(r, j, 100 + (j == c ? 3 : 0) + random.nextGaussian());
            }
            y.set(r, c, 1);
        }
        return new DMatrixRMaj[] {x, y};
    }

    private static final ScalingFit STANDARD = rows -> {
        int d = rows.numCols;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int r = 0; r < rows.numRows; r++) {
                s += rows.get(r, j);
            }
            mean[j] = s / rows.numRows;
            double q = 0;
            for (int r = 0; r < rows.numRows; r++) {
                q += (rows.get(r, j) - mean[j]) * (rows.get(r, j) - mean[j]);
            }
            std[j] = Math.sqrt(q / rows.numRows);
        }
        return new InputScaling(mean, std);
    };

    private static CrossValidation cv(int threads) {
        TrainingConfig base = TrainingConfig.builder().loss(new SoftmaxCrossEntropy()).dropLastPartialBatch(false)
                .backend(Backends.byName("blocked", 2)).build();
        return new CrossValidation(4, 3, new Softmax(), base, STANDARD, threads);
    }

    private static List<Setting> settings() {
        SearchSpace space = new SearchSpace(List.of(List.of(8), List.of(8, 4)), List.of(new ReLU(), new Tanh()),
                List.of(new Adam()), List.of(1e-2), List.of(16), List.of(0.0), List.of(0.0, 0.25), List.of(15));
        return space.grid();
    }

    @Test
    void aSettingsDropoutReachesEveryHiddenLayerAndTheGrid() {
        List<Setting> grid = settings();
        assertEquals(8, grid.size());
        assertEquals(0.25, grid.get(1).dropout(), "dropout varies faster than every list before it");
        Setting dropping = grid.get(5);
        assertEquals(List.of(8, 4), dropping.layers());
        var spec = dropping.network(5, 3, new Softmax(), new SoftmaxCrossEntropy());
        var network = spec.build(new NumpyRandom(1));
        assertEquals(0.25, network.layers().get(0).dropout());
        assertEquals(0.25, network.layers().get(1).dropout());
        assertEquals(0.0, network.layers().get(2).dropout(), "never on the output layer");
        assertTrue(dropping.toString().contains("dropout 0.25"), dropping.toString());
        assertThrows(IllegalArgumentException.class,
                () -> new Setting(List.of(8), new ReLU(), new Adam(), 1e-2, 16, 0, 1.0, 1));
    }

    @Test
    void stratifiedFoldsHoldEveryRowOnceAndEachClassEvenly() {
        int[] strata = new int[103];
        for (int i = 0; i < strata.length; i++) {
            strata[i] = i < 60 ? 0 : i < 90 ? 1 : 2;
        }
        Folds folds = Folds.stratified(strata, 5, new NumpyRandom(1));
        int[][] perClass = new int[5][3];
        int[] sizes = new int[5];
        for (int f = 0; f < 5; f++) {
            for (int row : folds.heldOut(f)) {
                perClass[f][strata[row]]++;
                sizes[f]++;
            }
            assertEquals(103 - sizes[f], folds.training(f).length);
        }
        assertEquals(103, java.util.Arrays.stream(sizes).sum());
        for (int f = 0; f < 5; f++) {
            assertTrue(Math.abs(sizes[f] - 103 / 5.0) < 1, "fold sizes " + java.util.Arrays.toString(sizes));
            assertEquals(12, perClass[f][0]);
            assertEquals(6, perClass[f][1]);
            assertTrue(perClass[f][2] == 2 || perClass[f][2] == 3);
        }
        assertEquals(folds, Folds.stratified(strata, 5, new NumpyRandom(1)), "a seed gives the same folds");
        assertTrue(!folds.equals(Folds.stratified(strata, 5, new NumpyRandom(2))), "another seed, other folds");
        assertThrows(IllegalArgumentException.class, () -> Folds.stratified(strata, 1, new NumpyRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> Folds.stratified(new int[3], 4, new NumpyRandom(1)));
    }

    @Test
    void theGridVariesTheLastListFastestAndASampleIsDistinctInGridOrder() {
        SearchSpace space = new SearchSpace(List.of(List.of(8), List.of(16)), List.of(new ReLU()), List.of(new Adam()),
                List.of(1e-3, 1e-2, 1e-1), List.of(32), List.of(0.0), List.of(5));
        List<Setting> grid = space.grid();
        assertEquals(6, grid.size());
        assertEquals(List.of(8), grid.get(0).layers());
        assertEquals(1e-2, grid.get(1).learningRate());
        assertEquals(List.of(16), grid.get(3).layers());
        List<Setting> sample = space.sample(4, new NumpyRandom(1));
        assertEquals(4, sample.size());
        List<Integer> at = new ArrayList<>();
        for (Setting s : sample) {
            at.add(grid.indexOf(s));
        }
        List<Integer> sorted = new ArrayList<>(at);
        Collections.sort(sorted);
        assertEquals(sorted, at);
        assertEquals(4, at.stream().distinct().count());
        assertEquals(grid, space.sample(10, new NumpyRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpace(List.of(), List.of(new ReLU()),
                List.of(new Adam()), List.of(1e-3), List.of(32), List.of(0.0), List.of(5)));
    }

    @Test
    void crossValidationLearnsBlobsWithTheScalingFittedInsideEachFold() {
        DMatrixRMaj[] d = blobs();
        Setting setting = new Setting(List.of(8), new ReLU(), new Adam(), 1e-2, 16, 0, 30);
        CrossValidationResult scaled = cv(1).validate(setting, d[0], d[1]);
        assertEquals(4, scaled.folds().size());
        assertTrue(scaled.accuracy().mean() > 0.9, "blobs 3 sigma apart: " + scaled.accuracy());
        assertTrue(scaled.accuracy().std() >= 0 && scaled.accuracy().std() < 0.1);
        for (FoldResult f : scaled.folds()) {
            assertEquals(ROWS, f.trainingRows() + f.heldOutRows());
        }
        // inputs near 100 with a spread of 1: without scaling the same network learns far less
        CrossValidationResult raw = cv(1).withScaling(ScalingFit.NONE).validate(setting, d[0], d[1]);
        assertTrue(raw.accuracy().mean() < scaled.accuracy().mean(), raw.accuracy() + " vs " + scaled.accuracy());
    }

    @Test
    void theScalingIsFittedOnTheTrainingFoldsOnly() {
        DMatrixRMaj[] d = blobs();
        List<DMatrixRMaj> fitted = Collections.synchronizedList(new ArrayList<>());
        CrossValidation cv = cv(2).withScaling(rows -> {
            fitted.add(rows.copy());
            return STANDARD.fit(rows);
        });
        cv.validate(new Setting(List.of(4), new ReLU(), new Adam(), 1e-2, 16, 0, 1), d[0], d[1]);
        Folds folds = cv.foldsOf(d[1]);
        assertEquals(4, fitted.size());
        for (int f = 0; f < 4; f++) {
            assertArrayEquals(MatrixRows.select(d[0], folds.training(f)).data, fitted.get(f).data);
        }
    }

    @Test
    void manyNetworksAtOnceGiveTheBitsOfOneAfterAnother() {
        DMatrixRMaj[] d = blobs();
        List<Setting> settings = settings();
        SearchResult alone = cv(1).search(settings, d[0], d[1]);
        SearchResult together = cv(3).search(settings, d[0], d[1]);
        for (int i = 0; i < settings.size(); i++) {
            List<FoldResult> a = alone.results().get(i).folds();
            List<FoldResult> b = together.results().get(i).folds();
            for (int f = 0; f < a.size(); f++) {
                assertEquals(a.get(f).accuracy(), b.get(f).accuracy());
                assertEquals(Double.doubleToRawLongBits(a.get(f).loss()), Double.doubleToRawLongBits(b.get(f).loss()));
                assertEquals(Double.doubleToRawLongBits(a.get(f).trainingLoss()),
                        Double.doubleToRawLongBits(b.get(f).trainingLoss()));
            }
        }
        assertEquals(alone.ranked().stream().map(CrossValidationResult::setting).toList(),
                together.ranked().stream().map(CrossValidationResult::setting).toList());
        // a setting scores the same alone as within the search: its folds' seeds do not depend on the others
        Setting third = settings.get(2);
        CrossValidationResult single = cv(2).validate(third, d[0], d[1]);
        assertEquals(alone.results().get(2).loss(), single.loss());
    }

    @Test
    void theRankingPutsTheBestFirstAndADivergedSettingLast() {
        DMatrixRMaj[] d = blobs();
        Setting good = new Setting(List.of(8), new ReLU(), new Adam(), 1e-2, 16, 0, 30);
        Setting weak = new Setting(List.of(8), new ReLU(), new Sgd(), 1e-4, 16, 0, 1);
        Setting wild = new Setting(List.of(8), new ReLU(), new Sgd(), 1e300, 16, 0, 5);
        SearchResult result = cv(2).search(List.of(wild, weak, good), d[0], d[1]);
        List<CrossValidationResult> ranked = result.ranked();
        assertEquals(good, ranked.get(0).setting());
        assertEquals(wild, ranked.get(2).setting());
        assertTrue(ranked.get(2).diverged() > 0);
        assertTrue(Double.isNaN(ranked.get(2).accuracy().mean()));
        assertEquals(good, result.best().setting());
    }

    @Test
    void theRefitTrainsOnAllRowsReproducibly() {
        DMatrixRMaj[] d = blobs();
        Setting setting = new Setting(List.of(8), new ReLU(), new Adam(), 1e-2, 16, 0, 10);
        Refit a = cv(2).refit(setting, d[0], d[1]);
        Refit b = cv(1).refit(setting, d[0], d[1]);
        assertEquals(STANDARD.fit(d[0]), a.scaling());
        assertEquals(10, a.history().epochs().size());
        assertArrayEquals(a.network().layer(0).weights().data, b.network().layer(0).weights().data);
        DMatrixRMaj p = a.network().predict(a.scaling().apply(d[0]));
        assertTrue(CrossValidation.classAccuracy(p, d[1]) > 0.9);
    }

    @Test
    void badInputIsRefusedWithItsName() {
        DMatrixRMaj[] d = blobs();
        Setting big = new Setting(List.of(8), new ReLU(), new Adam(), 1e-2, 200, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cv(1).validate(big, d[0], d[1]));
        assertTrue(e.getMessage().contains("batch 200"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cv(1).search(List.of(), d[0], d[1]));
        assertThrows(IllegalArgumentException.class, () -> new Setting(List.of(0), new ReLU(), new Adam(), 1e-2, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> cv(1).withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> new CrossValidation(1, 1, new Softmax(),
                TrainingConfig.builder().loss(new SoftmaxCrossEntropy()).build(), ScalingFit.NONE, 1));
    }
}
