"""Bad inputs for the GEDI and raster readers (issue 16).

Each case writes a small valid file with zlwork's own writers (`zlwork.gedi.write_gedi_l1b`, `write_gedi_h5`,
`write_gedi_l2b`, `write_gedi_table`, `zlwork.geo.write_geotiff`), corrupts it (truncate, flip bytes, drop a field,
wrong dtype, wrong length, wrong CRS) and checks that the reader raises zlwork's error class
(`GediFormatError` / `RasterFormatError`) naming the file and the field — never another exception, never a hang,
never a silently returned result. A fuzz test flips and truncates bytes of every format at random and accepts only a
validated result or a zlwork error.
"""
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

h5py = pytest.importorskip("h5py")
rasterio = pytest.importorskip("rasterio")
from affine import Affine  # noqa: E402

from zlwork import gedi, geo  # noqa: E402
from zlwork.gedi import GediFormatError  # noqa: E402
from zlwork.geo import RasterFormatError  # noqa: E402

TR = Affine(10, 0, 600_000, 0, -10, 5_300_000)   # 10 m pixels in UTM 32N
N_SHOTS = 6


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    "Valid files of every format, written by zlwork's own writers."
    d = tmp_path_factory.mktemp("valid")
    fp = gedi.synthetic_footprints(40)
    z = gedi.default_waveform_z()
    wf = np.exp(-0.5 * (z[None] - np.linspace(-1, 1, N_SHOTS)[:, None]) ** 2).astype(np.float32)
    dn = np.random.default_rng(0).integers(1, 5000, (10, 32, 32)).astype(np.uint16)
    s2 = geo.as_raster(dn, "EPSG:32632", TR, geo.S2_BANDS, nodata=None)
    return dict(
        l1b=gedi.write_gedi_l1b(d / "l1b.h5", wf, np.linspace(100, 200, N_SHOTS)),
        l1b2=gedi.write_gedi_l1b(d / "l1b_2shots.h5", wf[:2], [100.0, 120.0]),
        l2a=gedi.write_gedi_h5(fp, d / "l2a.h5"),
        l2b=gedi.write_gedi_l2b(d / "l2b.h5", np.linspace(0, 1, N_SHOTS), np.linspace(0, 5, N_SHOTS)),
        csv=gedi.write_gedi_table(fp, d / "fp.csv"),
        parquet=gedi.write_gedi_table(fp, d / "fp.parquet"),
        s2=geo.write_geotiff(s2, d / "S2_20210601.tif", "uint16", nodata=0, scales=[1e-4] * 10, offsets=[-0.1] * 10),
        scl=geo.write_geotiff(geo.as_raster(np.full((32, 32), 4, np.uint8), "EPSG:32632", TR, nodata=None),
                              d / "S2_20210601_SCL.tif", "uint8"),
        dn=dn)


# ---------------------------------------------------------------- ways to corrupt a file

def _copy(src: Path, out: Path, suffix: str) -> Path:
    p = out.with_suffix(suffix)
    shutil.copyfile(src, p)
    return p


def h5(key: str, edit):
    "A copy of HDF5 file `key` edited in place by `edit(f)`."
    def make(b, out):
        p = _copy(b[key], out, ".h5")
        with h5py.File(p, "a") as f: edit(f)
        return p
    return make


def replace(key: str, value):
    "An `edit` that replaces dataset `key` by `value`."
    def edit(f):
        del f[key]
        f[key] = value
    return edit


def delete(key: str):
    def edit(f): del f[key]
    return edit


def truncated(key: str, frac: float, suffix: str):
    def make(b, out):
        raw = b[key].read_bytes()
        p = out.with_suffix(suffix)
        p.write_bytes(raw[:int(len(raw) * frac)])
        return p
    return make


def flipped(key: str, offsets, suffix: str):
    "A copy of file `key` with the bytes at `offsets` inverted."
    def make(b, out):
        raw = bytearray(b[key].read_bytes())
        for i in offsets: raw[i] ^= 0xFF
        p = out.with_suffix(suffix)
        p.write_bytes(bytes(raw))
        return p
    return make


def raw_bytes(data: bytes, suffix: str):
    def make(b, out):
        p = out.with_suffix(suffix)
        p.write_bytes(data)
        return p
    return make


def table(key: str, edit, suffix: str | None = None):
    "A copy of GEDI table `key` (read as text for CSV) changed by `edit(df)`."
    def make(b, out):
        src = b[key]
        p = out.with_suffix(suffix or src.suffix)
        if src.suffix == ".csv":
            df = pd.read_csv(src, dtype=str)
            edit(df)
            df.to_csv(p, index=False)
        else:
            df = pd.read_parquet(src)
            edit(df)
            df.to_parquet(p)
        return p
    return make


def setcol(col, value, row=None):
    def edit(df):
        if row is None: df[col] = value
        else:
            df[col] = df[col].astype(object)
            df.loc[row, col] = value
    return edit


def tif(name: str, arr_fn, crs="EPSG:32632", transform=TR, bands=geo.S2_BANDS, dtype=None, **kw):
    "A GeoTIFF written by `geo.write_geotiff` from `arr_fn(base)`."
    def make(b, out):
        p = out.parent / name
        geo.write_geotiff(geo.as_raster(arr_fn(b), crs, transform, bands, nodata=None), p, dtype, **kw)
        return p
    return make


def tif_no_crs(b, out):
    p = out.with_suffix(".tif")
    with rasterio.open(p, "w", driver="GTiff", width=32, height=32, count=10, dtype="uint16", transform=TR) as ds:
        ds.write(b["dn"])
        for i, n in enumerate(geo.S2_BANDS): ds.set_band_description(i + 1, n)
    return p


def tif_nan_scale(b, out):
    p = _copy(b["s2"], out, ".tif")
    with rasterio.open(p, "r+") as ds: ds.scales = (float("nan"),) * 10
    return p


def band_folder_wrong_crs(b, out):
    "Single-band files, one of them (B03) in another UTM zone."
    folder = out.parent / (out.name + "_bands")
    folder.mkdir()
    for i, n in enumerate(geo.S2_BANDS):
        crs = "EPSG:32633" if n == "B03" else "EPSG:32632"
        geo.write_geotiff(geo.as_raster(b["dn"][i], crs, TR, nodata=None), folder / f"T32_20210601_{n}.tif", "uint16")
    return folder


def band_folder_missing(b, out):
    folder = out.parent / (out.name + "_bands")
    folder.mkdir()
    for i, n in enumerate(geo.S2_BANDS[:-1]):
        geo.write_geotiff(geo.as_raster(b["dn"][i], "EPSG:32632", TR, nodata=None), folder / f"T32_20210601_{n}.tif",
                          "uint16")
    return folder


def _l1b_empty_group(f):
    for k in list(f): del f[k]
    f.create_group("METADATA")


L1B, L2A, L2B = gedi.read_gedi_l1b, gedi.read_gedi_h5, gedi.read_gedi_l2b
TABLE, S2, SCL = gedi.read_gedi_table, geo.read_s2, geo.read_scl
G, R = GediFormatError, RasterFormatError
STR2 = np.array([b"1.0", b"2.0"])

# (case id, how to make the bad input, reader, error class, field the message must name (None: any), name in message)
CASES = [
    # GEDI L1B HDF5
    ("l1b_truncated", truncated("l1b", 0.5, ".h5"), L1B, G, None, None),
    ("l1b_not_hdf5", raw_bytes(b"shot,waveform\n1,2\n", ".h5"), L1B, G, "file", None),
    ("l1b_header_flipped", flipped("l1b", range(0, 8), ".h5"), L1B, G, "file", None),
    ("l1b_drop_rxwaveform", h5("l1b", delete("BEAM0101/rxwaveform")), L1B, G, "BEAM0101/rxwaveform", None),
    ("l1b_7_lastbins_for_2_shots", h5("l1b2", replace("BEAM0101/geolocation/elevation_lastbin", np.zeros(7))), L1B, G,
     "BEAM0101/geolocation/elevation_lastbin", None),
    ("l1b_start_index_float", h5("l1b", replace("BEAM0101/rx_sample_start_index", np.arange(N_SHOTS) * 128.0 + 1)),
     L1B, G, "BEAM0101/rx_sample_start_index", None),
    ("l1b_start_outside", h5("l1b", replace("BEAM0101/rx_sample_start_index", np.full(N_SHOTS, 10_000, np.uint64))),
     L1B, G, "BEAM0101/rx_sample_start_index", None),
    ("l1b_lat_text", h5("l1b2", replace("BEAM0101/geolocation/latitude_bin0", STR2)), L1B, G,
     "BEAM0101/geolocation/latitude_bin0", None),
    ("l1b_elevation_nan", h5("l1b", replace("BEAM0101/geolocation/elevation_bin0", np.full(N_SHOTS, np.nan))), L1B,
     G, "BEAM0101/geolocation/elevation_bin0", None),
    ("l1b_rxwaveform_2d", h5("l1b", replace("BEAM0101/rxwaveform", np.zeros((N_SHOTS, 128), np.float32))), L1B, G,
     "BEAM0101/rxwaveform", None),
    ("l1b_no_beams", h5("l1b", _l1b_empty_group), L1B, G, "BEAMxxxx groups", None),
    # GEDI L2A HDF5
    ("l2a_truncated", truncated("l2a", 0.6, ".h5"), L2A, G, None, None),
    ("l2a_rh_100_columns", h5("l2a", replace("BEAM0101/rh", np.zeros((20, 100), np.float32))), L2A, G,
     "BEAM0101/rh", None),
    ("l2a_unequal_lengths", h5("l2a", replace("BEAM0000/sensitivity", np.ones(23, np.float32))), L2A, G,
     "BEAM0000/sensitivity", None),
    ("l2a_drop_lat", h5("l2a", delete("BEAM0101/lat_lowestmode")), L2A, G, "BEAM0101/lat_lowestmode", None),
    ("l2a_lat_text", h5("l2a", replace("BEAM0000/lat_lowestmode", np.array([b"46.0"] * 20))), L2A, G,
     "BEAM0000/lat_lowestmode", None),
    ("l2a_projected_coords", h5("l2a", replace("BEAM0000/lon_lowestmode", np.full(20, 600_000.0))), L2A, G,
     "BEAM0000/lon_lowestmode", None),
    ("l2a_delta_time_nan", h5("l2a", replace("BEAM0101/delta_time", np.full(20, np.nan))), L2A, G,
     "BEAM0101/delta_time", None),
    ("l2a_superblock_flipped", flipped("l2a", range(0, 8), ".h5"), L2A, G, "file", None),
    # GEDI L2B HDF5
    ("l2b_cover3_pai2", h5("l2b", lambda f: (replace("BEAM0101/cover", np.ones(3))(f),
                                            replace("BEAM0101/pai", np.ones(2))(f),
                                            replace("BEAM0101/shot_number", np.arange(3, dtype=np.uint64))(f))),
     L2B, G, "BEAM0101/pai", None),
    ("l2b_cover_text", h5("l2b", replace("BEAM0101/cover", np.array([b"0.5"] * N_SHOTS))), L2B, G,
     "BEAM0101/cover", None),
    ("l2b_drop_shot_number", h5("l2b", delete("BEAM0101/shot_number")), L2B, G, "BEAM0101/shot_number", None),
    ("l2b_truncated", truncated("l2b", 0.3, ".h5"), L2B, G, None, None),
    # GEDI tables (CSV / GeoParquet)
    ("csv_rh98_tall", table("csv", setcol("rh98", "tall", row=3)), TABLE, G, "rh98", None),
    ("csv_lat_text", table("csv", setcol("lat", "46°N")), TABLE, G, "lat", None),
    ("csv_bad_date", table("csv", setcol("date", "2021-13-45", row=5)), TABLE, G, "date", None),
    ("csv_missing_date", table("csv", setcol("date", None, row=2)), TABLE, G, "date", None),
    ("csv_drop_sensitivity", table("csv", lambda df: df.pop("sensitivity")), TABLE, G, "sensitivity", None),
    ("csv_projected_lon", table("csv", setcol("lon", "600000.0")), TABLE, G, "lon", None),
    ("csv_empty", raw_bytes(b"", ".csv"), TABLE, G, "file", None),
    ("csv_not_utf8", raw_bytes(b"lat,lon\n\xff\xfe\x00\x81,1\n", ".csv"), TABLE, G, "file", None),
    ("parquet_truncated", truncated("parquet", 0.5, ".parquet"), TABLE, G, "file", None),
    ("parquet_rh98_text", table("parquet", setcol("rh98", "12.5")), TABLE, G, "rh98", None),
    ("parquet_drop_date", table("parquet", lambda df: df.pop("date")), TABLE, G, "date", None),
    ("table_unknown_format", truncated("csv", 1.0, ".xlsx"), TABLE, G, "file", None),
    # Sentinel-2 GeoTIFFs
    ("s2_truncated", truncated("s2", 0.3, ".tif"), S2, R, None, None),
    ("s2_tiff_magic_flipped", flipped("s2", range(0, 4), ".tif"), S2, R, "file", None),
    ("s2_complex_bands", tif("S2_complex.tif", lambda b: b["dn"].astype(np.complex64) + 1j), S2, R, "B02", None),
    ("s2_4326_metre_transform", tif("S2_4326.tif", lambda b: b["dn"], crs="EPSG:4326"), S2, R, "transform", None),
    ("s2_no_crs", tif_no_crs, S2, R, "crs", None),
    ("s2_missing_band", tif("S2_9bands.tif", lambda b: b["dn"][:9], bands=geo.S2_BANDS[:9]), S2, R, "B12", None),
    ("s2_nan_scales", tif_nan_scale, S2, R, "B02 scale/offset", None),
    ("s2_band_files_wrong_crs", band_folder_wrong_crs, S2, R, "crs", "T32_20210601_B03.tif"),
    ("s2_band_file_missing", band_folder_missing, S2, R, "B12", None),
    ("scl_float", tif("S2_SCL_float.tif", lambda b: np.full((32, 32), 4.5, np.float32), bands=None), SCL, R, "SCL",
     None),
    ("scl_truncated", truncated("scl", 0.2, ".tif"), SCL, R, None, None),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_zlwork_error_naming_file_and_field(case, base, tmp_path):
    cid, make, reader, err, fld, name = case
    p = make(base, tmp_path / cid)
    with pytest.raises(Exception) as ei:
        reader(p)
    e = ei.value
    assert type(e) is err, f"{cid}: expected {err.__name__}, got {type(e).__name__}: {e}"
    msg = str(e)
    assert (name or p.name) in msg, f"{cid}: the message does not name the file: {msg}"
    assert e.field and e.field in msg, f"{cid}: no field in {msg}"
    if fld is not None: assert e.field == fld, f"{cid}: names field {e.field!r}, expected {fld!r}: {msg}"


def test_at_least_25_cases():
    assert len(CASES) >= 25 and len({c[0] for c in CASES}) == len(CASES)


def test_valid_files_read(base):
    "The uncorrupted files read (so the cases above fail because of their corruption)."
    assert len(L1B(base["l1b"])) == N_SHOTS and len(L1B(base["l1b2"])) == 2
    assert len(L2A(base["l2a"])) == 40 == len(TABLE(base["csv"])) == len(TABLE(base["parquet"]))
    assert len(L2B(base["l2b"])["cover"]) == N_SHOTS
    assert S2(base["s2"], scl=base["scl"]).shape == (10, 32, 32)


# ---------------------------------------------------------------- fuzzing: validated result or zlwork error

def _valid_frame(g):
    for c in ("lat", "lon", "rh98", "quality_flag", "sensitivity"): assert g[c].dtype.kind in "biuf", c
    assert np.isfinite(g["lat"]).all() and (g["lat"].abs() <= 90).all() and (g["lon"].abs() <= 180).all()
    assert g["date"].dtype.kind == "M" and not g["date"].isna().any()
    assert str(g.crs) == "EPSG:4326"


def _valid_l1b(r):
    n = len(r.waveforms)
    for k in ("shot_number", "beam", "lat", "lon", "elev_bin0", "elev_lastbin", "noise_mean"):
        assert len(getattr(r, k)) == n, k
    assert np.isfinite(r.elev_bin0).all() and np.isfinite(r.elev_lastbin).all()


def _valid_l2b(r):
    n = len(r["shot_number"])
    assert all(len(r[k]) == n for k in ("cover", "pai", "beam"))
    assert r["cover"].dtype == np.float64 and r["pai"].dtype == np.float64


def _valid_s2(r):
    assert r.dtype == np.float32 and r.shape == (10, 32, 32) and r.rio.crs is not None


FUZZ = [("l1b", ".h5", L1B, _valid_l1b), ("l2a", ".h5", L2A, _valid_frame), ("l2b", ".h5", L2B, _valid_l2b),
        ("csv", ".csv", TABLE, _valid_frame), ("parquet", ".parquet", TABLE, _valid_frame), ("s2", ".tif", S2, _valid_s2)]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("fmt", FUZZ, ids=[f[0] for f in FUZZ])
def test_fuzzed_files_give_a_valid_result_or_a_zlwork_error(fmt, base, tmp_path):
    key, suffix, reader, valid = fmt
    raw = base[key].read_bytes()
    outcomes = {"ok": 0, "error": 0}
    for seed in range(60):
        rng = np.random.default_rng(seed)
        b = bytearray(raw)
        if seed % 3 == 0: b = b[:int(rng.integers(0, len(b)))]              # truncated
        else:
            for _ in range(int(rng.integers(1, 20))):                       # 1-19 flipped bytes
                i = int(rng.integers(0, len(b)))
                b[i] ^= int(rng.integers(1, 256))
        p = tmp_path / f"fuzz{seed}{suffix}"
        p.write_bytes(bytes(b))
        try: r = reader(p)
        except (GediFormatError, RasterFormatError) as e:
            assert p.name in str(e), f"seed {seed}: {e}"
            outcomes["error"] += 1
        except Exception as e:
            pytest.fail(f"{key} seed {seed}: {type(e).__name__} is not a zlwork error: {e}")
        else:
            valid(r)
            outcomes["ok"] += 1
        p.unlink()
    assert outcomes["error"] >= 20, outcomes   # every truncation and most flips are caught
