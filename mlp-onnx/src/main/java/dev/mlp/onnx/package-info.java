/**
 * dev.mlp.onnx: ONNX export and import of dense networks.
 *
 * <p>{@link dev.mlp.onnx.Onnx} writes a {@link dev.mlp.io.SavedModel} (network and input
 * scaling) as a standard ONNX model in float32 or float64 ({@link dev.mlp.onnx.Precision}), and
 * reads a feed-forward ONNX graph of dense layers, as PyTorch exports an {@code nn.Sequential} of
 * Linear and activation modules, back into one; other graphs are refused with an
 * {@link dev.mlp.onnx.OnnxFormatException} naming the node. {@code docs/onnx.md} says what is
 * written and what is read.
 *
 * <p>The module has no dependency beyond mlp-core: it encodes and decodes the few protocol
 * buffers messages of ONNX itself ({@code mlp-onnx/DESIGN.md} says why).
 */
package dev.mlp.onnx;
