"""The floor plan, checked: science modules import no UI library, imports only go down the notebook order (so there
are no cycles), and every app module defines its app on `zlwork.apps.base.AppBase`."""
import ast, importlib, json, re, subprocess, sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "zlwork"
UI = ("panel", "holoviews", "geoviews", "bokeh", "ipywidgets")


def _modules() -> dict[str, Path]:
    "Dotted module name → file, for every exported module of the package."
    out = {}
    for f in sorted(PKG.rglob("*.py")):
        rel = f.relative_to(PKG.parent).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__"): name = name[: -len(".__init__")]
        if name.endswith("_modidx"): continue
        out[name] = f
    return out


SCIENCE = sorted(n for n in _modules() if not n.startswith("zlwork.apps") and n not in ("zlwork", "zlwork.cli"))


@pytest.mark.parametrize("mod", SCIENCE)
def test_science_module_imports_no_ui_library(mod):
    "Importing a science module (in a fresh interpreter) loads none of panel, holoviews, geoviews, bokeh, ipywidgets."
    code = (f"import sys, importlib; importlib.import_module({mod!r}); "
            f"import json; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {UI!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert not loaded, f"{mod} imports UI libraries: {loaded[:5]}"


def _notebook_of(f: Path) -> str | None:
    m = re.search(r"File to edit: \.\./(?:\.\./)?nbs/([^\s]+)\.ipynb", f.read_text())
    return m.group(1) if m else None


def _order(stem: str) -> tuple:
    "Notebook order: leading number, then the letter suffix (`71a` after `71`)."
    m = re.match(r"(\d+)([a-z]?)", stem)
    return (int(m.group(1)), m.group(2)) if m else (10**6, "")


def _zlwork_imports(name: str, f: Path) -> set[str]:
    "zlwork modules that module `name` imports (anywhere in the file, also inside functions)."
    pkg = name if f.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(f.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("zlwork")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if not mod.startswith("zlwork"): continue
            for a in node.names:
                sub = f"{mod}.{a.name}"
                out.add(sub if sub in _modules() else mod)
    return {m for m in out if m in _modules() and m != name}


def test_imports_only_go_down_the_notebook_order():
    "Each module imports only modules exported from earlier notebooks (app modules may import any science module)."
    mods = _modules()
    bad = []
    for name, f in mods.items():
        nb = _notebook_of(f)
        if nb is None: continue
        for dep in _zlwork_imports(name, f):
            dnb = _notebook_of(mods[dep])
            if dnb is None: continue
            if name.startswith("zlwork.apps.") and not dep.startswith("zlwork.apps"): continue
            if _order(dnb) >= _order(nb) and dnb != nb:
                bad.append(f"{name} ({nb}) imports {dep} ({dnb})")
    assert not bad, "upward imports:\n" + "\n".join(bad)


def test_no_import_cycles():
    "The zlwork import graph is acyclic."
    mods = _modules()
    graph = {n: _zlwork_imports(n, f) - {"zlwork"} for n, f in mods.items()}
    state: dict[str, int] = {}
    def visit(n, path):
        if state.get(n) == 1: raise AssertionError("import cycle: " + " → ".join(path + [n]))
        if state.get(n) == 2: return
        state[n] = 1
        for d in sorted(graph.get(n, ())): visit(d, path + [n])
        state[n] = 2
    for n in sorted(graph): visit(n, [])


def test_every_app_module_defines_its_app_on_the_base_class():
    from zlwork.apps.base import AppBase, APPS, discover_apps
    import zlwork.apps, pkgutil
    apps = discover_apps()
    names = [m.name for m in pkgutil.iter_modules(zlwork.apps.__path__) if m.name not in ("base", "server")]
    assert names, "no app modules found"
    for m in names:
        mod = importlib.import_module(f"zlwork.apps.{m}")
        specs = [s for s in apps.values() if s.module == mod.__name__]
        assert specs, f"zlwork.apps.{m} registers no app"
        for s in specs:
            assert isinstance(s.factory, type) and issubclass(s.factory, AppBase), f"{s.name} is not an AppBase"
    for s in APPS.values():
        assert s.module.startswith("zlwork.apps."), f"app {s.name} is registered outside zlwork.apps ({s.module})"


def test_every_app_has_a_browser_probe():
    "The browser tests operate one control of every app (except about): tests/app_probes.py names it."
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from app_probes import PROBES
    from zlwork.apps.base import discover_apps
    apps = set(discover_apps()) - {"about"}
    assert set(PROBES) == apps, f"probes without app: {set(PROBES) - apps}; apps without probe: {apps - set(PROBES)}"


def _public_callables():
    "(module, name, object) for every public function, dataclass and method exported by zlwork and zlwork.apps."
    import dataclasses, inspect
    for mod in sorted(_modules()):
        if mod.endswith("_modidx") or mod == "zlwork": continue
        m = importlib.import_module(mod)
        for name in getattr(m, "__all__", []):
            o = getattr(m, name, None)
            if getattr(o, "__module__", None) != mod: continue
            if inspect.isfunction(o): yield mod, name, o
            elif inspect.isclass(o):
                if dataclasses.is_dataclass(o): yield mod, name, o
                for k, v in vars(o).items():
                    if inspect.isfunction(v) and (k == "__init__" or not k.startswith("_")):
                        yield mod, f"{name}.{k}", v


def test_functions_with_many_parameters_document_each_one():
    "Public functions (and dataclasses) with >= 10 parameters carry docments: a comment per parameter."
    import dataclasses, inspect
    from fastcore.docments import docments
    bad = []
    for mod, name, f in _public_callables():
        if dataclasses.is_dataclass(f):
            params = [x.name for x in dataclasses.fields(f) if x.init]
        else:
            ps = inspect.signature(f).parameters.values()
            params = [p.name for p in ps if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        if len(params) < 10: continue
        try: d = docments(f)
        except OSError: continue   # generated __init__ of a dataclass: its fields are checked through the class
        missing = [p for p in params if not d.get(p)]
        if missing: bad.append(f"{mod}.{name}: {missing}")
    assert not bad, "undocumented parameters:\n" + "\n".join(bad)
