"""Canopy height benchmark on SYNTHETIC scenes (zlwork.geo.generate_scene): `zlwork.canopy.benchmark`.

1. Ablation (as in "Estimating Canopy Height at Scale"): plain L1 vs geolocation-robust shifted L1 loss, each with
   and without the 20° DEM-slope label filter, trained on a scene with ~10 m per-track GEDI geolocation error and a
   steep mountain; MAE / RMSE overall, for heights > 5 m and in steep terrain (> 20°), against the TRUE height map of
   an independent synthetic test scene.
2. Tiled inference throughput (pixels/s) of `predict_raster` with the Dask threaded scheduler, 1 vs 2 workers
   (the recorded numbers ran with one torch thread per worker: `--threads 1` or OMP_NUM_THREADS=1).
3. Shifted-loss gain vs the true GEDI geolocation error (every track misplaced by exactly 0, 5, 10, 20 m):
   `shift_gain_mae_{e}m` = MAE(plain) − MAE(paper's per (patch, granule) shifted Huber), and
   `shift_gain_track_mae_{e}m` for the per-track variant (0 m must show no gain).
The shifted loss is the paper's (per patch × granule, radius 1, groups < 5 labels unshifted); the scenes draw each
track's geolocation error from a 2-D normal with ~10 m radial RMS.

Usage: python bench/canopy.py [--quick] [--threads 1] [--key value ...] [--out bench/results]
"""
from zlwork.core import bench_cli
from zlwork.canopy import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
