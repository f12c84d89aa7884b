package dev.mlp.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (its Java API, on the CPU) on a batch of rows. */
public final class OrtRunner {

    private OrtRunner() {
    }

    /** The model's single output for {@code x}, given to it as float32 or float64 as the model's input asks. */
    public static DMatrixRMaj run(byte[] model, DMatrixRMaj x, Precision precision) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor input = tensor(env, x, precision);
                 OrtSession.Result result = session.run(Map.of(Onnx.INPUT_NAME, input))) {
                OnnxValue out = result.get(0);
                Object value = out.getValue();
                DMatrixRMaj y;
                if (value instanceof double[][] d) {
                    y = new DMatrixRMaj(d);
                } else {
                    float[][] f = (float[][]) value;
                    y = new DMatrixRMaj(f.length, f[0].length);
                    for (int r = 0; r < f.length; r++) {
                        for (int c = 0; c < f[0].length; c++) {
                            y.set(r, c, f[r][c]);
                        }
                    }
                }
                return y;
            }
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, DMatrixRMaj x, Precision precision) throws OrtException {
        if (precision == Precision.FLOAT64) {
            double[][] rows = new double[x.numRows][x.numCols];
            for (int r = 0; r < x.numRows; r++) {
                for (int c = 0; c < x.numCols; c++) {
                    rows[r][c] = x.get(r, c);
                }
            }
            return OnnxTensor.createTensor(env, rows);
        }
        float[][] rows = new float[x.numRows][x.numCols];
        for (int r = 0; r < x.numRows; r++) {
            for (int c = 0; c < x.numCols; c++) {
                rows[r][c] = (float) x.get(r, c);
            }
        }
        return OnnxTensor.createTensor(env, rows);
    }
}
