"""Benchmark: neural parameter regression (NPR) vs DeepONet on the 1-D heat (or viscous Burgers) equation, SYNTHETIC
random initial conditions (`zlwork.npr.benchmark`; every key of `BENCH_DEFAULTS` is an option).

Both models are trained physics-informed with the same budget (steps, ICs and collocation points per step), then
evaluated by relative L2 error against the reference solver (exact spectral for heat, fine-grid FD for Burgers) on
held-out in-distribution ICs and two out-of-distribution families; finally each is fine-tuned on OOD ICs (error vs
steps, time to adapt).

    OMP_NUM_THREADS=1 python bench/npr.py            # full → bench/results/npr.json (a few minutes, 2-core CPU)
    OMP_NUM_THREADS=1 python bench/npr.py --quick    # smoke run (~1-2 minutes) → npr_quick.json
    OMP_NUM_THREADS=1 python bench/npr.py --pde burgers --steps 1000   # Burgers → bench/results/npr_burgers.json
"""
from zlwork.core import bench_cli
from zlwork.npr import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
