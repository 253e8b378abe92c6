"""Build the documentation site without Quarto: every notebook in nbs/ executed and rendered to HTML,
plus an index page (the README, with the measured benchmark tables) linking them.

`nbdev-docs` is the real builder and needs Quarto, which this project's machines cannot install (Quarto is
not on PyPI/Debian/npm as a binary: the `quarto-cli` PyPI package downloads it from GitHub at install time).
Where Quarto is installed, use `nbdev-docs` (output in `_docs/`) and `nbdev-preview`.

Usage: python tools/build_docs.py [--out _site] [--timeout 900] [NOTEBOOK ...]
Cells flagged `#| slow`, `#| gpu`, `#| notest` or `#| eval: false` are shown but not executed; `#| hide`
cells run but are not shown. Preview: python -m http.server -d _site 8000"""

import argparse, html, re, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_RE = re.compile(r"^#\|\s*(slow|gpu|notest|eval:\s*false)\b", re.M)
HIDE_RE = re.compile(r"^#\|\s*(hide|export\s*\n?)?\s*$", re.M)


def build_notebook(path: Path, out: Path, timeout: int) -> str:
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    hidden = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        if SKIP_RE.search(c.source):
            c.metadata["tags"] = c.metadata.get("tags", []) + ["skip-execution"]
            c.source = "# (not executed in the docs build: flagged slow/gpu)\n" + c.source
            c.cell_type = "raw"
        elif re.search(r"^#\|\s*hide\s*$", c.source, re.M):
            hidden.append(c)
    NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    nb.cells = [c for c in nb.cells if c not in hidden]
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    target = out / (path.stem + ".html")
    target.write_text(body)
    return target.name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--out", default=str(ROOT / "_site"))
    ap.add_argument("--timeout", type=int, default=900)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    nbs = [Path(p) for p in a.notebooks] or sorted(p for p in (ROOT / "nbs").glob("*.ipynb") if p.name != "index.ipynb")
    pages, failed = [], []
    for p in nbs:
        t0 = time.time()
        try:
            pages.append((p.stem, build_notebook(p, out, a.timeout)))
            print(f"built {p.name} in {time.time() - t0:.0f} s", flush=True)
        except Exception as e:  # a failing notebook is reported, the rest of the site still builds
            failed.append(p.name)
            print(f"FAILED {p.name}: {e!r}"[:2000], flush=True)
    import markdown

    sys.path.insert(0, str(ROOT / "tools"))
    from readme import render

    readme = markdown.markdown(render(), extensions=["tables", "fenced_code"])
    links = "".join(f'<li><a href="{f}">{html.escape(n)}</a></li>' for n, f in pages)
    (out / "index.html").write_text(f"""<!doctype html><html><head><meta charset="utf-8"><title>zlwork docs</title>
<style>body{{font-family:system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}} td,th{{border:1px solid #ccc;padding:3px 8px}}
pre{{background:#f4f4f4;padding:8px}}</style>
</head><body><nav><h3>Notebooks</h3><ul>{links}</ul></nav>{readme}</body></html>""")
    print(f"site in {out} ({len(pages)} pages{', failed: ' + ', '.join(failed) if failed else ''})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
