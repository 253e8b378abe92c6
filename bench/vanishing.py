"""Benchmark for zlwork.vanishing: fit time of OAVI / ABM / VCA as the number of samples m and features n grow
(SYNTHETIC points on a 2-D curve embedded in [0,1]^n), and the cut-layer pipeline table (SmallCNN on the real
scikit-learn digits vs truncated network + per-class vanishing polynomials + linear head).

    python bench/vanishing.py            # full run (a few minutes on a shared 2-core CPU)
    python bench/vanishing.py --quick    # smaller sizes
    python bench/vanishing.py --ms 500 2000 --cuts block3   # any key of BENCH_DEFAULTS
"""
from zlwork.core import bench_cli
from zlwork.vanishing import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
