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
    head = "<!-- generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file -->\n\n"
    return head + "\n\n".join(out) + "\n"


def bench_section(folder: Path = ROOT / "bench" / "results") -> str:
    "Markdown tables of every saved benchmark Result (numbers exactly as the scripts measured them)."
    from zlwork.core import Result
    files = sorted(folder.glob("*.json"))
    lines = ["## Measured results",
             "Written by the benchmark scripts in `bench/` (`python bench/<name>.py`), copied here by "
             "`tools/readme.py`; nothing below is typed by hand. Synthetic-data benchmarks say so in their notes."]
    if not files:
        return "\n\n".join(lines + ["(no benchmark has been run yet)"])
    return "\n\n".join(lines + [Result.load(f).table(heading="###") for f in files])


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        ok = (ROOT / "README.md").read_text() == text
        sys.exit(0 if ok else "README.md is out of date: run python tools/readme.py")
    (ROOT / "README.md").write_text(text)
