"""Write README.md from nbs/index.ipynb (what `nbdev-readme` does, without needing Quarto), followed by the
measured benchmark results: one table per `bench/results/*.json` written by the `bench/*.py` scripts.

Markdown cells are copied; code cells become python code blocks with their text outputs.
Run: python tools/readme.py  (tests/test_readme.py checks README.md is up to date)."""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render(nb_path: Path = ROOT / "nbs" / "index.ipynb") -> str:
    nb = json.loads(nb_path.read_text())
    out = []
    for c in nb["cells"]:
        src = "".join(c["source"]).strip()
        if not src or src.startswith("#| hide"):
            continue
        if c["cell_type"] == "markdown":
            out.append(src)
        elif c["cell_type"] == "code":
            out.append(f"```python\n{src}\n```")
            for o in c.get("outputs", []):
                txt = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", ""))
                if txt.strip():
                    out.append(f"```\n{txt.rstrip()}\n```")
    out.append(bench_section())
    return "<!-- generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file -->\n\n" + "\n\n".join(out) + "\n"


def _fmt(v):
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _flat(d: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flat(v, key + " / "))
        else:
            out[key] = v
    return out


def bench_section(folder: Path = ROOT / "bench" / "results") -> str:
    "Markdown tables of every saved benchmark Result (numbers exactly as the scripts measured them)."
    files = sorted(folder.glob("*.json"))
    lines = ["## Measured results",
             "Written by the benchmark scripts in `bench/` (`python bench/<name>.py`), copied here by `tools/readme.py`; "
             "nothing below is typed by hand. Synthetic-data benchmarks say so in their notes."]
    if not files:
        return "\n\n".join(lines + ["(no benchmark has been run yet)"])
    for f in files:
        r = json.loads(f.read_text())
        m = r.get("machine", {})
        where = f"{m.get('device', '?')}" + (f" ({m['gpu']})" if m.get("gpu") else f", {m.get('cpus', '?')} CPU cores")
        secs = f", {r['seconds']:.0f} s" if r.get("seconds") else ""
        lines.append(f"### {r['name']}\n\nMeasured {r.get('when', '?')} on {where}{secs}." + (f" {r['notes']}" if r.get("notes") else ""))
        rows = ["| metric | value |", "|---|---|"] + [f"| {k} | {_fmt(v)} |" for k, v in _flat(r["metrics"]).items()]
        lines.append("\n".join(rows))
    return "\n\n".join(lines)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if (ROOT / "README.md").read_text() == text else "README.md is out of date: run python tools/readme.py")
    (ROOT / "README.md").write_text(text)
