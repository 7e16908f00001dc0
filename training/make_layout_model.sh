#!/bin/sh
# Reproduces models/layout-minilm-funsd (about 110 minutes on 2 CPU cores): the tagger trained on FUNSD's annotated
# words (45 epochs), its int8 word table, then 10 epochs more on the annotated forms together with the same forms as
# our own OCR reads them (training/ocr_forms.py), the int8 table again, and last the two learned parts of segment
# decoding, the continuation forest and the run typer, fitted on out-of-fold predictions of four more models of this
# recipe (training/make_segment_decoding.sh, ~45 min; they name themselves in config.json, which train_layout.py rewrites,
# so they come after). Needs training/setup.sh, the Java build (./readout) and ../shared/datasets/funsd.
set -eu
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
DATA=../shared/datasets/funsd/training_data
OCR=training/runs/funsd-ocr
$PY training/train_layout.py --encoder minilm --layers 6 --epochs 45 --box-jitter 20 --link-geometry-weight auto \
    --runtime-decoding segment --data "$DATA" --out models/layout-minilm-funsd
$PY training/compress_embeddings.py models/layout-minilm-funsd/model.onnx
# the FUNSD images through our pipeline (Tesseract, reading order), without a layout model: words as it will get them
[ -d "$OCR" ] || ./readout batch "$DATA/images" --out "$OCR" --formats json --no-layout --workers 2
$PY training/train_layout.py --encoder minilm --layers 6 --epochs 10 --lr 5e-05 --lr-new 0.0002 --box-jitter 20 \
    --ocr-dump "$OCR" --patience 0 --init-onnx models/layout-minilm-funsd/model.onnx --link-geometry-weight 32 \
    --runtime-decoding segment --data "$DATA" --out models/layout-minilm-funsd
$PY training/compress_embeddings.py models/layout-minilm-funsd/model.onnx
# continuation forest and run typer: out-of-fold predictions of four more models of this recipe, then fitted on them
sh training/make_segment_decoding.sh
