#!/bin/sh
# Reproduces models/qa-minilm (about 330 minutes on 2 CPU cores; training is clock-budgeted, so a busier machine
# trains fewer steps): seven training runs (each continues the last with another batch order; the sixth, run 7, at a lower learning rate; the
# seventh, run 9, on the fast CPU path with more SQuAD and the OCR'd FUNSD forms; run 4 continues from
# the compressed model.onnx of run 3, as it was shipped, int8 word table de-quantised), the int8 word-embedding
# table, the no-answer calibration and the Java parity fixture. Needs training/setup.sh first and
# ../shared/datasets (SQuAD dev, DocVQA OCR-text, FUNSD).
set -eu
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
$PY training/train_qa.py --out models/qa-minilm --minutes 34
cp training/runs/qa-minilm/last.pt training/runs/qa-minilm/run1.pt
$PY training/train_qa.py --out models/qa-minilm --minutes 33 --init training/runs/qa-minilm/run1.pt --data-seed 14 --warmup 0.03
cp training/runs/qa-minilm/last.pt training/runs/qa-minilm/run2.pt
$PY training/train_qa.py --out models/qa-minilm --minutes 28 --init training/runs/qa-minilm/run2.pt --data-seed 15 --warmup 0.03
$PY training/compress_embeddings.py models/qa-minilm/model.onnx
$PY training/train_qa.py --out models/qa-minilm --minutes 45 --init-onnx models/qa-minilm/model.onnx --data-seed 16 --warmup 0.03
cp training/runs/qa-minilm/last.pt training/runs/qa-minilm/run4.pt
$PY training/train_qa.py --out models/qa-minilm --minutes 50 --init training/runs/qa-minilm/run4.pt --data-seed 17 --warmup 0.03
$PY training/compress_embeddings.py models/qa-minilm/model.onnx
# run 7 (run 6 was not kept): continues the compressed run-5 model at a lower peak learning rate
$PY training/train_qa.py --out models/qa-minilm --minutes 62 --init-onnx models/qa-minilm/model.onnx --data-seed 19 --warmup 0.03 --lr 3e-5 --lr-new 1e-4
$PY training/compress_embeddings.py models/qa-minilm/model.onnx
# run 9 (2026-12-06): the fast CPU path (tcmalloc, bf16 autocast, no attention dropout), more SQuAD, FUNSD as OCR'd
[ -d training/runs/funsd-ocr ] || ./readout batch ../shared/datasets/funsd/training_data/images --out training/runs/funsd-ocr --formats json --no-layout --workers 2
$PY training/train_qa.py --out models/qa-minilm --minutes 62 --init-onnx models/qa-minilm/model.onnx --funsd-ocr-dump training/runs/funsd-ocr --squad 8000 --data-seed 21 --warmup 0.05 --lr 5e-5 --lr-new 2e-4 --bf16 on --attention-dropout 0
$PY training/compress_embeddings.py models/qa-minilm/model.onnx
$PY training/calibrate_qa.py --model models/qa-minilm --n 200
