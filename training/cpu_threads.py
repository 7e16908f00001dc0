"""CPU settings for the training scripts; call before torch is imported (the libraries read them at load).

Two measured facts about this kind of machine (2026-12-06, AMD EPYC with AVX-512 BF16, Debian's torch 1.13, one
MiniLM training step of 16 x 384 tokens, `training/bench_step.py`):
- glibc's malloc returns every large tensor to the OS and page-faults it back on the next step (an attention map of
  16 x 12 x 384 x 384 floats is 113 MB): with tcmalloc preloaded a step takes 5.5 s instead of 20.9 s (fp32).
- bfloat16 autocast runs the matrix products on the CPU's BF16 units: 1.8 s a step with tcmalloc and no dropout on
  the attention map (whose random mask alone cost ~3 s), against 20.9 s before — 11.7x (8.4x in a second
  measurement, 19.4 s -> 2.3 s; docs/benchmarks.md).
"""
import os
import sys

TCMALLOC = ("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", "/usr/lib/x86_64-linux-gnu/libtcmalloc.so.4")


def limit(threads):
    """OpenMP/OpenBLAS/MKL to `threads` threads (unless set already), and passive OpenMP waiting: libgomp's default
    spin-waiting starves OpenBLAS's own threads on a shared 2-core box (2-5x slower steps)."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(threads))
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def fast_malloc():
    """Re-executes this script with tcmalloc preloaded (package libtcmalloc-minimal4, installed by setup.sh) unless it
    is already, or READOUT_NO_TCMALLOC is set, or the library is missing (then it goes on with glibc, ~4x slower)."""
    if os.environ.get("READOUT_NO_TCMALLOC") or "tcmalloc" in os.environ.get("LD_PRELOAD", ""):
        return
    lib = next((p for p in TCMALLOC if os.path.exists(p)), None)
    if lib is None:
        print("cpu_threads: tcmalloc not installed (apt-get install libtcmalloc-minimal4): training runs ~4x slower",
              file=sys.stderr)
        return
    env = dict(os.environ, LD_PRELOAD=(lib + " " + os.environ.get("LD_PRELOAD", "")).strip())
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def bf16_supported():
    """Whether the CPU has bfloat16 dot-product instructions (AVX-512 BF16 or AMX), where autocast pays."""
    try:
        flags = open("/proc/cpuinfo").read()
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def add_args(ap, attention_dropout_default):
    """The two speed switches of the training scripts: --bf16 and --attention-dropout."""
    ap.add_argument("--bf16", choices=["auto", "on", "off"], default="off",
                    help="bfloat16 autocast for training (auto: where the CPU has BF16 units; ~3x faster there)")
    ap.add_argument("--attention-dropout", type=float, default=attention_dropout_default,
                    help="dropout on the attention map (0 saves ~30%% of a CPU step)")


def use_bf16(choice):
    """--bf16 auto|on|off -> bool."""
    return choice == "on" or (choice == "auto" and bf16_supported())
