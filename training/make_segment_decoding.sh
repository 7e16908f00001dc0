#!/bin/sh
# Reproduces the decoding files of models/layout-minilm-funsd, continuation.json and run_typer.json (about 45 minutes
# on 2 CPU cores): the 119 FUNSD training forms cut into 4 folds; for each, a layout model trained by the shipped
# recipe (make_layout_model.sh's two steps, on the fast CPU path) without that fold predicts it, on the annotated
# words and as our OCR reads the forms; the continuation forest (training/continuation_forest.py --oof) and the run
# typer (training/run_typer.py) are fitted on those out-of-fold predictions, scored on the validation forms with the
# shipped model, and written into the model folder. Needs what make_layout_model.sh needs, and its OCR dump
# (training/runs/funsd-ocr). WORK (default /tmp/run-typer) keeps the fold models: a rerun skips the finished ones.
set -eu
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
DATA=../shared/datasets/funsd/training_data
OCR=training/runs/funsd-ocr
WORK=${WORK:-/tmp/run-typer}
COMMON="--encoder minilm --layers 6 --box-jitter 20 --link-geometry-weight 32 --runtime-decoding segment --bf16 on
        --attention-dropout 0 --data $DATA"
$PY training/oof_predictions.py --folds 4 "$WORK"
for k in 0 1 2 3; do
    D=$WORK/k$k
    [ -f "$D/s1/layout-minilm-funsd/model.onnx" ] || $PY training/train_layout.py $COMMON --epochs 45 \
        --exclude-forms "$WORK/f$k.txt" --out "$D/s1/layout-minilm-funsd" --run-dir "$D/r1"
    [ -f "$D/s2/layout-minilm-funsd/model.onnx" ] || $PY training/train_layout.py $COMMON --epochs 10 --lr 5e-05 \
        --lr-new 0.0002 --ocr-dump "$OCR" --patience 0 --init-onnx "$D/s1/layout-minilm-funsd/model.onnx" \
        --exclude-forms "$WORK/f$k.txt" --out "$D/s2/layout-minilm-funsd" --run-dir "$D/r2"
    [ -f "$D/oof.pkl" ] || $PY training/oof_predictions.py "$D/s2/layout-minilm-funsd" "$D/oof.pkl" "$WORK/f$k.txt"
done
OOF="$WORK/k0/oof.pkl $WORK/k1/oof.pkl $WORK/k2/oof.pkl $WORK/k3/oof.pkl"
$PY training/continuation_forest.py --data "$DATA" --ocr-dump "$OCR" --model models/layout-minilm-funsd --oof $OOF \
    --fixture layout/src/test/resources/dev/readout/layout/continuation-parity.json
$PY training/run_typer.py --oof $OOF --model models/layout-minilm-funsd \
    --fixture layout/src/test/resources/dev/readout/layout/run-typer-parity.json
