"""Canopy height benchmark on SYNTHETIC scenes (zlwork.geo.generate_scene).

1. Ablation (as in "Estimating Canopy Height at Scale"): plain L1 vs geolocation-robust shifted L1 loss, each with
   and without the 20° DEM-slope label filter, trained on a scene with ~10 m per-track GEDI geolocation error and a
   steep mountain; MAE / RMSE overall, for heights > 5 m and in steep terrain (> 20°), against the TRUE height map of
   an independent synthetic test scene.
2. Tiled inference throughput (pixels/s) of `predict_raster` with the Dask threaded scheduler, 1 vs 2 workers
   (torch limited to one thread per worker).

Usage: python bench/canopy.py [--quick]
"""
import argparse, os, sys, tempfile, time, warnings
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from zlwork import geo
from zlwork.canopy import (load_training_data, patch_dataset, train_canopy, predict_image, height_metrics,
                           predict_raster)
from zlwork.core import Result, resolve_device, machine_info

warnings.filterwarnings("ignore", category=FutureWarning)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small scenes and budget (about a minute or two on 2 CPU cores)")
    ap.add_argument("--device", default=None)
    ap.add_argument("--out", default="bench/results")
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    dev = resolve_device(a.device)
    size = 128 if a.quick else 192
    cfg = dict(size=size, n_tracks=80 if a.quick else 120, patch=48, n_patches=240 if a.quick else 400,
               epochs=6 if a.quick else 8, batch_size=16, base=8, depth=2, geoloc_offset=10.0,
               raster=256 if a.quick else 768, device=str(dev))
    work = Path(tempfile.mkdtemp(prefix="zlwork_canopy_bench_"))
    t_all = time.perf_counter()
    tr = geo.generate_scene(size=size, n_tracks=cfg["n_tracks"], seed=0, geoloc_offset=10.0)
    man = geo.write_scene(tr, work / "train")
    te = geo.generate_scene(size=size, n_tracks=4, seed=100, geoloc_offset=10.0)
    mte = geo.write_scene(te, work / "test")
    comp_te = geo.composite(geo.stack_s2(mte["s2"], mte["scl"]))
    truth = te.height_da().values
    steep = geo.slope_degrees(te.dem_da()).values > 20
    rows, models = [], {}
    for filt in (False, True):
        comp, fps = load_training_data(man["s2"], man["scl"], man["gedi_parquet"], man["dem"], max_slope=20.0 if filt else None)
        ds = patch_dataset(comp, fps, size=cfg["patch"], n=cfg["n_patches"], seed=0)
        for shifted in (False, True):
            t0 = time.perf_counter()
            m, _ = train_canopy(ds, epochs=cfg["epochs"], batch_size=cfg["batch_size"], shifted=shifted, base=cfg["base"],
                                depth=cfg["depth"], device=dev, progress=False)
            secs = time.perf_counter() - t0
            p = predict_image(m, comp_te, device=dev).values
            r = height_metrics(p, truth); s = height_metrics(p[steep], truth[steep])
            name = f"{'shifted' if shifted else 'plain'} L1, {'slope filter' if filt else 'no filter'}"
            rows.append(dict(config=name, labels=len(fps), mae=r["mae"], rmse=r["rmse"], mae_gt5=r["mae_gt5"],
                             rmse_gt5=r["rmse_gt5"], steep_rmse=s["rmse"], train_s=secs))
            models[(shifted, filt)] = m
    df = pd.DataFrame(rows).set_index("config")
    print("\nAblation on SYNTHETIC scenes (test scene truth, all pixels; metres):")
    print(df.round(2).to_string())
    # --- throughput ---
    big = geo.generate_scene(size=cfg["raster"], n_tracks=2, seed=11, dates_per_year=2)
    import xarray  # noqa
    refl = big.reflectance(list(big.s2)[0])
    src = geo.write_geotiff(refl, work / "big.tif", "float32", nodata=np.nan)
    model = models[(True, True)]
    thr = {}
    for w in (1, 2):
        st = predict_raster(model, src, work / f"h{w}.tif", tile=128, workers=w, read_kw=dict(scale=1.0),
                            progress=False, device=dev)
        thr[w] = st["pixels_per_s"]
        print(f"tiled inference {cfg['raster']}×{cfg['raster']} px, tile 128, overlap {st['overlap']}, {w} Dask worker(s): "
              f"{st['pixels_per_s']:,.0f} px/s ({st['seconds']:.1f} s)")
    metrics = {}
    for (cfgname, r) in df.iterrows():
        k = cfgname.replace(" L1, ", "_").replace(" ", "_")
        for col in ("mae", "rmse", "mae_gt5", "rmse_gt5", "steep_rmse"): metrics[f"{k}_{col}"] = round(float(r[col]), 3)
    metrics.update(px_per_s_1worker=round(thr[1], 1), px_per_s_2workers=round(thr[2], 1))
    res = Result("canopy", metrics, config=cfg, seconds=time.perf_counter() - t_all,
                 notes="SYNTHETIC scenes (zlwork.geo.generate_scene), not comparable to the paper's real-data numbers; "
                       "shared, loaded 2-core CPU: timings are rough." + (" --quick" if a.quick else ""))
    p = res.save(a.out)
    print(f"\nsaved {p}; total {res.seconds:.0f} s on {machine_info(dev)['device']}")
    import shutil; shutil.rmtree(work, ignore_errors=True)
    return res


if __name__ == "__main__":
    main()
