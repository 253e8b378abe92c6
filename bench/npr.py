"""Benchmark: neural parameter regression (NPR, exact initial condition) vs its soft-IC ablation, a physics-informed
DeepONet, an FNO (neuraloperator's, from the optional `[pde]` extra, else a small one written in zlwork) and trivial
baselines (zero, persistence, and for Burgers the heat equation with the same viscosity), on the 1-D heat or viscous
Burgers equation with SYNTHETIC random initial conditions (`zlwork.npr.benchmark`; every key of `BENCH_DEFAULTS` is
an option).

Each learned model gets its own learning rate from a small sweep and the same budget (steps × 16 ICs); ≥ 3 seeds,
mean ± std. Also: the t = 0 error, inference time vs the reference solver at NPR's accuracy, OOD fine-tuning vs
training from scratch, and for Burgers the outside reference shipped in neuraloperator 0.3.0 (solver check + model
errors; `pip download --no-deps neuraloperator==0.3.0 -d ~/.cache/zlwork/data` provides it).

    OMP_NUM_THREADS=1 python bench/npr.py                # heat → bench/results/npr.json
    OMP_NUM_THREADS=1 python bench/npr.py --pde burgers  # Burgers (+ neuralop data) → bench/results/npr_burgers.json
    OMP_NUM_THREADS=1 python bench/npr.py --quick --out /tmp/benchq   # smoke run → npr_quick.json
"""
from zlwork.core import bench_cli
from zlwork.npr import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
