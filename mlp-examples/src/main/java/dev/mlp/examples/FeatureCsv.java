package dev.mlp.examples;

import dev.mlp.data.DataFormatException;
import org.ejml.data.DMatrixRMaj;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the rows to predict from a CSV file that holds only features, or features and a label
 * column that is dropped: the same text format as {@link dev.mlp.data.CsvLoader} (plain or gzip,
 * one delimiter, no quoting, blank lines skipped), without requiring a label.
 */
final class FeatureCsv {

    private FeatureCsv() {
    }

    /**
     * The feature matrix of {@code spec.csv()} for a model with {@code inputs} inputs. With a
     * header, a column named {@code spec.labelColumn()} is dropped if present; without one, a
     * row of inputs + 1 fields loses the field at index {@code spec.labelColumn()}.
     *
     * @throws DataFormatException when the columns do not fit the model or a value is not a finite number
     */
    static DMatrixRMaj read(DataOptions.Spec spec, int inputs) throws IOException {
        Path file = spec.csv();
        String source = file.toString();
        List<double[]> rows = new ArrayList<>();
        int drop = -1;
        int width = -1;
        int lineNo = 0;
        try (BufferedReader reader = open(file)) {
            String line;
            boolean headerPending = spec.header();
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(line, spec.delimiter());
                if (width < 0) {
                    width = fields.length;
                    drop = labelIndex(spec, fields, headerPending, inputs, source, lineNo);
                    if (headerPending) {
                        headerPending = false;
                        continue;
                    }
                }
                if (fields.length != width) {
                    throw new DataFormatException(source, lineNo, 0, "expected " + width + " fields, found " + fields.length);
                }
                double[] row = new double[inputs];
                int c = 0;
                for (int f = 0; f < fields.length; f++) {
                    if (f == drop) {
                        continue;
                    }
                    row[c++] = number(fields[f].strip(), source, lineNo, f + 1);
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(source, Math.max(1, lineNo), 0, "no rows to predict");
        }
        DMatrixRMaj x = new DMatrixRMaj(rows.size(), inputs);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x.data, r * inputs, inputs);
        }
        return x;
    }

    /** The index of the column to drop, or -1; checks that the rest are as many as the model's inputs. */
    private static int labelIndex(DataOptions.Spec spec, String[] fields, boolean header, int inputs, String source,
                                  int lineNo) throws DataFormatException {
        int drop = -1;
        if (header) {
            for (int f = 0; f < fields.length; f++) {
                if (unquote(fields[f].strip()).equals(spec.labelColumn())) {
                    drop = f;
                }
            }
        } else if (fields.length == inputs + 1) {
            int index = Integer.parseInt(spec.labelColumn());
            drop = index < 0 ? fields.length + index : index;
            if (drop < 0 || drop >= fields.length) {
                throw new DataFormatException(source, lineNo, 0, "label column " + index + " is outside the "
                        + fields.length + " columns");
            }
        }
        int features = fields.length - (drop >= 0 ? 1 : 0);
        if (features != inputs) {
            String why = header && drop < 0 && fields.length == inputs + 1
                    ? "; name the label column to ignore with --label-column" : "";
            throw new DataFormatException(source, lineNo, 0, "the model takes " + inputs + " inputs but the file has "
                    + features + " feature column" + (features == 1 ? "" : "s")
                    + (drop >= 0 ? " besides the label column" : "") + why);
        }
        return drop;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static String[] split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delimiter) {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(line.substring(start));
        return fields.toArray(String[]::new);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).strip() : s;
    }

    private static double number(String text, String source, int line, int column) throws DataFormatException {
        if (text.isEmpty()) {
            throw new DataFormatException(source, line, column, "empty field");
        }
        char last = text.charAt(text.length() - 1);
        boolean plain = Character.isDigit(last) || last == '.';
        try {
            double v = Double.parseDouble(text);
            if (plain && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(source, line, column, "'" + text + "' is not a finite number");
    }
}
