package dev.mlp.data;

import dev.mlp.Checks;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf, Zalando Research, 2017, MIT licence): 70 000
 * grey-scale images of 28×28 pixels showing clothes in 10 classes, split into 60 000 training
 * and 10 000 test images. It does not ship with this library; it is read from a directory that
 * holds the four IDX files of the original distribution:
 * <ul>
 *   <li>{@value #TRAIN_IMAGES} and {@value #TRAIN_LABELS} for {@link #train(Path)},</li>
 *   <li>{@value #TEST_IMAGES} and {@value #TEST_LABELS} for {@link #test(Path)},</li>
 * </ul>
 * each either gzip-compressed as named or uncompressed under the name without {@code .gz}; the
 * compressed name is used when both exist. On Debian and Ubuntu,
 * {@code sudo apt-get install dataset-fashion-mnist} puts the compressed files into
 * {@value #DEFAULT_DIRECTORY_NAME}, which {@link #train()} and {@link #test()} read.
 *
 * <p>The features are the pixels row by row, scaled into [0, 1] (byte / 255, see
 * {@link IdxReader}); the labels are class indices whose names {@link #className(int)} gives.
 * Any number of images is accepted, so a directory may hold a subset in the same format, but
 * every image must be 28×28.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEFAULT_DIRECTORY_NAME = "/usr/share/datasets/fashion-mnist/";

    /** {@link #DEFAULT_DIRECTORY_NAME} as a path. */
    public static final Path DEFAULT_DIRECTORY = Path.of(DEFAULT_DIRECTORY_NAME);

    /** The command that installs the data set on Debian and Ubuntu. */
    public static final String INSTALL_COMMAND = "sudo apt-get install dataset-fashion-mnist";

    /** The training images, 60 000 × 28 × 28. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** The training labels, 60 000. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** The test images, 10 000 × 28 × 28. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** The test labels, 10 000. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    /** The number of classes, 10. */
    public static final int CLASSES = 10;
    /** The height and width of an image in pixels, 28. */
    public static final int SIDE = 28;
    /** The number of features (pixels) per image, 784 = 28×28. */
    public static final int FEATURES = SIDE * SIDE;
    /** The number of training images in the full data set, 60 000. */
    public static final int TRAIN_SIZE = 60_000;
    /** The number of test images in the full data set, 10 000. */
    public static final int TEST_SIZE = 10_000;

    private static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /**
     * The training set from {@link #DEFAULT_DIRECTORY}.
     *
     * @return the {@value #TRAIN_SIZE} training images (for the full set), 784 features in [0, 1]
     * @throws FileNotFoundException when a file is missing; the message names it and says how to
     *                               install the data set
     * @throws DataFormatException   when a file is damaged
     * @throws IOException           when a file cannot be read
     */
    public static DataSet train() throws IOException {
        return train(DEFAULT_DIRECTORY);
    }

    /**
     * The test set from {@link #DEFAULT_DIRECTORY}.
     *
     * @return the {@value #TEST_SIZE} test images (for the full set), 784 features in [0, 1]
     * @throws FileNotFoundException when a file is missing; the message names it and says how to
     *                               install the data set
     * @throws DataFormatException   when a file is damaged
     * @throws IOException           when a file cannot be read
     */
    public static DataSet test() throws IOException {
        return test(DEFAULT_DIRECTORY);
    }

    /**
     * The training set from {@code directory}, which holds {@value #TRAIN_IMAGES} and
     * {@value #TRAIN_LABELS} (or their uncompressed versions).
     *
     * @param directory the directory that holds the files, not null
     * @return one row per image, 784 features in [0, 1], labels 0..9
     * @throws FileNotFoundException when the directory or a file is missing; the message names
     *                               what is missing, where, and how to get it
     * @throws DataFormatException   when a file is damaged, the counts differ, a label is not in
     *                               0..9 or the images are not 28×28
     * @throws IOException           when a file cannot be read
     */
    public static DataSet train(Path directory) throws IOException {
        return load(directory, TRAIN_IMAGES, TRAIN_LABELS);
    }

    /**
     * The test set from {@code directory}, which holds {@value #TEST_IMAGES} and
     * {@value #TEST_LABELS} (or their uncompressed versions).
     *
     * @param directory the directory that holds the files, not null
     * @return one row per image, 784 features in [0, 1], labels 0..9
     * @throws FileNotFoundException when the directory or a file is missing; the message names
     *                               what is missing, where, and how to get it
     * @throws DataFormatException   when a file is damaged, the counts differ, a label is not in
     *                               0..9 or the images are not 28×28
     * @throws IOException           when a file cannot be read
     */
    public static DataSet test(Path directory) throws IOException {
        return load(directory, TEST_IMAGES, TEST_LABELS);
    }

    /**
     * {@return whether {@code directory} holds all four files (compressed or not)} Then
     * {@link #train(Path)} and {@link #test(Path)} will not fail for a missing file.
     *
     * @param directory where to look, not null; need not exist
     */
    public static boolean isAvailable(Path directory) {
        Checks.requireNonNull(directory, "directory");
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (find(directory, name) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The file {@code name} (one of the four constants) in {@code directory}: the gzip file when
     * it exists, else the file of the same name without {@code .gz}.
     *
     * @param directory where to look, not null
     * @param name      one of {@link #TRAIN_IMAGES}, {@link #TRAIN_LABELS}, {@link #TEST_IMAGES},
     *                  {@link #TEST_LABELS}
     * @return the path of the file that exists
     * @throws FileNotFoundException when neither exists, or the directory does not
     */
    public static Path locate(Path directory, String name) throws FileNotFoundException {
        Checks.requireNonNull(directory, "directory");
        Checks.requireNonNull(name, "name");
        requireDirectory(directory);
        Path file = find(directory, name);
        if (file == null) {
            throw missing(directory, List.of(name));
        }
        return file;
    }

    /** {@return the names of the 10 classes, indexed by label: "T-shirt/top", "Trouser", …, "Ankle boot"} */
    public static List<String> classNames() {
        return CLASS_NAMES;
    }

    /**
     * {@return the name of class {@code label}, for example "Sneaker" for 7}
     *
     * @param label a class index, 0..9
     * @throws IllegalArgumentException when the label is outside 0..9
     */
    public static String className(int label) {
        if (label < 0 || label >= CLASSES) {
            throw new IllegalArgumentException("label must lie in [0, " + CLASSES + "), got " + label);
        }
        return CLASS_NAMES.get(label);
    }

    private static DataSet load(Path directory, String imagesName, String labelsName) throws IOException {
        Checks.requireNonNull(directory, "directory");
        requireDirectory(directory);
        Path images = find(directory, imagesName);
        Path labels = find(directory, labelsName);
        if (images == null || labels == null) {
            List<String> absent = new ArrayList<>();
            if (images == null) {
                absent.add(imagesName);
            }
            if (labels == null) {
                absent.add(labelsName);
            }
            throw missing(directory, absent);
        }
        DataSet data = IdxReader.load(images, labels, CLASSES);
        if (data.columns() != FEATURES) {
            throw new DataFormatException(images.toString(), 0, 9, "Fashion-MNIST images are " + SIDE + "×" + SIDE
                    + " = " + FEATURES + " pixels but these have " + data.columns());
        }
        return data;
    }

    /** The compressed file, else the uncompressed one, else null. */
    private static Path find(Path directory, String gzName) {
        Path gz = directory.resolve(gzName);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = directory.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
        return Files.isRegularFile(plain) ? plain : null;
    }

    private static void requireDirectory(Path directory) throws FileNotFoundException {
        if (!Files.isDirectory(directory)) {
            throw new FileNotFoundException("the Fashion-MNIST directory " + directory
                    + (Files.exists(directory) ? " is not a directory" : " does not exist") + "; " + howToGet());
        }
    }

    private static FileNotFoundException missing(Path directory, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            String plain = name.substring(0, name.length() - ".gz".length());
            sb.append(sb.length() == 0 ? "" : " and ").append(name).append(" (or ").append(plain).append(')');
        }
        boolean one = names.size() == 1;
        return new FileNotFoundException("the Fashion-MNIST file" + (one ? " " : "s ") + sb + (one ? " is" : " are")
                + " missing in " + directory + "; " + howToGet());
    }

    private static String howToGet() {
        return "install the data set with '" + INSTALL_COMMAND + "' (it goes to " + DEFAULT_DIRECTORY_NAME
                + ") or pass another directory that holds " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", "
                + TEST_IMAGES + " and " + TEST_LABELS;
    }
}
