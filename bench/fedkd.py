"""Benchmark: byzantine-resilient federated distillation (zlwork.fedkd) on the real scikit-learn digits.

Grid of attack × aggregator × byzantine fraction → final server test accuracy, the centralised reference, HIPS
obfuscation vs. detection, and rounds per second (`zlwork.fedkd.benchmark`; every key of `BENCH_DEFAULTS` is an option).

    OMP_NUM_THREADS=1 python bench/fedkd.py               # full grid → bench/results/fedkd.json (~8 min, 2-core CPU)
    OMP_NUM_THREADS=1 python bench/fedkd.py --quick       # a few cells (~1 minute) → fedkd_quick.json
    OMP_NUM_THREADS=1 python bench/fedkd.py --alpha 0.5   # non-IID clients (Dirichlet label skew) → fedkd_alpha0.5.json
    OMP_NUM_THREADS=1 python bench/fedkd.py --alpha 0.5 --expguard-base geomedian
                                          # ExpGuard only → fedkd_alpha0.5_expguard_geomedian.json

One torch thread (`OMP_NUM_THREADS=1`, or `--threads 1`) is the setting of the published rounds per second.
"""
from zlwork.core import bench_cli
from zlwork.fedkd import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
