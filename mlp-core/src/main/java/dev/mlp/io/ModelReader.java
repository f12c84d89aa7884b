package dev.mlp.io;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Activations;
import dev.mlp.loss.Loss;
import dev.mlp.loss.Losses;
import dev.mlp.model.DenseLayer;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.zip.CRC32;

/**
 * Parses format versions 1 to 3 from the bytes of a whole file, line by line and strictly: every line
 * is checked as it is met, so a problem is reported on the line where it is found.
 *
 * <p>No array is allocated from a declared size: a values line is first counted, and its count
 * compared with the declared shape, so an allocation never exceeds what the input itself holds.
 */
final class ModelReader {

    /** The largest array the JVM reliably allocates. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private static final int MAX_HEADER_LINE = 1024;
    private static final int MAX_NUMBER_LENGTH = 64;
    private static final int PREVIEW_BYTES = 40;
    private static final String CHECKSUM_PATTERN = ModelIO.CHECKSUM_KEY + " [0-9a-f]{8}";
    private static final String CORRUPTION_HINT =
            " (the file's checksum does not match its contents either: the file is corrupted or was edited)";

    private final byte[] data;
    private final String source;
    private int pos;
    private int lineNo;
    private int lineStart;
    private int lineEnd;
    private boolean checksumReached;
    private int version;

    private ModelReader(byte[] data, String source) {
        this.data = data;
        this.source = source;
    }

    static SavedModel parse(byte[] data, String source) throws ModelFormatException {
        ModelReader reader = new ModelReader(data, source);
        try {
            return reader.parseFile();
        } catch (ModelFormatException e) {
            if (e.lineNumber() > 1 && !reader.checksumReached && reader.lastLineIsAMismatchedChecksum()) {
                throw new ModelFormatException(source, e.lineNumber(), e.problem() + CORRUPTION_HINT);
            }
            throw e;
        }
    }

    private SavedModel parseFile() throws ModelFormatException {
        readMagicLine();

        String[] f = fields("the 'layers <count>' line", "layers", 2, 2);
        long layerCount = count(f[1], "the number of layers", 1, MAX_VALUES);

        f = fields("the 'loss <name>' line", "loss", 2, 3);
        int lossLine = lineNo;
        Loss loss = loss(f);

        f = fields("the 'scaling none' or 'scaling <columns>' line", "scaling", 2, 2);
        int scalingLine = lineNo;
        InputScaling scaling = f[1].equals("none") ? null : scaling(f[1]);

        InputScaling targetScaling = null;
        int targetScalingLine = 0;
        List<String> inputNames = List.of();
        int inputNamesLine = 0;
        List<String> classNames = List.of();
        int classNamesLine = 0;
        if (version >= 2) {
            f = fields("the 'target-scaling none' or 'target-scaling <columns>' line", "target-scaling", 2, 2);
            targetScalingLine = lineNo;
            targetScaling = f[1].equals("none") ? null : scaling(f[1], "the target scaling");
            f = fields("the 'input-names none' or 'input-names <count>' line", "input-names", 2, 2);
            inputNamesLine = lineNo;
            inputNames = f[1].equals("none") ? List.of() : names(f[1], "input", "input name");
            f = fields("the 'class-names none' or 'class-names <count>' line", "class-names", 2, 2);
            classNamesLine = lineNo;
            classNames = f[1].equals("none") ? List.of() : names(f[1], "class", "class name");
        }

        f = fields("the 'metadata <count>' line", "metadata", 2, 2);
        long metaCount = count(f[1], "the number of metadata entries", 0, MAX_VALUES);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (long k = 1; k <= metaCount; k++) {
            readMetaEntry(k, metaCount, metadata);
        }

        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            layers.add(readLayer(i, i == 0 ? -1 : layers.get(i - 1).outputs(), i == layerCount - 1));
        }

        readChecksumLine(layerCount);

        Activation output = layers.get(layers.size() - 1).activation();
        if (loss != null) {
            try {
                loss.checkOutput(output);
            } catch (IllegalArgumentException e) {
                throw error(lossLine, "loss '" + loss.name() + "' does not fit the output activation '"
                        + output.name() + "': " + e.getMessage());
            }
        }
        if (scaling != null && scaling.columns() != layers.get(0).inputs()) {
            throw error(scalingLine, "the input scaling has " + scaling.columns() + " columns but layer 0 takes "
                    + layers.get(0).inputs() + " inputs");
        }
        int outputs = layers.get(layers.size() - 1).outputs();
        if (targetScaling != null && targetScaling.columns() != outputs) {
            throw error(targetScalingLine, "the target scaling has " + targetScaling.columns() + " columns but the last "
                    + "layer gives " + outputs + " outputs");
        }
        if (!inputNames.isEmpty() && inputNames.size() != layers.get(0).inputs()) {
            throw error(inputNamesLine, "the file names " + inputNames.size() + " inputs but layer 0 takes "
                    + layers.get(0).inputs());
        }
        int classes = outputs == 1 ? 2 : outputs;
        if (!classNames.isEmpty() && classNames.size() != classes) {
            throw error(classNamesLine, "the file names " + classNames.size() + " classes but the last layer tells "
                    + classes + " apart" + (outputs == 1 ? " (one output: classes 0 and 1)" : ""));
        }

        try {
            Network network = Network.fromLayers(layers);
            return new SavedModel(network, loss, scaling, metadata, targetScaling, inputNames, classNames);
        } catch (IllegalArgumentException e) {
            // Unreachable: every condition the constructors check was checked above.
            throw error(0, "the file does not describe a valid model: " + e.getMessage());
        }
    }

    // ---- lines ---------------------------------------------------------------------------------

    private void readMagicLine() throws ModelFormatException {
        byte[] magic = (ModelIO.MAGIC + " ").getBytes(StandardCharsets.US_ASCII);
        if (data.length == 0) {
            throw error(1, "the input is empty: expected '" + ModelIO.MAGIC + " <version>' on the first line");
        }
        for (int i = 0; i < Math.min(magic.length, data.length); i++) {
            if (data[i] != magic[i]) {
                int nl = indexOf((byte) '\n', 0);
                throw error(1, "not an mlp model file: the first line must be '" + ModelIO.MAGIC
                        + " <version>', found '" + preview(0, nl < 0 ? data.length : nl) + "'");
            }
        }
        nextLine("'" + ModelIO.MAGIC + " <version>'");
        String line = asciiLine("'" + ModelIO.MAGIC + " <version>'");
        String version = line.substring(magic.length);
        if (!version.matches("[1-9][0-9]*")) {
            throw error(1, "invalid format version '" + version + "': expected a whole number from 1 (supported "
                    + supportedVersions() + ")");
        }
        if (version.length() > 9 || Integer.parseInt(version) > ModelIO.FORMAT_VERSION) {
            throw error(1, "format version " + version + " is newer than this library supports (supported "
                    + supportedVersions() + "); read it with a newer version of the library");
        }
        this.version = Integer.parseInt(version);
    }

    private static String supportedVersions() {
        return ModelIO.FORMAT_VERSION == 1 ? "version: 1" : "versions: 1 to " + ModelIO.FORMAT_VERSION;
    }

    /** Moves to the next line, which must exist and end with LF. */
    private void nextLine(String expected) throws ModelFormatException {
        if (pos >= data.length) {
            throw error(lineNo + 1, "unexpected end of file: expected " + expected + "; the file is truncated");
        }
        lineNo++;
        int nl = indexOf((byte) '\n', pos);
        if (nl < 0) {
            throw error(lineNo, "the line does not end with a newline: the file is truncated");
        }
        lineStart = pos;
        lineEnd = nl;
        pos = nl + 1;
        if (lineEnd > lineStart && data[lineEnd - 1] == '\r') {
            throw error(lineNo, "the line ends with a carriage return: model files use LF line endings only "
                    + "(was the file converted to CRLF?)");
        }
    }

    /** The current line, which must be short printable ASCII. */
    private String asciiLine(String expected) throws ModelFormatException {
        int len = lineEnd - lineStart;
        if (len > MAX_HEADER_LINE) {
            throw error(lineNo, "expected " + expected + ", found a line of " + len + " bytes starting '"
                    + preview(lineStart, lineEnd) + "'");
        }
        for (int i = lineStart; i < lineEnd; i++) {
            int b = data[i] & 0xff;
            if (b < 0x20 || b > 0x7e) {
                throw error(lineNo, String.format("expected %s, found byte 0x%02X at column %d, which is not "
                        + "printable ASCII, in '%s'", expected, b, i - lineStart + 1, preview(lineStart, lineEnd)));
            }
        }
        return new String(data, lineStart, len, StandardCharsets.ISO_8859_1);
    }

    /** Reads the next line as space-separated fields, the first of which must be {@code key}. */
    private String[] fields(String expected, String key, int min, int max) throws ModelFormatException {
        nextLine(expected);
        String line = asciiLine(expected);
        String[] f = line.split(" ", -1);
        if (!f[0].equals(key)) {
            throw error(lineNo, "expected " + expected + ", found '" + preview(lineStart, lineEnd) + "'");
        }
        for (String field : f) {
            if (field.isEmpty()) {
                throw error(lineNo, "empty field in '" + line + "': fields are separated by exactly one space,"
                        + " with none at the start or end of the line");
            }
        }
        if (f.length < min || f.length > max) {
            throw error(lineNo, "expected " + expected + ", found " + (f.length < min ? "too few" : "too many")
                    + " fields in '" + line + "'");
        }
        return f;
    }

    private long count(String field, String what, long min, long max) throws ModelFormatException {
        if (!field.matches("[0-9]+")) {
            throw error(lineNo, what + " must be a whole number, found '" + field + "'");
        }
        if (field.length() > 18) {
            throw error(lineNo, what + " must be at most " + max + ", found " + field);
        }
        long v = Long.parseLong(field);
        if (v < min || v > max) {
            throw error(lineNo, what + " must be between " + min + " and " + max + ", found " + v);
        }
        return v;
    }

    // ---- sections ------------------------------------------------------------------------------

    private Loss loss(String[] f) throws ModelFormatException {
        String name = f[1];
        Optional<Losses.Entry> entry = name.equals(Codecs.NO_LOSS) ? Optional.empty() : Losses.registry().named(name);
        if (f.length == 3 && !entry.map(e -> f[2].equals(e.option())).orElse(false)) {
            throw error(lineNo, "unknown option '" + f[2] + "' for loss '" + name + "' (only " + Codecs.lossOptions()
                    + " takes one)");
        }
        if (name.equals(Codecs.NO_LOSS)) {
            return null;
        }
        return entry.orElseThrow(() -> error(lineNo, "unknown loss '" + name + "' (known: " + Codecs.KNOWN_LOSSES
                + ")")).create(f.length == 3);
    }

    private InputScaling scaling(String columnsField) throws ModelFormatException {
        return scaling(columnsField, "the input scaling");
    }

    /** The offset and scale lines of a scaling of {@code columnsField} columns; {@code owner} names it. */
    private InputScaling scaling(String columnsField, String owner) throws ModelFormatException {
        long columns = count(columnsField, "the number of columns of " + owner, 1, MAX_VALUES);
        double[] offset = values("offset", owner, columns, null,
                i -> "offset " + (i + 1) + " of " + owner, false);
        double[] scale = values("scale", owner, columns, null,
                i -> "scale " + (i + 1) + " of " + owner, true);
        try {
            return new InputScaling(offset, scale);
        } catch (IllegalArgumentException e) {
            throw error(lineNo, "invalid " + owner.substring(4) + ": " + e.getMessage());
        }
    }

    /**
     * {@code countField} lines {@code <keyword> "<name>"}, each name non-empty and different from
     * the others. The list grows with the lines read, never from the declared count.
     */
    private List<String> names(String countField, String keyword, String what) throws ModelFormatException {
        long total = count(countField, "the number of " + what + "s", 1, MAX_VALUES);
        List<String> names = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (long k = 1; k <= total; k++) {
            String expected = what + " " + k + " of " + total + " ('" + keyword + " \"<name>\"')";
            MetaText.Parser p = quotedLine(keyword, expected);
            String name;
            try {
                name = p.quoted("name");
                if (!p.atEnd()) {
                    throw new MetaText.SyntaxException("unexpected text after the name at column " + (p.position() + 1));
                }
            } catch (MetaText.SyntaxException e) {
                throw error(lineNo, what + " " + k + ": " + e.getMessage());
            }
            if (name.isEmpty()) {
                throw error(lineNo, what + " " + k + " is empty");
            }
            Long before = seen.putIfAbsent(name, k);
            if (before != null) {
                StringBuilder quoted = new StringBuilder();
                MetaText.quote(name, quoted);
                throw error(lineNo, what + " " + k + " " + quoted + " repeats " + what + " " + before
                        + "; the names must be distinct");
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Moves to the next line, which must start with {@code keyword "}, and gives a parser at its
     * opening quote over the line decoded as UTF-8.
     */
    private MetaText.Parser quotedLine(String keyword, String expected) throws ModelFormatException {
        nextLine(expected);
        byte[] prefix = (keyword + " \"").getBytes(StandardCharsets.US_ASCII);
        if (lineEnd - lineStart < prefix.length || !startsWith(prefix)) {
            throw error(lineNo, "expected " + expected + ", found '" + preview(lineStart, lineEnd) + "'");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, lineStart, lineEnd - lineStart))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error(lineNo, expected + " is not valid UTF-8");
        }
        return new MetaText.Parser(text, prefix.length - 1);
    }

    private void readMetaEntry(long k, long total, Map<String, String> metadata) throws ModelFormatException {
        String expected = "metadata entry " + k + " of " + total + " ('meta \"<key>\" \"<value>\"')";
        MetaText.Parser p = quotedLine("meta", expected);
        String key;
        String value;
        try {
            key = p.quoted("key");
            p.expectSpace("value");
            value = p.quoted("value");
            if (!p.atEnd()) {
                throw new MetaText.SyntaxException("unexpected text after the value at column " + (p.position() + 1));
            }
        } catch (MetaText.SyntaxException e) {
            throw error(lineNo, "metadata entry " + k + ": " + e.getMessage());
        }
        if (metadata.putIfAbsent(key, value) != null) {
            throw error(lineNo, "duplicate metadata key \"" + key + "\"");
        }
    }

    private DenseLayer readLayer(int index, int previousOutputs, boolean last) throws ModelFormatException {
        String expected = "'layer " + index + " <inputs> <outputs> <activation>'";
        String[] f = fields(expected, "layer", 5, 6);
        long declared = count(f[1], "the layer index", 0, MAX_VALUES);
        if (declared != index) {
            throw error(lineNo, "expected layer " + index + ", found layer " + declared);
        }
        long inputs = count(f[2], "the number of inputs of layer " + index, 1, MAX_VALUES);
        long outputs = count(f[3], "the number of outputs of layer " + index, 1, MAX_VALUES);
        if (previousOutputs >= 0 && inputs != previousOutputs) {
            throw error(lineNo, "layer " + index + " takes " + inputs + " inputs but layer " + (index - 1)
                    + " gives " + previousOutputs + " outputs");
        }
        long weightCount = inputs * outputs;
        if (weightCount > MAX_VALUES) {
            throw error(lineNo, "layer " + index + " declares " + inputs + " x " + outputs + " = " + weightCount
                    + " weights, more than one layer can hold (" + MAX_VALUES + ")");
        }
        Activation activation = activation(f, index);
        double dropout = version >= 3 ? dropout(index, last) : 0;

        String layerName = "layer " + index;
        int cols = (int) outputs;
        int counted = countValues("weights", layerName);
        if (counted != weightCount) {
            throw error(lineNo, layerName + " is " + inputs + " x " + outputs + ", so its weights line must hold "
                    + weightCount + " values, found " + counted);
        }
        // Allocation is bounded now: the weights line really holds weightCount values.
        DenseLayer layer = new DenseLayer((int) inputs, cols, activation, dropout);
        parseValues(layer.weights().data, "weights".length(), counted,
                i -> "the weight of " + layerName + " at row " + (i / cols) + ", column " + (i % cols), false);
        values("bias", layerName, outputs, layer.bias().data, i -> "bias " + i + " of " + layerName, false);
        return layer;
    }

    /** The 'dropout &lt;rate&gt;' line of version 3: a rate in [0, 1), 0 for the output layer. */
    private double dropout(int index, boolean last) throws ModelFormatException {
        String[] f = fields("'dropout <rate>' of layer " + index, "dropout", 2, 2);
        IntFunction<String> name = i -> "the dropout rate of layer " + index;
        double rate = number(f[1], name, 0);
        if (!(rate >= 0 && rate < 1)) {
            throw error(lineNo, "the dropout rate of layer " + index + " is " + f[1] + "; it must be in [0, 1)");
        }
        if (last && rate > 0) {
            throw error(lineNo, "the dropout rate of layer " + index + ", the output layer, is " + f[1]
                    + "; an output layer never drops, so it must be 0");
        }
        return rate;
    }

    private Activation activation(String[] f, int index) throws ModelFormatException {
        String name = f[4];
        Activations.Entry entry = Activations.registry().named(name).orElseThrow(() -> error(lineNo, "unknown activation '"
                + name + "' for layer " + index + " (known: " + Codecs.KNOWN_ACTIVATIONS + ")"));
        if (entry.parameter() == null) {
            if (f.length == 6) {
                throw error(lineNo, "activation '" + name + "' of layer " + index + " takes no parameter, found '"
                        + f[5] + "'");
            }
            return entry.create();
        }
        String parameter = "the " + name + " " + entry.parameter() + " of layer " + index;
        if (f.length != 6) {
            throw error(lineNo, "activation '" + name + "' of layer " + index + " needs its " + entry.parameter()
                    + ": '" + entry.usage() + "'");
        }
        double value = number(f[5], i -> parameter, 0);
        try {
            return entry.create(value);
        } catch (IllegalArgumentException e) {
            throw error(lineNo, parameter + " is out of range (" + e.getMessage() + "), found " + f[5]);
        }
    }

    // ---- values lines --------------------------------------------------------------------------

    /**
     * Reads the next line as {@code keyword v1 v2 ...} holding exactly {@code expected} values,
     * into {@code into} (allocated here, after counting, when null).
     */
    private double[] values(String keyword, String owner, long expected, double[] into, IntFunction<String> name,
                            boolean nonZero) throws ModelFormatException {
        int counted = countValues(keyword, owner);
        if (counted != expected) {
            throw error(lineNo, "the " + keyword + " line of " + owner + " must hold " + expected
                    + " values, found " + counted);
        }
        double[] out = into != null ? into : new double[counted];
        parseValues(out, keyword.length(), counted, name, nonZero);
        return out;
    }

    /** Moves to the next line, checks it starts with {@code keyword} and returns how many values follow. */
    private int countValues(String keyword, String owner) throws ModelFormatException {
        String expected = "the '" + keyword + "' line of " + owner;
        nextLine(expected);
        byte[] k = keyword.getBytes(StandardCharsets.US_ASCII);
        int len = lineEnd - lineStart;
        if (len < k.length || !startsWith(k) || (len > k.length && data[lineStart + k.length] != ' ')) {
            throw error(lineNo, "expected " + expected + ", found '" + preview(lineStart, lineEnd) + "'");
        }
        int spaces = 0;
        for (int i = lineStart + k.length; i < lineEnd; i++) {
            if (data[i] == ' ') {
                spaces++;
            }
        }
        return spaces;
    }

    private void parseValues(double[] into, int keywordLength, int count, IntFunction<String> name, boolean nonZero)
            throws ModelFormatException {
        int p = lineStart + keywordLength;
        for (int i = 0; i < count; i++) {
            p++; // the space before the value
            int start = p;
            while (p < lineEnd && data[p] != ' ') {
                p++;
            }
            int len = p - start;
            if (len == 0) {
                throw error(lineNo, name.apply(i) + " is empty (two spaces in a row, or a space at the end of the line)");
            }
            if (len > MAX_NUMBER_LENGTH) {
                throw error(lineNo, name.apply(i) + " is not a number: '" + preview(start, p) + "' is too long");
            }
            double v = number(new String(data, start, len, StandardCharsets.ISO_8859_1), name, i);
            if (nonZero && v == 0) {
                throw error(lineNo, name.apply(i) + " is 0; it must be non-zero");
            }
            into[i] = v;
        }
    }

    /** A finite double written in decimal notation, as {@link Double#toString} writes it. */
    private double number(String token, IntFunction<String> name, int index) throws ModelFormatException {
        if (!isDecimal(token)) {
            String shown = preview(token);
            if (token.equals("NaN") || token.matches("[-+]?Infinity")) {
                throw error(lineNo, name.apply(index) + " is " + shown + "; only finite numbers are allowed");
            }
            throw error(lineNo, name.apply(index) + " is not a number: '" + shown + "'");
        }
        double v;
        try {
            v = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw error(lineNo, name.apply(index) + " is not a number: '" + preview(token) + "'");
        }
        if (!Double.isFinite(v)) {
            throw error(lineNo, name.apply(index) + " (" + token + ") is beyond the range of a double; only finite "
                    + "numbers are allowed");
        }
        return v;
    }

    /** {@code -?D+(.D+)?([eE][-+]?D+)?} with D an ASCII digit. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = skipDigits(s, i);
        if (digits == i) {
            return false;
        }
        i = digits;
        if (i < n && s.charAt(i) == '.') {
            digits = skipDigits(s, i + 1);
            if (digits == i + 1) {
                return false;
            }
            i = digits;
        }
        if (i < n && (s.charAt(i) == 'E' || s.charAt(i) == 'e')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            digits = skipDigits(s, i);
            if (digits == i) {
                return false;
            }
            i = digits;
        }
        return i == n;
    }

    private static int skipDigits(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    // ---- checksum ------------------------------------------------------------------------------

    private void readChecksumLine(long layerCount) throws ModelFormatException {
        String expected = "the checksum line '" + ModelIO.CHECKSUM_KEY + " <8 lowercase hex digits>'";
        nextLine(expected);
        if (startsWith("layer ".getBytes(StandardCharsets.US_ASCII))) {
            throw error(lineNo, "found a layer after the " + layerCount + " declared by the 'layers' line; expected "
                    + expected);
        }
        String line = asciiLine(expected);
        if (!line.matches(CHECKSUM_PATTERN)) {
            throw error(lineNo, "expected " + expected + ", found '" + preview(lineStart, lineEnd) + "'");
        }
        checksumReached = true;
        long recorded = Long.parseLong(line.substring(ModelIO.CHECKSUM_KEY.length() + 1), 16);
        CRC32 crc = new CRC32();
        crc.update(data, 0, lineStart);
        if (crc.getValue() != recorded) {
            throw error(lineNo, String.format("checksum mismatch: the file records %s %08x but the bytes before this "
                    + "line give %08x; the file is corrupted or was edited without updating the checksum",
                    ModelIO.CHECKSUM_KEY, recorded, crc.getValue()));
        }
        if (pos < data.length) {
            throw error(lineNo + 1, "unexpected data after the checksum line (" + (data.length - pos)
                    + " bytes starting '" + preview(pos, Math.min(data.length, pos + PREVIEW_BYTES)) + "'); the "
                    + "checksum line must be the last line");
        }
    }

    /** Whether the input ends with a well-formed checksum line that does not match what precedes it. */
    private boolean lastLineIsAMismatchedChecksum() {
        int end = data.length;
        int width = ModelIO.CHECKSUM_KEY.length() + 1 + 8;
        if (end < width + 1 || data[end - 1] != '\n') {
            return false;
        }
        int start = end - 1 - width;
        if (start > 0 && data[start - 1] != '\n') {
            return false;
        }
        String line = new String(data, start, width, StandardCharsets.ISO_8859_1);
        if (!line.matches(CHECKSUM_PATTERN)) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, start);
        return crc.getValue() != Long.parseLong(line.substring(ModelIO.CHECKSUM_KEY.length() + 1), 16);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private boolean startsWith(byte[] prefix) {
        if (lineEnd - lineStart < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[lineStart + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Up to {@value #PREVIEW_BYTES} bytes of [start, end), non-printable bytes as \xNN. */
    private String preview(int start, int end) {
        StringBuilder sb = new StringBuilder();
        int stop = Math.min(end, start + PREVIEW_BYTES);
        for (int i = start; i < stop; i++) {
            appendPrintable(sb, data[i] & 0xff);
        }
        if (end > stop) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static String preview(String token) {
        StringBuilder sb = new StringBuilder();
        int stop = Math.min(token.length(), PREVIEW_BYTES);
        for (int i = 0; i < stop; i++) {
            appendPrintable(sb, token.charAt(i));
        }
        if (token.length() > stop) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static void appendPrintable(StringBuilder sb, int c) {
        if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
        } else {
            sb.append(String.format("\\x%02X", c));
        }
    }

    private ModelFormatException error(int line, String problem) {
        return new ModelFormatException(source, line, problem);
    }
}
