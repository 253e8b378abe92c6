"""Temporal canopy height benchmark on SYNTHETIC multi-year scenes (zlwork.geo.generate_scene + monthly_scene):
`zlwork.canopy_temporal.benchmark`.

Three models at matched parameter counts over >= 3 seeds: the 3-D U-Net over (month, y, x) (`UNet3D`), the 2-D
early-fusion U-Net (12 months as channels) and the 2-D single composite: `mae_{unet3d,early_fusion,single}_{mean,std}`
and the tall-tree bias `bias_30_40m_*` (mean prediction − truth where the truth is 30–40 m).
Per year: MAE / RMSE of the temporal model (canopy U-Net over 12 gap-filled monthly composites + validity masks)
vs the single-composite model (the same U-Net on the annual median), both trained on each year's GEDI footprints
(shifted Huber loss, 20° slope filter), against the TRUE height maps. Change detection (loss: drop > 5 m and > 50 %
of the height) between the first and last year against the generated clear-cut/storm masks: precision, recall,
random baseline, false-loss rate on stable forest. Plus the wall time of tiled per-year inference + change GeoTIFF
(predict_years_raster).

Usage: python bench/canopy_temporal.py [--quick] [--threads 1] [--key value ...] [--out bench/results]
"""
from zlwork.core import bench_cli
from zlwork.canopy_temporal import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
