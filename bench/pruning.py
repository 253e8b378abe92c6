"""Pruning benchmark: sparsity → quality for one-shot pruning, PERP variants, full retraining, IMP and sparse
model soups, on a CNN (SmallCNN, real sklearn digits, test accuracy) and a char-level GPT (real CPython docs text,
validation perplexity). The experiment is `zlwork.soups.benchmark`; this prints a table and writes
bench/results/pruning.json (metrics keyed `model/method/sparsity`).

    python bench/pruning.py            # default sizes (a few minutes on a shared 2-core CPU)
    python bench/pruning.py --quick    # smoke-size run (use --out elsewhere to keep the stored results)

`--key value` overrides any setting of `zlwork.soups.BENCH_DEFAULTS` (e.g. `--sparsities 0.5 0.9 --steps 80`).
Timings are wall-clock seconds on whatever machine runs it (rough on a shared CPU)."""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
from zlwork.core import bench_cli  # noqa: E402
from zlwork.soups import benchmark, BENCH_DEFAULTS, BENCH_QUICK  # noqa: E402

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
