"""Issue 24's performance record: gathers the three comparisons into `bench/results/perf.json`.

- embedding search: `bench/results/perf_search.json` (`python bench/perf_search.py`): `search_{backend}_{n}_{qps,recall10}`
- tiled inference: `bench/results/perf_tiles.json` (`python bench/perf_tiles.py`): `tiles_{pipeline}_{workers}_px_per_s`,
  `tiles_forward_bound_px_per_s`, ratios `tiles_ratio_*` and the stage breakdown `tiles_*_{read,forward,blend,write}_s`
- app start-up: `bench/results/app_ready.json` (`python bench/app_ready.py`): `app_ready_s_{app}` (wall),
  `app_ready_cpu_s_{app}` and `app_ready_server_cpu_s_{app}` (CPU seconds of server + browser, of the server)

Nothing is measured here: each part keeps the machine, date and notes of its own run (under `parts`), and the
markdown ratio tables (`zlwork.tiles.ratio_tables`) are printed and stored under `tables`.

    python bench/perf.py [--results bench/results]
"""
import argparse
from pathlib import Path

from zlwork.core import Result
from zlwork.tiles import ratio_tables

PARTS = {"perf_search": "search_", "perf_tiles": "tiles_", "app_ready": "app_ready_"}


def gather(folder: Path) -> Result:
    "The perf.json Result from the part results found in `folder` (missing parts are named in the notes)."
    metrics, parts, missing = {}, {}, []
    for name, prefix in PARTS.items():
        p = folder / f"{name}.json"
        if not p.exists():
            missing.append(name)
            continue
        r = Result.load(p)
        metrics.update({k: v for k, v in r.metrics.items() if k.startswith(prefix)})
        if name == "perf_search":  # its ours/peer ratios, under the search_ prefix
            metrics.update({f"search_{k}": v for k, v in r.metrics.items() if k.startswith("ratio_")})
        parts[name] = dict(when=r.when, machine=r.machine, notes=r.notes, seconds=r.seconds,
                           config={k: v for k, v in r.config.items() if not isinstance(v, (dict, list)) or k == "apps"})
    notes = "Gathered from " + ", ".join(f"{k}.json ({v['when']})" for k, v in parts.items())
    if missing:
        notes += "; not run yet: " + ", ".join(missing)
    return Result("perf", metrics, config=dict(parts=parts, tables=ratio_tables(metrics)), notes=notes)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", default="bench/results", help="folder of the part results and of perf.json")
    a = ap.parse_args()
    r = gather(Path(a.results))
    print(r.config["tables"])
    print("saved", r.save(a.results))


if __name__ == "__main__":
    main()
