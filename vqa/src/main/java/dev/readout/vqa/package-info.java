/**
 * Readout's vqa stage: question answering with evidence ({@code qa}: key retrieval, the learned layout-aware
 * extractive model in {@code qa.onnx}, and {@code DocumentQa} fusing them), invoice fields ({@code invoice}) and
 * value normalisation ({@code values}).
 */
package dev.readout.vqa;
