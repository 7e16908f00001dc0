/**
 * Readout's layout stage: a LayoutLM-style model (trained by {@code training/}, run with ONNX Runtime) that
 * labels words as header / question / answer entities and links questions to answers. {@code training/README.md}
 * is the normative description of the input pipeline ({@link dev.readout.layout.input}), the tokenizer
 * ({@link dev.readout.layout.tokenizer}), the ONNX contract and the decoding ({@link dev.readout.layout.decode},
 * {@link dev.readout.layout.onnx}).
 */
package dev.readout.layout;
