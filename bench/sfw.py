"""Benchmark: compression-aware training with Stochastic Frank-Wolfe (`zlwork.sfw.benchmark`).

Trains SmallCNN (no BatchNorm, width 16) on the real scikit-learn digits with SGD(+wd), SGD + group-lasso /
nuclear-norm proximal steps, SFW over group k-support balls and SFW over spectral k-support balls; prints test
accuracy dense, after filter pruning at several ratios and after truncated SVD at several ranks (no retraining),
and the time per epoch of SFW vs SGD; two extra rows train SFW-group without the paper's gradient rescaling of
the step size (plain `lr`, and `lr/diameter`) to show what the rescaling buys (`--no-variants` drops them).

    python bench/sfw.py                # 20 epochs per method → bench/results/sfw.json
    python bench/sfw.py --quick        # 6 epochs → sfw_quick.json (use --out elsewhere to keep the stored results)

`--key value` overrides any setting of `zlwork.sfw.BENCH_DEFAULTS` (e.g. `--epochs 40 --width 32`)."""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
from zlwork.core import bench_cli  # noqa: E402
from zlwork.sfw import benchmark, BENCH_DEFAULTS, BENCH_QUICK  # noqa: E402

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
