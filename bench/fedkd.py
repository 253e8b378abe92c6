"""Benchmark: byzantine-resilient federated distillation (zlwork.fedkd, zlwork.fedkd_flower) on the real Fashion-MNIST.

3 seeds × IID / Dirichlet(0.5) / Dirichlet(0.1) splits × clean, LMA and CPA (10/20/30 % byzantine IID, 30 % non-IID),
HIPS-LMA and HIPS-CPA at 30 % × aggregators (mean, median, Filter, Cronus, ExpGuard on each base), the centralised and
FedAvg references → final server test accuracy, mean ± std over seeds (`acc_mean/…`, `acc_std/…` keys), attack ×
aggregator tables, the figure bench/results/fedkd.png (accuracy vs. byzantine fraction per aggregator, IID), and the
engines compared: in process vs. Flower's simulation engine (`engine_agreement`, rounds per second; needs the `fl`
extra). Every key of `BENCH_DEFAULTS` is an option (`zlwork.fedkd_flower.benchmark`).

    OMP_NUM_THREADS=1 python bench/fedkd.py            # full run → bench/results/fedkd.json + fedkd.png (~20 min, 2 cores)
    OMP_NUM_THREADS=1 python bench/fedkd.py --quick    # smoke run (2 seeds, 2 splits, 2 rounds) → fedkd_quick.json

Fashion-MNIST is subsampled (1,000 public, 3,000 private, 2,000 test images) and the model is a one-hidden-layer MLP,
so that the full run fits a shared CPU. One torch thread (`OMP_NUM_THREADS=1`) is the setting of the published timings.
"""
from zlwork.core import bench_cli
from zlwork.fedkd_flower import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
