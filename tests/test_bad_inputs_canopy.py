"""Bad-input table for `zlwork.canopy` and `zlwork.canopy_temporal` (issue 16): bad `predict_raster` /
`predict_years_raster` / `write_change_raster` / `train_canopy` arguments, corrupted, forged and badly configured
model checkpoints, and mismatched rasters. Every case expects a zlwork error class (`ValueError` or
`CheckpointError`) whose message names the argument or the file, and that nothing was written or run."""
import hashlib, io, json, os
from pathlib import Path

import numpy as np
import pytest
import torch

from zlwork import geo
from zlwork.core import CheckpointError, save_checkpoint
from zlwork.canopy import CanopyNet, save_model, load_model, predict_raster, train_canopy
from zlwork.canopy_temporal import predict_years_raster, write_change_raster

CRS, TRANSFORM = "EPSG:32632", (10.0, 0.0, 600000.0, 0.0, -10.0, 5300000.0)


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return CanopyNet(base=4, depth=2).eval()          # the 10 S2 bands, stride 4


def _raster(path: Path, n_bands: int = 10, size: int = 16, crs=CRS, names=None) -> Path:
    data = np.random.default_rng(0).random((n_bands, size, size), dtype=np.float32)
    names = names or list(geo.S2_BANDS[:n_bands])
    if crs is not None:
        return geo.write_geotiff(geo.as_raster(data, crs, TRANSFORM, names), path, "float32", overwrite=True)
    import rasterio
    with rasterio.open(path, "w", driver="GTiff", height=size, width=size, count=n_bands, dtype="float32") as f:
        f.write(data)
        for i, n in enumerate(names): f.set_band_description(i + 1, n)
    return path


@pytest.fixture(scope="module")
def src(tmp_path_factory):
    return _raster(tmp_path_factory.mktemp("src") / "composite.tif")


@pytest.fixture(scope="module")
def dataset():
    X = torch.rand(4, 10, 16, 16)
    y = torch.full((4, 16, 16), float("nan"))
    y[:, 4:12:4, 4:12:4] = 10.0
    g = torch.where(torch.isfinite(y), 0.0, -1.0)
    return torch.utils.data.TensorDataset(X, torch.stack([y, g], 1))


# ---- arguments: (function of (model, src, dataset, tmp_path), message fragments) -> ValueError ----
def _pr(**kw):
    return lambda m, s, d, t: predict_raster(m, s, t / "h.tif", progress=False, read_kw=dict(scale=1.0), **kw)


def _tr(**kw):
    return lambda m, s, d, t: train_canopy(d, epochs=kw.pop("epochs", 1), batch_size=kw.pop("batch_size", 2),
                                           base=4, depth=2, progress=False, **kw)


def _pyr(**kw):
    def run(m, s, d, t):
        return predict_years_raster(m, {2021: s, 2022: s}, t / "years", progress=False, **kw)
    return run


ARG_CASES = {
    "predict_raster tile=-8 (wrote all-NaN)": (_pr(tile=-8), ["tile", "-8"]),
    "predict_raster tile=0": (_pr(tile=0), ["tile"]),
    "predict_raster tile=2.5": (_pr(tile=2.5), ["tile"]),
    "predict_raster tile not a stride multiple": (_pr(tile=6), ["tile 6", "stride 4"]),
    "predict_raster overlap=-8 (lost nodata)": (_pr(overlap=-8), ["overlap", "-8"]),
    "predict_raster overlap not a stride multiple": (_pr(overlap=2), ["overlap 2", "stride"]),
    "predict_raster workers=0": (_pr(workers=0), ["workers"]),
    "predict_raster memory_budget_mb=-1": (_pr(memory_budget_mb=-1), ["memory_budget_mb"]),
    "train_canopy batch_size=0 (ZeroDivisionError)": (_tr(batch_size=0), ["batch_size"]),
    "train_canopy epochs=0": (_tr(epochs=0), ["epochs"]),
    "train_canopy lr=0": (_tr(lr=0.0), ["lr"]),
    "train_canopy lr=nan": (_tr(lr=float("nan")), ["lr"]),
    "train_canopy radius=-1": (_tr(radius=-1), ["radius"]),
    "train_canopy warmup_epochs=-1": (_tr(warmup_epochs=-1), ["warmup_epochs"]),
    "train_canopy unknown loss": (_tr(loss="l3"), ["unknown loss", "l3"]),
    "train_canopy 3-D patches": (lambda m, s, d, t: train_canopy(torch.utils.data.TensorDataset(
        torch.rand(4, 10, 16), torch.rand(4, 2, 16)), progress=False), ["training patches"]),
    "predict_years_raster tile=-8": (_pyr(tile=-8), ["predict_years_raster", "tile"]),
    "predict_years_raster workers=0": (_pyr(workers=0), ["workers"]),
    "predict_years_raster smooth=0": (_pyr(smooth=0), ["smooth"]),
    "predict_years_raster threshold=-1": (_pyr(threshold=-1.0), ["threshold"]),
    "predict_years_raster one year": (lambda m, s, d, t: predict_years_raster(m, {2021: s}, t / "years"),
                                      ["at least two years"]),
    "write_change_raster tile=0": (lambda m, s, d, t: write_change_raster(s, s, t / "c.tif", tile=0), ["tile"]),
    "write_change_raster smooth=-1": (lambda m, s, d, t: write_change_raster(s, s, t / "c.tif", smooth=-1),
                                      ["smooth"]),
}


@pytest.mark.parametrize("case", list(ARG_CASES))
def test_bad_argument(case, model, src, dataset, tmp_path):
    call, parts = ARG_CASES[case]
    with pytest.raises(ValueError) as e:
        call(model, src, dataset, tmp_path)
    for p in parts: assert p in str(e.value), (p, str(e.value))
    assert not list(tmp_path.iterdir()), f"something was written: {list(tmp_path.iterdir())}"


# ---- model checkpoints: (make(path, model), message fragments) -> CheckpointError naming the file ----
class _Evil:
    def __init__(self, marker): self.marker = marker
    def __reduce__(self): return (os.system, (f"touch {self.marker}",))


def _forge(p: Path, obj, fmt="zlwork-checkpoint-v2", kind="canopy-model"):
    "A file with a valid-looking header (right size and checksum) around `obj` pickled by torch.save."
    buf = io.BytesIO()
    torch.save(obj, buf)
    payload = buf.getvalue()
    h = json.dumps(dict(format=fmt, kind=kind, meta={}, size=len(payload),
                        sha256=hashlib.sha256(payload).hexdigest())).encode()
    p.write_bytes(len(h).to_bytes(8, "little") + h + payload)


def _truncate(p, m):
    raw = save_model(m, p).read_bytes()
    p.write_bytes(raw[: len(raw) // 2])


def _flip(p, m):
    raw = bytearray(save_model(m, p).read_bytes())
    raw[-100] ^= 0xFF
    p.write_bytes(bytes(raw))


def _with_config(**over):
    def make(p, m):
        cfg = {} if over.get("empty") else {**m.config, **{k: v for k, v in over.items() if k != "empty"}}
        save_checkpoint(dict(state=m.state_dict(), config=cfg), p, kind="canopy-model")
    return make


CKPT_CASES = {
    "truncated file": (_truncate, ["checksum mismatch"]),
    "flipped byte": (_flip, ["checksum mismatch"]),
    "empty file": (lambda p, m: p.write_bytes(b""), ["truncated"]),
    "v1 header (full pickle)": (lambda p, m: _forge(p, {"config": m.config}, fmt="zlwork-checkpoint-v1"),
                                ["old format"]),
    "malicious pickle, valid header": (lambda p, m: _forge(p, {"state": _Evil(p.parent / "pwned")}),
                                       ["nothing was run"]),
    "a module instead of a state_dict": (lambda p, m: _forge(p, {"state": m, "config": m.config}), ["refused"]),
    "empty config (was KeyError: 'bands')": (_with_config(empty=True), ["config field 'bands' is missing"]),
    "config without depth": (lambda p, m: save_checkpoint(
        dict(state=m.state_dict(), config=dict(bands=m.config["bands"], base=4)), p, kind="canopy-model"),
        ["config field 'depth' is missing"]),
    "bands not a list": (_with_config(bands="B02"), ["'bands' must be a list"]),
    "depth a string": (_with_config(depth="2"), ["'depth' must be a int"]),
    "absurd width": (_with_config(base=10 ** 6), ["out of range"]),
    "config does not fit the weights": (_with_config(depth=3), ["do not fit"]),
    "custom backbone flag": (_with_config(custom_backbone=True), ["custom backbone"]),
    "no state": (lambda p, m: save_checkpoint(dict(config=m.config), p, kind="canopy-model"),
                 ["field 'state' is missing"]),
    "not a dict": (lambda p, m: save_checkpoint([1, 2], p, kind="canopy-model"), ["expected a dict"]),
    "training checkpoint": (lambda p, m: save_checkpoint(dict(model=m.state_dict()), p, kind="canopy-train"),
                            ["expected a 'canopy-model'"]),
}


@pytest.mark.parametrize("case", list(CKPT_CASES))
def test_bad_model_checkpoint(case, model, tmp_path):
    make, parts = CKPT_CASES[case]
    p = tmp_path / "model.ckpt"
    make(p, model)
    with pytest.raises(CheckpointError) as e:
        load_model(p)
    assert "model.ckpt" in str(e.value), str(e.value)
    for s in parts: assert s in str(e.value), (s, str(e.value))
    assert not (tmp_path / "pwned").exists(), "a payload ran"


def test_resume_from_a_training_checkpoint_without_fields(dataset, tmp_path):
    p = tmp_path / "train.ckpt"
    save_checkpoint(dict(model={}, epoch=1), p, kind="canopy-train")
    with pytest.raises(CheckpointError, match="train.ckpt: field 'opt' is missing"):
        train_canopy(dataset, epochs=2, batch_size=2, base=4, depth=2, checkpoint=p, progress=False)


# ---- mismatched rasters -> ValueError naming the file(s) ----
RASTER_CASES = {
    "five of ten bands": (lambda m, t: predict_raster(m, _raster(t / "five.tif", 5), t / "h.tif", progress=False),
                          ["five.tif", "lacks band(s)", "B8A"]),
    "unnamed bands": (lambda m, t: predict_raster(m, _raster(t / "anon.tif", names=[f"x{i}" for i in range(10)]),
                                                  t / "h.tif", progress=False), ["anon.tif", "lacks band(s)"]),
    "no CRS": (lambda m, t: predict_raster(m, _raster(t / "nocrs.tif", crs=None), t / "h.tif", progress=False),
               ["nocrs.tif", "no CRS"]),
    "change rasters on two grids": (lambda m, t: write_change_raster(
        _raster(t / "a.tif", 1), _raster(t / "b.tif", 1, size=12), t / "c.tif"), ["a.tif", "b.tif", "one grid"]),
    "year series on two grids": (lambda m, t: predict_years_raster(
        m, {2021: _raster(t / "s21.tif"), 2022: _raster(t / "s22.tif", size=24)}, t / "out", progress=False),
        ["s22.tif", "s21.tif", "one grid"]),
}


@pytest.mark.parametrize("case", list(RASTER_CASES))
def test_mismatched_rasters(case, model, tmp_path):
    call, parts = RASTER_CASES[case]
    before = set(tmp_path.iterdir())
    with pytest.raises(ValueError) as e:
        call(model, tmp_path)
    for s in parts: assert s in str(e.value), (s, str(e.value))
    new = {p.name for p in set(tmp_path.iterdir()) - before} - {"five.tif", "anon.tif", "nocrs.tif", "a.tif",
                                                                  "b.tif", "s21.tif", "s22.tif"}
    assert not new, f"outputs were written: {new}"
