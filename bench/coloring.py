"""Benchmark for zlwork.coloring (Hadwiger–Nelson): training speed and the conflict rate reached in a fixed step budget.

Runs: k=7 diagonal on the hexagon period lattice (D=0.95) and on a square torus, k=6 off-diagonal (last colour avoids
d=0.45, inside the range where the paper reports 6-colourings) on a square torus, and k=4 diagonal (a sanity check:
every 4-colouring has a conflict rate >= 1.2%). Conflict rate = area fraction of points in conflict, exact per-point
test on the extracted grid colouring, estimated from uniform sample points (95% Clopper-Pearson interval).

    python bench/coloring.py            # full (a few minutes on a shared 2-core CPU)
    python bench/coloring.py --quick    # smoke run
    python bench/coloring.py --runs k7_hex_lattice --steps 500   # any key of BENCH_DEFAULTS
"""
from zlwork.core import bench_cli
from zlwork.coloring import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
