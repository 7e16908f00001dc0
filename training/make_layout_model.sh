#!/bin/sh
# Reproduces models/layout-minilm-funsd (about 65 minutes on 2 CPU cores): the tagger trained on FUNSD's annotated
# words (45 epochs), its int8 word table, then 10 epochs more on the annotated forms together with the same forms as
# our own OCR reads them (training/ocr_forms.py), the int8 table again, and last the forest that decides entity
# continuations in segment decoding (training/continuation_forest.py, 30 s; it names itself in config.json, which
# train_layout.py rewrites, so it comes after). Needs training/setup.sh, the Java build (./readout) and
# ../shared/datasets/funsd.
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
$PY training/continuation_forest.py --data "$DATA" --ocr-dump "$OCR" --model models/layout-minilm-funsd \
    --fixture layout/src/test/resources/dev/readout/layout/continuation-parity.json
