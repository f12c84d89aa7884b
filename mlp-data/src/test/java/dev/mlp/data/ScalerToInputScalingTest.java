package dev.mlp.data;

import dev.mlp.model.InputScaling;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A fitted scaler, carried in a saved model as an InputScaling, scales bit for bit the same. */
class ScalerToInputScalingTest {

    private static final DMatrixRMaj TRAIN = new DMatrixRMaj(new double[][] {{0, 5, 3}, {4, 5, 1}, {2, 5, 8}});
    private static final DMatrixRMaj LATER = new DMatrixRMaj(new double[][] {{1, 7, -2}, {9, 5, 0.3}});

    @Test
    void everyScalerMatchesItsInputScaling() {
        for (Scaler scaler : new Scaler[] {MinMaxScaler.fit(TRAIN), StandardScaler.fit(TRAIN), FixedScaler.divideBy(16)}) {
            InputScaling scaling = scaler.toInputScaling(3);
            assertArrayEquals(scaler.transform(LATER).data, scaling.apply(LATER).data, 0.0, scaler.toString());
        }
    }

    @Test
    void aFittedScalerRefusesAnotherWidth() {
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(TRAIN).toInputScaling(4));
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(TRAIN).toInputScaling(2));
        assertThrows(IllegalArgumentException.class, () -> FixedScaler.divideBy(16).toInputScaling(0));
    }
}
