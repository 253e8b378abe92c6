"""Temporal canopy height benchmark on SYNTHETIC multi-year scenes (zlwork.geo.generate_scene + monthly_scene).

Per year: MAE / RMSE of the temporal model (canopy U-Net over 12 gap-filled monthly composites + validity masks)
vs the single-composite model (the same U-Net on the annual median), both trained on each year's GEDI footprints
(shifted Huber loss, 20° slope filter), against the TRUE height maps. Change detection (loss: drop > 5 m and > 50 % of the height) between
the first and last year against the generated clear-cut/storm masks: precision, recall, random baseline, false-loss
rate on stable forest. Plus the wall time of tiled per-year inference + change GeoTIFF (predict_years_raster).

Usage: python bench/canopy_temporal.py [--quick]
"""
import argparse, tempfile, time, warnings
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from zlwork import geo
from zlwork.canopy_temporal import (monthly_scene, scene_stack, build_inputs, train_temporal, predict_years, year_metrics,
                                    change_map, change_metrics, disturbance_truth, write_series, predict_years_raster)
from zlwork.core import Result, resolve_device

warnings.filterwarnings("ignore")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="one small scene (about a minute on 2 CPU cores)")
    ap.add_argument("--device", default=None)
    ap.add_argument("--out", default="bench/results")
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    dev = resolve_device(a.device)
    years = (2021, 2022, 2023)
    cfg = dict(size=128 if a.quick else 160, seeds=[3] if a.quick else [3, 4], n_tracks=60 if a.quick else 80,
               n_per_year=120 if a.quick else 200, epochs=8 if a.quick else 10, base=8, depth=2, loss="huber",
               threshold_m=5.0, min_rel_loss=0.5, years=list(years), device=str(dev))
    t_all = time.perf_counter(); rows, crow, ras = [], [], []
    for seed in cfg["seeds"]:
        sc = geo.generate_scene(size=cfg["size"], years=years, n_tracks=cfg["n_tracks"], seed=seed, storm_prob=1.0, clearcut_rate=0.1)
        ser, comp = build_inputs(scene_stack(monthly_scene(sc, seed=seed)), years)
        kw = dict(n_per_year=cfg["n_per_year"], epochs=cfg["epochs"], base=cfg["base"], depth=cfg["depth"], loss=cfg["loss"],
                  slope=geo.slope_degrees(sc.dem_da()), device=dev, progress=False)
        maps = {}
        for name, inp in [("temporal", ser), ("single composite", comp)]:
            t0 = time.perf_counter(); m, _ = train_temporal(inp, sc.gedi, **kw); secs = time.perf_counter() - t0
            maps[name] = predict_years(m, inp, device=dev)
            for y, r in year_metrics(maps[name], sc.height).iterrows():
                rows.append(dict(scene=seed, model=name, year=y, mae=r.mae, rmse=r.rmse, bias=r.bias, train_s=secs))
            _, cls = change_map(maps[name][years[0]].values, maps[name][years[-1]].values, cfg["threshold_m"],
                                    min_rel_loss=cfg["min_rel_loss"])
            cm = change_metrics(cls, disturbance_truth(sc, years[0], years[-1]), sc.forest_type > 0)
            crow.append(dict(scene=seed, model=name, **cm))
            if name == "temporal":
                d = Path(tempfile.mkdtemp(prefix="zlwork_ct_bench_"))
                sp = {y: write_series(ser[y], d / f"series_{y}.tif") for y in years}
                t0 = time.perf_counter(); predict_years_raster(m, sp, d / "out", tile=64, workers=2, progress=False, device=dev)
                ras.append(time.perf_counter() - t0)
    df = pd.DataFrame(rows); ch = pd.DataFrame(crow)
    per_year = df.groupby(["model", "year"])[["mae", "rmse"]].mean().unstack(0).round(2)
    print("Per-year height error vs TRUE SYNTHETIC maps (mean over scenes):"); print(per_year.to_string())
    chs = ch.groupby("model")[["precision", "recall", "random_precision", "random_recall", "false_loss_rate"]].mean().round(3)
    print(f"\nLoss detection {years[0]}→{years[-1]} (drop > {cfg['threshold_m']} m and > {cfg['min_rel_loss']:.0%}):"); print(chs.to_string())
    mt = df.groupby("model")[["mae", "rmse"]].mean()
    secs = time.perf_counter() - t_all
    print(f"\ntiled inference, {len(years)} years of {cfg['size']}×{cfg['size']} px + change GeoTIFF: {np.mean(ras):.1f} s; total {secs:.0f} s "
          f"(shared 2-core CPU, timings rough)")
    metrics = dict(mae_temporal=float(mt.loc["temporal", "mae"]), mae_single=float(mt.loc["single composite", "mae"]),
                   rmse_temporal=float(mt.loc["temporal", "rmse"]), rmse_single=float(mt.loc["single composite", "rmse"]),
                   years_temporal_better=int((df[df.model == "temporal"].set_index(["scene", "year"]).mae <
                                               df[df.model == "single composite"].set_index(["scene", "year"]).mae).sum()),
                   years_total=int(len(df) // 2),
                   loss_precision=float(chs.loc["temporal", "precision"]), loss_recall=float(chs.loc["temporal", "recall"]),
                   random_precision=float(chs.loc["temporal", "random_precision"]), random_recall=float(chs.loc["temporal", "random_recall"]),
                   false_loss_rate=float(chs.loc["temporal", "false_loss_rate"]), raster_seconds=float(np.mean(ras)))
    for (mdl, y), r in df.groupby(["model", "year"])[["mae"]].mean().iterrows():
        metrics[f"mae_{y}_{'temporal' if mdl == 'temporal' else 'single'}"] = float(r.mae)
    print(Result("canopy_temporal", metrics, cfg, seconds=secs,
                 notes="SYNTHETIC scenes (geo.generate_scene multi-year + monthly_scene phenology/sun/clouds); "
                       "shared 2-core CPU" + (" --quick" if a.quick else "")).save(a.out))


if __name__ == "__main__":
    main()
