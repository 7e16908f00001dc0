/**
 * Text on maps: labels at any rotation on large images. {@link dev.readout.ingest.maps.MapTextReader} tiles the
 * image, runs PaddleOCR's PP-OCRv4 DB detector and CTC recogniser ({@link dev.readout.ingest.maps.PpOcrModel},
 * {@code models/ppocr-v4/MODEL.md}) on ONNX Runtime, merges detections across tiles, splits words and groups them
 * into phrases; {@link dev.readout.ingest.maps.MapImages} applies ingest's input guards to a file and
 * {@link dev.readout.ingest.maps.MapOutputs} writes features JSON, the shared document model and ALTO.
 * Coordinates are image pixels, origin top-left, y down.
 */
package dev.readout.ingest.maps;
