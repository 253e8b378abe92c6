"""Canopy height benchmark on SYNTHETIC scenes (zlwork.geo.generate_scene): `zlwork.canopy.benchmark`.

1. Ablation (as in "Estimating Canopy Height at Scale"): plain L1 vs geolocation-robust shifted L1 loss, each with
   and without the 20° DEM-slope label filter, trained on a scene with ~10 m per-track GEDI geolocation error and a
   steep mountain; MAE / RMSE overall, for heights > 5 m and in steep terrain (> 20°), against the TRUE height map of
   an independent synthetic test scene.
2. Tiled inference throughput (pixels/s) of `predict_raster` with the Dask threaded scheduler, 1 vs 2 workers
   (the recorded numbers ran with one torch thread per worker: `--threads 1` or OMP_NUM_THREADS=1).

Usage: python bench/canopy.py [--quick] [--threads 1] [--key value ...] [--out bench/results]
"""
from zlwork.core import bench_cli
from zlwork.canopy import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
