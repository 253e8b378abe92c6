"""Pruning benchmark, Sparse Model Soups part: on real Fashion-MNIST, a small ResNet pruned to 70 / 80 / 90 %,
m = 4 ingredients retrained from the same pruned model (varied seed, learning rate, weight decay, length,
augmentation), uniform and greedy soups vs the best single ingredient vs IMP at equal total retraining, one-shot and
multi-phase, >= 3 seeds (mean ± std of test accuracy and log-loss), plus an interpolation-barrier check. The
experiment is `zlwork.soups.benchmark`; it writes bench/results/pruning.json (`soups_*` keys). The language-model
part (`llm_*` keys) is added by bench/pruning_llm.py with `--merge`.

    python bench/pruning.py            # default sizes (about 20 minutes on a shared 2-core CPU)
    python bench/pruning.py --quick    # smoke-size run (use --out elsewhere to keep the stored results)
    python bench/pruning.py --merge    # keep the llm_* keys already in the file
    python bench/pruning.py --merge --prefix soups_long --retrain-steps 150 --sparsities 0.9 --no-multiphase
                                       # the stored second configuration (5x longer retraining, soups_long_* keys)

`--key value` overrides any setting of `zlwork.soups.BENCH_DEFAULTS` (e.g. `--seeds 0 1 2 3 --retrain-steps 80`).
Timings are wall-clock seconds on whatever machine runs it (rough on a shared CPU)."""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
from zlwork.core import bench_cli  # noqa: E402
from zlwork.soups import benchmark, BENCH_DEFAULTS, BENCH_QUICK  # noqa: E402

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
