"""Benchmark: compression-aware training with Stochastic Frank-Wolfe (`zlwork.sfw.benchmark`), as real compression.

Trains SmallCNN (BatchNorm kept, as the official code) on a real Fashion-MNIST subset with SGD(+wd), SGD + group-lasso
/ nuclear-norm proximal steps, SFW over a plain L2 ball (ablation), group k-support and spectral k-support balls (and
SGD / SFW-group without BatchNorm), >= 3 seeds; then physically removes filters (smaller conv / BN / next layer) and
factorises convolutions into two (truncated SVD) WITHOUT retraining, and reports test accuracy (mean ± std), parameters,
FLOPs and CPU latency of the compressed models, the group structure's share of SFW's gain over SGD, and a learning-rate
sweep of SFW-group with and without gradient rescaling.

    python bench/sfw.py                # → bench/results/sfw.json (about 10 minutes on a shared 2-core CPU)
    python bench/sfw.py --quick        # → sfw_quick.json (use --out elsewhere to keep the stored results)

`--key value` overrides any setting of `zlwork.sfw.BENCH_DEFAULTS` (e.g. `--seeds 0 1 2 3 --epochs 10`)."""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
from zlwork.core import bench_cli  # noqa: E402
from zlwork.sfw import benchmark, BENCH_DEFAULTS, BENCH_QUICK  # noqa: E402

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
