#!/bin/sh
# Reproduces models/order-lines (the learned reading-order model) from scratch: synthetic pages through our own
# ingest, their XY-cut orders, training with printed rules as input, selection with line pieces joined, ONNX export.
# About 45 minutes on 2 CPU cores (most of it training: 2 epochs, then 1 more at a lower learning rate).
# Usage: training/make_order_model.sh [OUT_MODEL_DIR] [EPOCHS]   (defaults: models/order-lines, 2)
# The real ground truth (../shared/datasets: HRDoc, NZZ) is converted too when present and scored after every epoch
# for information only: it never enters training or model selection.
set -eu
cd "$(dirname "$0")/.."
OUT="${1:-models/order-lines}"
EPOCHS="${2:-2}"
RUNS=training/runs/order
mkdir -p "$RUNS"
R=./readout
# training pages: template set 2 (feuilleton bands under printed rules, page numbers in the gutter, ...), with rules
[ -d "$RUNS/gen-r-train" ] || $R make-reading-order-data --templates 2 --out "$RUNS/gen-r-train" --pages 2000 --seed 11
# validation pages: 400 of each template set, another seed
[ -d "$RUNS/gen-r-val" ] || $R make-reading-order-data --templates 2 --out "$RUNS/gen-r-val" --pages 400 --seed 12
[ -d "$RUNS/gen-r-t1val" ] || $R make-reading-order-data --out "$RUNS/gen-r-t1val" --pages 400 --seed 12
for v in train val t1val; do
  [ -d "$RUNS/r-$v" ] || $R make-reading-order-data --from synth --data "$RUNS/gen-r-$v" --out "$RUNS/r-$v"
  [ -d "$RUNS/r-$v-lines" ] || $R make-reading-order-data --from synth-lines --data "$RUNS/gen-r-$v" --out "$RUNS/r-$v-lines"
done
if [ ! -d "$RUNS/r-val-mixed" ]; then
  mkdir -p "$RUNS/r-val-mixed"
  cp "$RUNS"/r-val/*.json "$RUNS/r-val-mixed/"
  for f in "$RUNS"/r-val-lines/*.json; do cp "$f" "$RUNS/r-val-mixed/L$(basename "$f")"; done
  for f in "$RUNS"/r-t1val/*.json; do cp "$f" "$RUNS/r-val-mixed/T$(basename "$f")"; done
  for f in "$RUNS"/r-t1val-lines/*.json; do cp "$f" "$RUNS/r-val-mixed/TL$(basename "$f")"; done
fi
REPORT=""
SHARED=../shared/datasets
if [ -d "$SHARED/hrdoc_reading_order" ]; then
  [ -d "$RUNS/r-hrdoc" ] || $R make-reading-order-data --from hrdoc --data "$SHARED/hrdoc_reading_order" --out "$RUNS/r-hrdoc"
  REPORT="$REPORT $RUNS/r-hrdoc"
fi
if [ -d "$SHARED/nzz_newspaper_gt/xml" ]; then
  [ -d "$RUNS/r-nzz" ] || $R make-reading-order-data --from page-xml --data "$SHARED/nzz_newspaper_gt/xml" --out "$RUNS/r-nzz"
  REPORT="$REPORT $RUNS/r-nzz"
fi
# shellcheck disable=SC2086
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/train_order.py --rules --train "$RUNS/r-train" "$RUNS/r-train-lines" \
  --val "$RUNS/r-val-mixed" ${REPORT:+--report $REPORT} --epochs "$EPOCHS" --out "$RUNS/run-r"
# one more epoch from the last, at a lower peak learning rate
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/train_order.py --rules --init "$RUNS/run-r/epoch$EPOCHS.pt" --lr 2e-4 \
  --train "$RUNS/r-train" "$RUNS/r-train-lines" --val "$RUNS/r-val-mixed" --epochs 1 --out "$RUNS/run-r2"
# choose the decoding threshold on the synthetic validation pages, line pieces joined; export that model
# shellcheck disable=SC2086
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/select_order.py --run "$RUNS/run-r2" --val "$RUNS/r-val-mixed" \
  ${REPORT:+--report $REPORT} --join-pieces --rules-only --out "$OUT"
echo "model written to $OUT"
