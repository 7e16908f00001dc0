#!/bin/sh
# Reproduces models/order-lines (the learned reading-order model) from scratch: synthetic pages through our own
# ingest, their XY-cut orders, training, ONNX export. About 30 min on 2 CPU cores (most of it training).
# Usage: training/make_order_model.sh [OUT_MODEL_DIR]   (default models/order-lines)
# The real ground truth (../shared/datasets: HRDoc, NZZ) is converted too when present and scored after every epoch
# for information only: it never enters training or model selection.
set -eu
cd "$(dirname "$0")/.."
OUT="${1:-models/order-lines}"
RUNS=training/runs/order
mkdir -p "$RUNS"
R=./readout
[ -d "$RUNS/gen-train" ] || $R make-reading-order-data --out "$RUNS/gen-train" --pages 4000 --seed 1
[ -d "$RUNS/gen-val" ] || $R make-reading-order-data --out "$RUNS/gen-val" --pages 400 --seed 2
[ -d "$RUNS/train" ] || $R make-reading-order-data --from synth --data "$RUNS/gen-train" --out "$RUNS/train"
[ -d "$RUNS/val" ] || $R make-reading-order-data --from synth --data "$RUNS/gen-val" --out "$RUNS/val"
REPORT=""
SHARED=../shared/datasets
if [ -d "$SHARED/hrdoc_reading_order" ]; then
  [ -d "$RUNS/hrdoc" ] || $R make-reading-order-data --from hrdoc --data "$SHARED/hrdoc_reading_order" --out "$RUNS/hrdoc"
  REPORT="$REPORT $RUNS/hrdoc"
fi
if [ -d "$SHARED/nzz_newspaper_gt/xml" ]; then
  [ -d "$RUNS/nzz" ] || $R make-reading-order-data --from page-xml --data "$SHARED/nzz_newspaper_gt/xml" --out "$RUNS/nzz"
  REPORT="$REPORT $RUNS/nzz"
fi
# shellcheck disable=SC2086
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/train_order.py --train "$RUNS/train" --val "$RUNS/val" \
  ${REPORT:+--report $REPORT} --epochs 8 --out "$OUT"
echo "model written to $OUT"
