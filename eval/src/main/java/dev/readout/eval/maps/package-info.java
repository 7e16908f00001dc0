/**
 * Map text evaluation: ground truth in the USC map-ocr-ground-truth layout (GeoJSON or shapefile, y negated),
 * detection and end-to-end word precision/recall/F1 at polygon IoU ≥ 0.5 ({@link dev.readout.eval.maps.MapMetrics}).
 */
package dev.readout.eval.maps;
