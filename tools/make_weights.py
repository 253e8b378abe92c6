"""Regenerate the small default weights shipped inside the package (`zlwork/weights/`, issue 24).

Each *default* below calls the same function an app calls on first use (which goes through `zlwork.core.cached`)
in an EMPTY temporary zlwork home with the packaged defaults switched off (`ZLWORK_PACKAGED=0`), so it trains with
zlwork's own training code and the seeds fixed in the apps' default configurations. The cache files it writes are
copied to `zlwork/weights/` (same file names: `cached` finds them by kind + key) and `zlwork/weights/manifest.json`
records, per file, its kind, key (the full configuration it was trained with: what `cached` matches), sha256 and
size, and per default its metrics (computed from what the app loads), their tolerance, the build time and the
machine. `tests/test_default_weights.py` checks the files against the manifest and retrains the cheap defaults to
compare the metrics. A default whose key changed (an app's default configuration was edited) is simply no longer
found by `cached` (the app trains again on first use) until this script is rerun; the test says which.

    OMP_NUM_THREADS=1 python tools/make_weights.py               # every default (about 10 min on 2 idle cores)
    python tools/make_weights.py canopy pde                      # some (the others keep their manifest entries)
    python tools/make_weights.py --check canopy                  # retrain into a temp home, compare, write nothing
"""
from __future__ import annotations
import argparse, contextlib, hashlib, json, os, shutil, sys, tempfile, time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = ROOT / "zlwork" / "weights"
MANIFEST = WEIGHTS / "manifest.json"


@dataclass
class Default:
    "One shipped default: `make()` loads-or-builds it through `cached`; `metrics(made)` scores what it returned."

    name: str
    make: Callable[[], Any]
    metrics: Callable[[Any], dict]
    tolerance: dict  # metric -> absolute tolerance of a retrain
    slow: bool = False  # retraining it takes more than about a minute on 2 CPU cores


def _mae(pred, ref) -> float:
    p, r = np.asarray(pred, float).ravel(), np.asarray(ref, float).ravel()
    ok = np.isfinite(p) & np.isfinite(r)
    return float(np.abs(p[ok] - r[ok]).mean())


# ---- the defaults -----------------------------------------------------------------------------------------------
def _canopy_make():
    from zlwork.apps.canopy import app_model

    return app_model()


def _canopy_metrics(model) -> dict:
    from zlwork.apps.canopy import APP_YEARS, app_scene
    from zlwork.canopy import predict_image

    sc, comps = app_scene()
    y = APP_YEARS[-1]
    return dict(mae_m=round(_mae(predict_image(model, comps[y], device="cpu").values, sc.height[y]), 4))


def _canopy_time_make():
    from zlwork.apps.canopy_time import app_maps

    return app_maps()  # trains the model (cached too), predicts every year's map


def _canopy_time_metrics(maps) -> dict:
    from zlwork.apps.canopy_time import app_scene

    sc = app_scene()
    return dict(mae_m=round(float(np.mean([_mae(m, sc.height[y]) for y, m in maps.items()])), 4))


def _byzantine_make():
    from zlwork.fedkd import default_app_runs

    return default_app_runs(device="cpu")


def _byzantine_metrics(runs) -> dict:
    return {f"acc_{k}": round(float(r.final_accuracy), 4) for k, r in runs.items()}


def _sparsity_make():
    from zlwork.apps.sparsity import SWEEP_CONFIG
    from zlwork.prune import pretrained_cnn
    from zlwork.soups import cached_sweep

    dense, info = pretrained_cnn(device="cpu")
    return info, cached_sweep(dense, info, device="cpu", **SWEEP_CONFIG)


def _sparsity_metrics(made) -> dict:
    info, sweep = made
    out = {f"dense_{k}": round(float(v), 4) for k, v in info.items() if k.endswith("acc")}
    acc = [c for c in sweep.columns if "acc" in c]
    if acc:
        out["sweep_mean_" + acc[0]] = round(float(sweep[acc[0]].mean()), 4)
    return out


def _pde_make():
    from zlwork.npr import pretrained_heat_models

    return pretrained_heat_models(device="cpu")


def _pde_metrics(models) -> dict:
    from zlwork.npr import IN_DIST, Heat1D, evaluate_operator

    u0s = IN_DIST.draw(8, generator=torch.Generator().manual_seed(123))
    pde = Heat1D()
    return {f"rel_l2_{n}": round(float(evaluate_operator(m, pde, u0s).mean()), 4) for n, m in zip(("npr", "deeponet"),
                                                                                                  models)}


def _embeddings_make():
    from zlwork.apps.embeddings import demo_state

    return demo_state(device="cpu")


def _embeddings_metrics(st) -> dict:
    te = st["test"]
    return dict(zero_shot_height_mae_m=round(_mae(st["zs"]["rh98"], te.height), 4))


DEFAULTS = {
    d.name: d
    for d in (
        Default("canopy", _canopy_make, _canopy_metrics, dict(mae_m=0.5)),
        Default("canopy_time", _canopy_time_make, _canopy_time_metrics, dict(mae_m=0.5)),
        Default("byzantine", _byzantine_make, _byzantine_metrics, {"*": 0.03}),
        Default("sparsity", _sparsity_make, _sparsity_metrics, {"*": 0.03}, slow=True),
        Default("pde", _pde_make, _pde_metrics, {"*": 0.05}, slow=True),
        Default("embeddings", _embeddings_make, _embeddings_metrics, dict(zero_shot_height_mae_m=0.75), slow=True),
    )
}


# ---- building and checking ------------------------------------------------------------------------------------------
@contextlib.contextmanager
def fresh_home(packaged: bool):
    "An empty temporary zlwork home (packaged defaults on or off) for the duration of the block; yields its path."
    keys = ("ZLWORK_HOME", "ZLWORK_PACKAGED")
    old = {k: os.environ.get(k) for k in keys}
    with tempfile.TemporaryDirectory(prefix="zlweights-") as home:
        os.environ["ZLWORK_HOME"] = home
        os.environ["ZLWORK_PACKAGED"] = "1" if packaged else "0"
        try:
            yield Path(home)
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def _clear_process_caches():
    "Forget the apps' per-process scene/demo memos so a build really starts from nothing."
    import importlib

    for mod, names in (("zlwork.apps.canopy", ("_SCENE",)), ("zlwork.apps.canopy_time", ("_DATA",)),
                       ("zlwork.apps.embeddings", ("_DEMO",))):
        m = importlib.import_module(mod)
        for n in names:
            getattr(m, n).clear()


def build(d: Default) -> tuple[dict, dict, float, Path]:
    "Train default `d` in an empty home without packaged defaults: (metrics, {file: header}, seconds, home)."
    from zlwork.core import read_checkpoint_header, seed_everything

    _clear_process_caches()
    ctx = fresh_home(packaged=False)
    home = ctx.__enter__()
    seed_everything(0)
    t0 = time.perf_counter()
    made = d.make()
    secs = time.perf_counter() - t0
    metrics = d.metrics(made)
    files = {p.name: read_checkpoint_header(p) for p in sorted((home / "cache").glob("*.zlw"))}
    return metrics, files, secs, (ctx, home)


def compare(metrics: dict, recorded: dict, tolerance: dict) -> list[str]:
    "Metrics outside the recorded tolerance (one message each); empty when the retrain reproduces them."
    bad = []
    for k, v in recorded.items():
        tol = tolerance.get(k, tolerance.get("*", 0.0))
        if k not in metrics:
            bad.append(f"{k}: missing")
        elif abs(metrics[k] - v) > tol:
            bad.append(f"{k}: {metrics[k]} vs recorded {v} (tolerance {tol})")
    return bad


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest() -> dict:
    return json.loads(MANIFEST.read_text()) if MANIFEST.exists() else dict(defaults={}, files={})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help=f"defaults to build (default: all of {list(DEFAULTS)})")
    ap.add_argument("--check", action="store_true", help="retrain and compare with the manifest; write nothing")
    args = ap.parse_args(argv)
    from zlwork.core import machine_info

    names = args.names or list(DEFAULTS)
    man = load_manifest()
    failed = []
    for name in names:
        d = DEFAULTS[name]
        metrics, files, secs, (ctx, home) = build(d)
        try:
            print(f"{name}: built in {secs:.1f} s, metrics {metrics}, files {list(files)}", flush=True)
            if args.check:
                bad = compare(metrics, man["defaults"][name]["metrics"], man["defaults"][name]["tolerance"])
                failed += [f"{name}: {b}" for b in bad]
                continue
            for f, entry in list(man["files"].items()):  # this default's old files go
                if entry["default"] == name:
                    (WEIGHTS / f).unlink(missing_ok=True)
                    del man["files"][f]
            WEIGHTS.mkdir(exist_ok=True)
            for f, h in files.items():
                shutil.copy(home / "cache" / f, WEIGHTS / f)
                os.chmod(WEIGHTS / f, 0o644)  # readable by every user of a shared install
                man["files"][f] = dict(default=name, kind=h["kind"], key=h["meta"]["key"], sha256=sha256(WEIGHTS / f),
                                       bytes=(WEIGHTS / f).stat().st_size)
            man["defaults"][name] = dict(files=sorted(files), metrics=metrics, tolerance=d.tolerance, slow=d.slow,
                                         build_seconds=round(secs, 1), torch_threads=torch.get_num_threads(),
                                         machine=machine_info("cpu"))
        finally:
            ctx.__exit__(None, None, None)
    if not args.check:
        man["total_bytes"] = sum(e["bytes"] for e in man["files"].values())
        MANIFEST.write_text(json.dumps(man, indent=1, sort_keys=True) + "\n")
        print(f"wrote {MANIFEST}: {len(man['files'])} files, {man['total_bytes'] / 1e6:.2f} MB")
    if failed:
        print("NOT REPRODUCED:\n" + "\n".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
