"""Benchmark for zlwork.coloring (Hadwiger–Nelson): colourings of the plane as the paper does them, exactly verified.

Measures: training speed (baseline and the paper's formulation); the baseline (pair loss, lattice GIVEN) on the hexagon
lattice and on square tori; the Hoffman–Soifer six-colouring of type (1,1,1,1,1,d) (exact certificate and sampled
conflict rate for d inside and outside [sqrt(2)-1, 1/sqrt(5)]); k=7 with the paper's loss and a lattice LEARNED from a
random start (best of `seeds`); and the off-diagonal conflict rate over a grid of d in [0.3, 0.7] for k=5 and k=6
(best of `seeds` per d, lattice learned; k=6 also starts from the k=5 colourings with a colour added). Conflict rate =
area fraction of points in conflict, exact per-point test on the extracted colouring, sampled, 95% Clopper-Pearson.

    python bench/coloring.py            # CPU default (about 15 minutes on a shared 2-core CPU)
    python bench/coloring.py --quick    # smoke run
    python bench/coloring.py --seeds 20 --k7-steps 10000 --batch-size 2048 --curve-method conditioned \\
        --curve-steps 10000 --device cuda   # the paper's size (zlwork.coloring.BENCH_GPU)
"""
from zlwork.core import bench_cli
from zlwork.coloring import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
