"""The default weights shipped inside the package (`zlwork/weights/`, issue 24) are intact, are what the apps load on
first use with an empty zlwork home, and are reproducible: `tools/make_weights.py` retrains them from zlwork's own
training code and seeds, and the retrained metrics match the recorded ones within the recorded tolerance.

Retraining the cheap defaults runs here; the expensive ones (`slow` in `tools/make_weights.py` and the manifest) run
with `ZLWORK_SLOW_TESTS=1 pytest tests/test_default_weights.py`."""

import json, os, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_weights as mw  # noqa: E402

MAN = json.loads(mw.MANIFEST.read_text()) if mw.MANIFEST.exists() else {"defaults": {}, "files": {}}
MAX_BYTES = 5_000_000  # "a few MB at most in total"


def test_manifest_files_intact():
    "Every listed file is there with its sha256 and size; nothing unlisted ships; the total stays small."
    from zlwork.core import load_checkpoint

    assert MAN["files"], "no packaged defaults: run tools/make_weights.py"
    shipped = {p.name for p in mw.WEIGHTS.glob("*.zlw")}
    assert shipped == set(MAN["files"]), f"unlisted or missing files: {shipped ^ set(MAN['files'])}"
    for f, e in MAN["files"].items():
        p = mw.WEIGHTS / f
        assert mw.sha256(p) == e["sha256"], f"{f}: sha256 differs from the manifest"
        assert p.stat().st_size == e["bytes"]
        _, meta = load_checkpoint(p, kind=e["kind"], return_meta=True)
        assert meta["key"] == e["key"], f"{f}: stored key differs from the manifest"
    total = sum(e["bytes"] for e in MAN["files"].values())
    assert total < MAX_BYTES, f"packaged defaults are {total / 1e6:.1f} MB"
    assert set(MAN["defaults"]) == set(mw.DEFAULTS)


@pytest.mark.parametrize("name", sorted(mw.DEFAULTS))
def test_first_use_loads_the_packaged_default(name, monkeypatch):
    """With an empty home and building forbidden (`ZLWORK_CACHE_ONLY=1`), the app's first-use call loads the packaged
    default for today's default key (a changed key fails here: rerun tools/make_weights.py), writes nothing to the
    home's cache, and scores exactly the recorded metrics."""
    with mw.fresh_home(packaged=True) as home:
        monkeypatch.setenv("ZLWORK_CACHE_ONLY", "1")
        mw._clear_process_caches()
        made = mw.DEFAULTS[name].make()
        assert not list((home / "cache").glob("*.zlw")) if (home / "cache").exists() else True
        got = mw.DEFAULTS[name].metrics(made)
    rec = MAN["defaults"][name]["metrics"]
    assert got == pytest.approx(rec, abs=1e-3), f"{name}: metrics of the loaded default {got} != recorded {rec}"


def _retrain(name):
    d, rec = mw.DEFAULTS[name], MAN["defaults"][name]
    metrics, files, secs, (ctx, home) = mw.build(d)
    ctx.__exit__(None, None, None)
    assert set(files) == set(rec["files"]), f"{name}: retraining wrote {set(files)}, the package ships {rec['files']}"
    bad = mw.compare(metrics, rec["metrics"], rec["tolerance"])
    assert not bad, f"{name} not reproduced: {bad}"


CHEAP = [n for n in sorted(mw.DEFAULTS) if not mw.DEFAULTS[n].slow]
SLOW = [n for n in sorted(mw.DEFAULTS) if mw.DEFAULTS[n].slow]


@pytest.mark.parametrize("name", CHEAP)
def test_retrain_reproduces_metrics(name):
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _retrain(name)


@pytest.mark.skipif(not os.environ.get("ZLWORK_SLOW_TESTS"), reason="slow retrain: set ZLWORK_SLOW_TESTS=1")
@pytest.mark.parametrize("name", SLOW)
def test_retrain_reproduces_metrics_slow(name):
    _retrain(name)
