#!/usr/bin/env python3
"""OpenBLAS SGEMM GFLOP/s through numpy, for side-by-side comparison with native/bench/gemm_bench.

Run:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/gemm_peers.py [--quick]
OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE force a slower kernel on these machines, so they must be
unset for this command only. Each thread count runs in a fresh subprocess because OpenBLAS reads
OPENBLAS_NUM_THREADS once at load time. Prints best-of-R timings (the machine is shared and noisy).
"""
import os
import subprocess
import sys

SQUARE = [256, 512, 1024, 2048]
# Training shapes: (label, M, K, N, transA, transB), same set as native/bench/gemm_bench.cc.
SHAPES = [
    ("mlp fwd [64,784]x[784,256]", 64, 784, 256, False, False),
    ("mlp fwd [64,256]x[256,128]", 64, 256, 128, False, False),
    ("dW A^T.B [784,64]x[64,256]", 784, 64, 256, True, False),
    ("dW A^T.B [256,64]x[64,128]", 256, 64, 128, True, False),
    ("dX A.B^T [64,256]x[256,784]", 64, 256, 784, False, True),
    ("dX A.B^T [64,128]x[128,256]", 64, 128, 256, False, True),
    ("conv1 [6,25]x[25,36864]", 6, 25, 576 * 64, False, False),
    ("conv2 [16,150]x[150,4096]", 16, 150, 64 * 64, False, False),
]

CHILD = r"""
import sys, time, numpy as np
quick = sys.argv[1] == '1'
def bench(a, b, flops):
    a @ b
    reps = max(3, min(200, int(2e9 / max(flops, 1))))
    best = float('inf')
    for _ in range(3 if quick else 7):
        t = time.perf_counter()
        for _ in range(reps):
            a @ b
        best = min(best, (time.perf_counter() - t) / reps)
    return flops / best / 1e9
rng = np.random.default_rng(0)
for n in %(square)r:
    a = rng.random((n, n), dtype=np.float32); b = rng.random((n, n), dtype=np.float32)
    print('N=%%d\t%%.1f' %% (n, bench(a, b, 2.0 * n ** 3)), flush=True)
for label, m, k, n, ta, tb in %(shapes)r:
    a = rng.random((k, m) if ta else (m, k), dtype=np.float32)
    b = rng.random((n, k) if tb else (k, n), dtype=np.float32)
    a = a.T if ta else a
    b = b.T if tb else b
    print('%%s\t%%.1f' %% (label, bench(a, b, 2.0 * m * n * k)), flush=True)
"""


def main():
    quick = "--quick" in sys.argv
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if var in os.environ:
            print(f"WARNING: {var}={os.environ[var]} is set; it forces a slower OpenBLAS kernel. "
                  f"Run with: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE", file=sys.stderr)
    try:
        import numpy  # noqa: F401
    except ImportError:
        print("numpy not installed (apt-get install python3-numpy): OpenBLAS peer skipped")
        return
    code = CHILD % {"square": SQUARE[:3] if quick else SQUARE, "shapes": SHAPES}
    results = {}
    for t in (1, 2):
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(t), OMP_NUM_THREADS=str(t))
        out = subprocess.run([sys.executable, "-c", code, "1" if quick else "0"], env=env,
                             check=True, capture_output=True, text=True).stdout
        for line in out.strip().splitlines():
            label, g = line.split("\t")
            results.setdefault(label, {})[t] = float(g)
    try:
        import numpy as np
        cfg = np.__config__.CONFIG["Build Dependencies"]["blas"]["name"]  # numpy >= 1.26
    except Exception:
        cfg = "system libblas (Debian alternative: " + os.path.realpath(
            "/usr/lib/x86_64-linux-gnu/libblas.so.3") + ")"
    print(f"OpenBLAS (numpy) SGEMM GFLOP/s, best of runs; BLAS: {cfg}")
    print(f"{'shape':32s} {'1 thread':>10s} {'2 threads':>10s}")
    for label, r in results.items():
        print(f"{label:32s} {r.get(1, 0):10.1f} {r.get(2, 0):10.1f}")


if __name__ == "__main__":
    main()
