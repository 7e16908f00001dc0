#!/usr/bin/env bash
# Installs what Readout needs on Debian 12 when it is missing: Java 17, Maven, Tesseract with its
# language data (eng, deu, frk, osd), poppler-utils (pdftotext, the benchmark peer); for the API's tests a
# PostgreSQL server (postgresql) and headless Chromium with its WebDriver (chromium, chromium-driver).
# Idempotent: when everything is present it returns at once without touching apt.
set -euo pipefail
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in openjdk-17-jdk-headless maven tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-deu \
         tesseract-ocr-frk poppler-utils postgresql chromium chromium-driver; do
  have_pkg "$p" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "readout setup: installing ${need[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
