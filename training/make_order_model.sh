#!/bin/sh
# Reproduces models/order-lines (the learned reading-order model) from scratch: synthetic pages through our own
# ingest, their XY-cut orders, training, ONNX export. About an hour on 2 CPU cores (most of it training).
# Usage: training/make_order_model.sh [OUT_MODEL_DIR] [EPOCHS]   (defaults: models/order-lines, 3)
# The real ground truth (../shared/datasets: HRDoc, NZZ) is converted too when present and scored after every epoch
# for information only: it never enters training or model selection.
set -eu
cd "$(dirname "$0")/.."
OUT="${1:-models/order-lines}"
EPOCHS="${2:-3}"
RUNS=training/runs/order
mkdir -p "$RUNS"
R=./readout
[ -d "$RUNS/gen-train" ] || $R make-reading-order-data --out "$RUNS/gen-train" --pages 4000 --seed 11
[ -d "$RUNS/gen-val" ] || $R make-reading-order-data --out "$RUNS/gen-val" --pages 400 --seed 12
for v in train val; do
  [ -d "$RUNS/$v" ] || $R make-reading-order-data --from synth --data "$RUNS/gen-$v" --out "$RUNS/$v"
  [ -d "$RUNS/$v-lines" ] || $R make-reading-order-data --from synth-lines --data "$RUNS/gen-$v" --out "$RUNS/$v-lines"
done
if [ ! -d "$RUNS/val-mixed" ]; then
  mkdir -p "$RUNS/val-mixed"
  cp "$RUNS"/val/*.json "$RUNS/val-mixed/"
  for f in "$RUNS"/val-lines/*.json; do cp "$f" "$RUNS/val-mixed/L$(basename "$f")"; done
fi
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
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/train_order.py --train "$RUNS/train" "$RUNS/train-lines" \
  --val "$RUNS/val-mixed" ${REPORT:+--report $REPORT} --epochs "$EPOCHS" --out "$RUNS/run"
# choose the epoch and the decoding threshold on the synthetic validation pages; export that one
# shellcheck disable=SC2086
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/select_order.py --run "$RUNS/run" --val "$RUNS/val-mixed" \
  ${REPORT:+--report $REPORT} --out "$OUT"
echo "model written to $OUT"
