package dev.mlp.data;

import dev.mlp.Checks;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The handwritten digits data set that ships inside this module: 1797 images of 8×8 pixels, each
 * pixel an integer count in 0..16, labelled with the digit 0..9.
 *
 * <p>It is the test part of "Optical Recognition of Handwritten Digits" (E. Alpaydin, C. Kaynak,
 * 1998, UCI Machine Learning Repository, CC BY 4.0), in scikit-learn's copy behind
 * {@code sklearn.datasets.load_digits}; see the module's NOTICE file. The rows keep that file's
 * order, so a seeded Java run can follow a numpy run that starts from {@code load_digits()}.
 */
public final class Digits {

    /** The number of samples, 1797. */
    public static final int ROWS = 1797;
    /** The number of features (pixels), 64 = 8×8, row by row. */
    public static final int FEATURES = 64;
    /** The number of classes, 10. */
    public static final int CLASSES = 10;
    /** The largest pixel value, 16. */
    public static final double MAX_PIXEL = 16.0;

    /** The classpath resource holding the data, next to this class. */
    public static final String RESOURCE = "digits.csv.gz";

    private Digits() {
    }

    /**
     * Reads the 1797×64 pixel values, unscaled (as doubles in 0..16), and the labels in file order.
     * Each call reads the resource again and returns a new (immutable) data set.
     *
     * @return the 1797 samples, 64 features each, 10 classes
     * @throws UncheckedIOException  when the bundled resource cannot be read or is damaged (a
     *                               broken jar), with the {@link DataFormatException} or
     *                               {@link IOException} as its cause
     * @throws IllegalStateException when the resource is missing from the classpath
     */
    public static DataSet load() {
        String source = "classpath:dev/mlp/data/" + RESOURCE;
        try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the digits data is missing from the classpath (" + source + ")");
            }
            DataSet data = new CsvLoader().withNumClasses(CLASSES).load(in, source);
            check(data, source);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled digits data: " + e.getMessage(), e);
        }
    }

    /**
     * {@return the fixed scaling x / 16 that maps every pixel into [0, 1] without looking at the data}
     */
    public static FixedScaler pixelScaler() {
        return FixedScaler.divideBy(MAX_PIXEL);
    }

    private static void check(DataSet data, String source) throws DataFormatException {
        if (data.rows() != ROWS || data.columns() != FEATURES) {
            throw new DataFormatException(source, 1, 0, "expected " + ROWS + "×" + FEATURES + " pixels, got "
                    + data.rows() + "×" + data.columns());
        }
        DMatrixRMaj x = data.features();
        for (int i = 0; i < x.getNumElements(); i++) {
            double v = x.data[i];
            if (v < 0 || v > MAX_PIXEL || v != Math.rint(v)) {
                int row = i / FEATURES;
                throw new DataFormatException(source, row + 1, i % FEATURES + 1,
                        "pixel value " + v + " is not an integer in 0..16 (" + Checks.shape(x) + " read)");
            }
        }
    }
}
