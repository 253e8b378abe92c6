"""Build the documentation site offline with one command: `python tools/build_docs.py` (output: `_site/`).

What it makes (MkDocs + the Material theme; configuration in `mkdocs.yml`, generated sources in `_docs_build/`):
- every notebook of `nbs/` executed (at the notebooks' own test sizes) and rendered with its figures; cells flagged
  `#| slow`, `#| gpu`, `#| notest` or `#| eval: false` are shown but not run, `#| hide` cells run but are not shown,
  and no `#| ` directive line is shown;
- an API reference: one page per module of `zlwork` (apps included), one entry per name of its `__all__`, with the
  signature, the docstring and a table of the parameters with their docments (`fastcore.docments`);
- one "Results" page per `bench/results/*.json` (every metric, and its figure from `tools/figures.py`);
- the README as the home page; full-text search (lunr, works offline and from `file://`), navigation, and math
  rendered by MathJax 3 copied from the `django-static-mathjax` wheel (no CDN, no web font).

Executed notebooks are cached in `_docs_build/exec/` under a key of the notebook, the library and this script, so a
rebuild only re-runs what changed. `--no-exec` renders the notebooks unexecuted (no outputs) except those named with
`--exec`. Needs the `[docs]` extra. Where Quarto is installed, `nbdev-docs` builds nbdev's own site (`_docs/`) from
`nbs/_quarto.yml` as before.

Usage: python tools/build_docs.py [--out _site] [--jobs 2] [--no-exec] [--exec NAME ...] [--only NAME ...]
Preview: python -m http.server -d _site 8000 (or open _site/index.html)."""

import argparse, base64, hashlib, html, importlib, inspect, json, os, re, shutil, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_docs_build"
VERSION = "3"  # bump to invalidate the execution cache when the rendering of outputs changes
DIRECTIVE_RE = re.compile(r"^\s*#\|.*$\n?", re.M)
SKIP_RE = re.compile(r"^\s*#\|\s*(slow|gpu|notest|eval:\s*false)\b", re.M)
HIDE_RE = re.compile(r"^\s*#\|\s*(hide|include:\s*false)\s*$", re.M)
ECHO_OFF_RE = re.compile(r"^\s*#\|\s*echo:\s*false\s*$", re.M)
OUTPUT_OFF_RE = re.compile(r"^\s*#\|\s*(output:\s*false|hide_output)\s*$", re.M)
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MAX_TEXT_LINES = 150
sys.path.insert(0, str(ROOT))


def notebooks(only=()) -> list[Path]:
    "The notebooks of `nbs/` in order (all, or the stems named in `only`), `index.ipynb` excluded (it is the README)."
    nbs = sorted(p for p in (ROOT / "nbs").glob("*.ipynb") if p.name != "index.ipynb")
    return [p for p in nbs if not only or p.stem in only]


def cache_key(nb_path: Path) -> str:
    "Changes when the notebook or the library changes (or `VERSION`, when the way notebooks are executed changes)."
    h = hashlib.sha256(VERSION.encode())
    for p in [nb_path, *sorted((ROOT / "zlwork").rglob("*.py"))]:
        h.update(p.read_bytes())
    return h.hexdigest()


def execute(nb_path: Path, timeout: int = 900):
    """Execute a copy of the notebook in `nbs/` (as `nbdev-test` does); flagged cells are skipped.
    Returns (notebook, error message or None); on an error the outputs up to the failing cell are kept."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(nb_path, as_version=4)
    for c in nb.cells:
        if c.cell_type == "code" and SKIP_RE.search(c.source):
            c.metadata.setdefault("tags", []).append("skip-execution")
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(nb_path.parent)}})
    try:
        client.execute()
        return nb, None
    except CellExecutionError as e:
        return nb, str(e).strip().splitlines()[-1][:500]
    except Exception as e:  # a dead kernel, a timeout: the page still builds, with the error shown
        return nb, f"{type(e).__name__}: {e}"[:500]


def executed(nb_path: Path, run: bool, timeout: int):
    "The executed notebook from the cache, executing it when needed; unexecuted when `run` is False."
    import nbformat

    if not run:
        return nbformat.read(nb_path, as_version=4), None, "not executed (--no-exec)"
    folder = BUILD / "exec"
    folder.mkdir(parents=True, exist_ok=True)
    cached, keyf = folder / nb_path.name, folder / (nb_path.stem + ".key")
    key = cache_key(nb_path)
    if cached.exists() and keyf.exists() and json.loads(keyf.read_text()).get("key") == key:
        meta = json.loads(keyf.read_text())
        return nbformat.read(cached, as_version=4), meta.get("error"), "cached"
    t0 = time.time()
    nb, err = execute(nb_path, timeout)
    nbformat.write(nb, cached)
    keyf.write_text(json.dumps(dict(key=key, error=err, seconds=round(time.time() - t0, 1))))
    return nb, err, f"executed in {time.time() - t0:.0f} s"


# ----------------------------------------------------------------------------------------------- notebook → markdown
def _fence(text: str, lang: str = "") -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"


def _text_block(text: str) -> str:
    lines = ANSI_RE.sub("", text).rstrip().splitlines()
    if len(lines) > MAX_TEXT_LINES:
        lines = lines[:MAX_TEXT_LINES] + [f"... ({len(lines) - MAX_TEXT_LINES} more lines)"]
    return _fence("\n".join(lines), "text")


def _offline_md(src: str) -> str:
    "Markdown that requests nothing from the internet: remote images become links; display math gets blank lines."
    src = re.sub(r"!\[([^\]]*)\]\((https?://[^)]+)\)", r"[\1](\2)", src)
    src = re.sub(r"<img[^>]*src=[\"'](https?://[^\"']+)[\"'][^>]*>", r'<a href="\1">(image)</a>', src)
    return re.sub(r"(?m)^(\s*\$\$)", r"\n\1", src)


INTERACTIVE = ("*(interactive output: run the notebook in JupyterLab, or serve the apps with `zlwork serve`; "
               "it is not embedded in this static page)*")


def _output_md(out, files: Path, rel: str, tag: str) -> str:
    "One cell output as markdown; figures are written to `files` (linked as `rel/...`)."
    kind = out.get("output_type")
    if kind == "stream":
        return _text_block(out.get("text", ""))
    if kind == "error":
        return "**Error:**\n\n" + _text_block("\n".join(out.get("traceback", [])) or out.get("evalue", ""))
    data = out.get("data", {})
    for mime, ext in (("image/png", "png"), ("image/jpeg", "jpg")):
        if mime in data:
            files.mkdir(parents=True, exist_ok=True)
            (files / f"{tag}.{ext}").write_bytes(base64.b64decode(data[mime]))
            return f"![]({rel}/{tag}.{ext})"
    if "image/svg+xml" in data:
        files.mkdir(parents=True, exist_ok=True)
        svg = data["image/svg+xml"]
        (files / f"{tag}.svg").write_text(svg if isinstance(svg, str) else "".join(svg))
        return f"![]({rel}/{tag}.svg)"
    if "text/markdown" in data:
        return _offline_md("".join(data["text/markdown"]))
    if "text/latex" in data:
        return "".join(data["text/latex"]).strip()
    if "text/html" in data:
        h = "".join(data["text/html"])
        if re.search(r"<script|<iframe|https?://", h, re.I):
            return INTERACTIVE
        h = re.sub(r"<style.*?</style>", "", h, flags=re.S | re.I)
        h = "\n".join(ln for ln in h.splitlines() if ln.strip())
        return f'<div class="nb-html" markdown="0">\n{h}\n</div>'
    if "application/vnd.jupyter.widget-view+json" in data and re.search(r"\d+%\|.*\[", "".join(data.get("text/plain", ""))):
        return ""  # a tqdm progress bar widget: nothing to read on a static page
    if any(m.startswith(("application/vnd", "application/javascript")) for m in data):
        return INTERACTIVE
    if "text/plain" in data:
        return _text_block("".join(data["text/plain"]))
    return ""


def notebook_markdown(nb, stem: str, files: Path, error: str | None = None, note: str = "") -> str:
    "A rendered notebook as a Markdown page: prose, code without directives, outputs with figures."
    parts, rel = [], f"{stem}_files"
    for i, c in enumerate(nb.cells):
        src = c.source
        if c.cell_type == "markdown":
            if src.strip() and not HIDE_RE.search(src):
                parts.append(_offline_md(src))
            continue
        if c.cell_type != "code" or HIDE_RE.search(src) or re.search(r"^\s*#\|\s*default_exp", src, re.M) and \
                not DIRECTIVE_RE.sub("", src).strip():
            continue
        code = DIRECTIVE_RE.sub("", src).strip()
        if code and not ECHO_OFF_RE.search(src):
            if SKIP_RE.search(src):
                flag = SKIP_RE.search(src).group(1)
                parts.append(f'<p class="nb-skipped">not run in this build (cell flagged <code>{html.escape(flag)}</code>)</p>')
            parts.append(_fence(code, "python"))
        if OUTPUT_OFF_RE.search(src):
            continue
        for j, out in enumerate(c.get("outputs", [])):
            md = _output_md(out, files, rel, f"cell{i}_{j}")
            if md and not (md == INTERACTIVE and parts and parts[-1] == INTERACTIVE):
                parts.append(md)
    head = ""
    if error:
        head = f'!!! warning "This notebook did not run to the end in the docs build"\n    {html.escape(error)}\n\n'
    elif note:
        head = f"<p class=\"nb-note\">{html.escape(note)}</p>\n\n"
    body = "\n\n".join(parts)
    # the title (first heading) must come first for the page title; put the notice after it
    m = re.match(r"\s*(# [^\n]+\n)", body)
    return (m.group(1) + "\n" + head + body[m.end():]) if m else head + body


def notebook_title(nb, stem: str) -> str:
    for c in nb.cells:
        m = re.match(r"\s*#\s+(.+)", c.source) if c.cell_type == "markdown" else None
        if m:
            return m.group(1).strip()
    return stem


# ----------------------------------------------------------------------------------------------------- API reference
def _doc_table(obj) -> str:
    "The parameters of `obj` as a table: name, type and default (from its signature), description (its docments)."
    from fastcore.docments import docments

    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return ""
    try:
        d = docments(obj, full=True)
    except Exception:
        d = {}

    def cell(x):  # a code cell of the table; `|` as an entity so that the table does not split there
        return f"<code>{html.escape(x).replace('|', '&#124;')}</code>" if x else ""

    rows = []
    for name, p in sig.parameters.items():
        if name in ("self", "cls"):
            continue
        t = "" if p.annotation is p.empty else _anno(p.annotation)
        dflt = "" if p.default is p.empty else repr(p.default)
        dflt = dflt if len(dflt) <= 60 else dflt[:57] + "..."
        doc = ((d.get(name) or {}).get("docment") or "").replace("\n", " ").replace("|", "&#124;")
        star = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "")
        rows.append(f"| `{star}{name}` | {cell(t)} | {cell(dflt)} | {doc} |")
    ret = (d.get("return") or {}).get("docment")
    table = ("| parameter | type | default | description |\n|---|---|---|---|\n" + "\n".join(rows)) if rows else ""
    if ret:
        table += f"\n\n**Returns:** {ret}"
    return table


def _anno(a) -> str:
    if isinstance(a, str):
        return a
    return inspect.formatannotation(a).replace("typing.", "")


def _signature(name: str, obj) -> str:
    "`name(a: type = default, ...) -> type`, one parameter per line when long (annotations unquoted)."
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return ""
    params, star_done = [], False
    for p in sig.parameters.values():
        if p.kind is p.KEYWORD_ONLY and not star_done:
            params.append("*")
        star_done = star_done or p.kind in (p.VAR_POSITIONAL, p.KEYWORD_ONLY)
        s = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "") + p.name
        if p.annotation is not p.empty:
            s += ": " + _anno(p.annotation)
        if p.default is not p.empty:
            d = repr(p.default)
            s += (" = " if p.annotation is not p.empty else "=") + (d if len(d) <= 60 else d[:57] + "...")
        if p.kind is p.POSITIONAL_ONLY and all(q.kind is not q.POSITIONAL_ONLY for q in list(sig.parameters.values())[
                list(sig.parameters).index(p.name) + 1:]):
            s += ", /"
        params.append(s)
    ret = "" if sig.return_annotation is sig.empty else " -> " + _anno(sig.return_annotation)
    one = f"{name}({', '.join(params)}){ret}"
    if len(one) <= 100:
        return _fence(one, "python")
    return _fence(f"{name}(\n" + "".join(f"    {p},\n" for p in params) + f"){ret}", "python")


def _entry(name: str, obj, level: int = 2, anchor: str | None = None) -> str:
    kind = "class" if inspect.isclass(obj) else ("function" if callable(obj) else "constant")
    out = [f"{'#' * level} {name} {{ #{anchor or name} }}", f'<p class="api-kind">{kind}</p>']
    if callable(obj):
        out.append(_signature(name, obj))
        doc = inspect.getdoc(obj) if inspect.isclass(obj) or inspect.isroutine(obj) else None
        if inspect.isclass(obj) and doc == inspect.getdoc(type):
            doc = None
        if doc:
            out.append(doc)
        table = _doc_table(obj)
        if table:
            out.append(table)
    else:
        r = repr(obj)
        out.append(_fence(r if len(r) < 1500 else r[:1500] + " ...", "python"))
    if inspect.isclass(obj) and level == 2:
        for mname, m in vars(obj).items():
            if mname.startswith("_") or not (inspect.isfunction(m) or isinstance(m, (property, staticmethod, classmethod))):
                continue
            f = m.fget if isinstance(m, property) else getattr(m, "__func__", m)
            if isinstance(m, property):
                out.append(f"### {name}.{mname} {{ #{name}.{mname} }}\n\n<p class=\"api-kind\">property</p>\n\n"
                           + (inspect.getdoc(f) or ""))
            else:
                out.append(_entry(f"{name}.{mname}", f, level=3))
    return "\n\n".join(x for x in out if x)


def modules() -> list[str]:
    "Every module of the package (apps included), in the order of their notebooks."
    import pkgutil
    import zlwork

    names = [m.name for m in pkgutil.walk_packages(zlwork.__path__, "zlwork.") if not m.name.endswith("_modidx")]
    try:
        idx = importlib.import_module("zlwork._modidx").d["syms"]
        order = list(idx)
    except Exception:
        order = []
    return sorted(names, key=lambda n: (order.index(n) if n in order else len(order), n))


def _exported_from() -> dict:
    "module name (without `zlwork.`) → the notebook that exports it (`#| default_exp`)."
    out = {}
    for p in notebooks():
        m = re.search(r"#\|\s*default_exp\s+([\w.]+)", p.read_text())
        if m:
            out[m.group(1)] = p.name
    return out


def api_page(modname: str) -> tuple[str, list[str]]:
    "Markdown of one module's reference, and the names it documents."
    try:
        mod = importlib.import_module(modname)
    except Exception as e:  # an optional dependency missing: the page says so
        return f"# {modname}\n\n!!! warning \"not importable here\"\n    {html.escape(repr(e))}\n", []
    names = list(getattr(mod, "__all__", []))
    doc = inspect.getdoc(mod) or ""
    nb = _exported_from().get(modname.removeprefix("zlwork."), "")
    src = f"source: `{modname.replace('.', '/')}.py`" + (f", exported from [nbs/{nb}](../nbs/{Path(nb).stem}.md)" if nb else "")
    head = [f"# {modname}", src + "\n{ .api-src }"]
    if doc:
        head.append(doc)
    if not names:
        head.append("*(no public names: `__all__` is empty)*")
    entries = [_entry(n, getattr(mod, n)) for n in names if hasattr(mod, n)]
    return "\n\n".join(head + entries) + "\n", names


# ------------------------------------------------------------------------------------------------------------ site
def mathjax_dir() -> Path:
    import mathjax  # the django-static-mathjax wheel (MathJax 3.2); only its static files are used

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def copy_assets(docs: Path):
    src = mathjax_dir()
    dst = docs / "assets" / "mathjax"
    keep = ["tex-mml-chtml.js", "input", "output/chtml", "a11y", "ui", "adaptors"]
    for k in keep:
        s = src / k
        if s.is_dir():
            shutil.copytree(s, dst / k, dirs_exist_ok=True)
        elif s.exists():
            dst.mkdir(parents=True, exist_ok=True)
            shutil.copy2(s, dst / k)
    shutil.copytree(ROOT / "docs_src", docs, dirs_exist_ok=True)


def results_pages(docs: Path) -> list[tuple[str, str]]:
    "One page per benchmark JSON: its figure (when `tools/figures.py` makes one) and every metric."
    from zlwork.core import Result

    out, folder = [], docs / "results"
    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted((ROOT / "bench" / "results").glob("*.json")):
        r = Result.load(f)
        parts = [f"# Results: {f.stem}", f"From `bench/results/{f.name}`, written by `python bench/{r.name}.py` "
                 "(see its notebook for the method). Every number below is copied from that file."]
        png = f.with_suffix(".png")
        if png.exists():
            shutil.copy2(png, folder / png.name)
            parts.append(f"![{f.stem}]({png.name})")
        parts.append(r.table(heading="##"))
        cfg = json.dumps(r.config, indent=1, default=str)
        parts.append("## Configuration\n\n" + _fence(cfg, "json"))
        (folder / f"{f.stem}.md").write_text("\n\n".join(parts) + "\n")
        out.append((f.stem, f"results/{f.stem}.md"))
    return out


def home_page(docs: Path) -> str:
    "The README (generated from nbs/index.ipynb by tools/readme.py), with its figures copied next to it."
    sys.path.insert(0, str(ROOT / "tools"))
    from readme import render

    text = render()
    for m in set(re.findall(r"\]\((bench/results/[^)]+\.png)\)", text)):
        if (ROOT / m).exists():
            (docs / "figures").mkdir(exist_ok=True)
            shutil.copy2(ROOT / m, docs / "figures" / Path(m).name)
        text = text.replace(f"]({m})", f"](figures/{Path(m).name})")
    text = re.sub(r"\]\(nbs/([\w-]+)\.ipynb\)", r"](nbs/\1.md)", text)
    return _offline_md(text.split("\n", 1)[1] if text.startswith("<!--") else text)


def write_config(docs: Path, site: Path, nav: list) -> Path:
    import yaml

    cfg = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(docs), "site_dir": str(site), "nav": nav}
    path = BUILD / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True))
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "_site"), help="the site folder")
    ap.add_argument("--jobs", type=int, default=2, help="notebooks executed at the same time")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    ap.add_argument("--no-exec", action="store_true", help="render notebooks without executing them ...")
    ap.add_argument("--exec", nargs="*", default=[], help="... except these notebook stems")
    ap.add_argument("--only", nargs="*", default=[], help="render only these notebook stems")
    a = ap.parse_args(argv)
    t0 = time.time()
    # the kernels inherit this environment: the library of this checkout first, one thread per kernel, inline figures
    os.environ["PYTHONPATH"] = os.pathsep.join(x for x in [str(ROOT), os.environ.get("PYTHONPATH", "")] if x)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    docs, site = BUILD / "docs", Path(a.out).resolve()
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "nbs").mkdir(parents=True)
    copy_assets(docs)

    nbs = notebooks(a.only)

    def one(p: Path):
        run = not a.no_exec or p.stem in a.exec
        nb, err, how = executed(p, run, a.timeout)
        md = notebook_markdown(nb, p.stem, docs / "nbs" / f"{p.stem}_files", err,
                               "" if run else "This page was built without running the notebook (no outputs).")
        (docs / "nbs" / f"{p.stem}.md").write_text(md)
        sys.stdout.write(f"{p.name}: {how}{'; ERROR: ' + err if err else ''}\n")  # one write: threads do not mix lines
        sys.stdout.flush()
        return p.stem, notebook_title(nb, p.stem), err

    with ThreadPoolExecutor(max(1, a.jobs)) as ex:
        built = list(ex.map(one, nbs))
    failed = [s for s, _, e in built if e]

    api_nav, n_names = [], 0
    (docs / "api").mkdir()
    for m in modules():
        text, names = api_page(m)
        n_names += len(names)
        (docs / "api" / f"{m}.md").write_text(text)
        api_nav.append({m: f"api/{m}.md"})
    res_nav = [{n: p} for n, p in results_pages(docs)]
    (docs / "index.md").write_text(home_page(docs))
    nav = [{"Home": "index.md"}, {"Notebooks": [{f"{s} · {t}" if not t.startswith(s) else t: f"nbs/{s}.md"}
                                                for s, t, _ in built]},
           {"API reference": api_nav}, {"Results": res_nav}]
    cfg = write_config(docs, site, nav)
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)], cwd=ROOT,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if r.returncode:
        print("mkdocs build failed", file=sys.stderr)
        return r.returncode
    print(f"site in {site}: {len(built)} notebooks, {len(api_nav)} API pages ({n_names} names), {len(res_nav)} "
          f"results pages, {time.time() - t0:.0f} s" + (f"; notebooks with errors: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
