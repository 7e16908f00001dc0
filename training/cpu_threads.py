"""CPU thread settings for the training scripts; call before torch is imported (the libraries read them at load)."""
import os


def limit(threads):
    """OpenMP/OpenBLAS/MKL to `threads` threads (unless set already), and passive OpenMP waiting: libgomp's default
    spin-waiting starves OpenBLAS's own threads on a shared 2-core box (2-5x slower steps)."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(threads))
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
