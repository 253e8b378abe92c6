"""Issue 16: a formula typed into the pde app is PARSED by a whitelisted grammar (`zlwork.npr.parse_formula`), never
evaluated as Python. Hostile input gets a clear `FormulaError`, runs nothing (a marker file is never created) and
returns quickly; valid formulas give the right values; the app routes its formula box through the parser."""
import builtins, random, re, sys, time
from pathlib import Path

import numpy as np
import pytest

from zlwork.npr import (MAX_FORMULA_LENGTH, FormulaError, formula_ic, parse_formula, x_grid)

BOUND_S = 2.0   # every call returns well within this (the grammar bounds the work; a loaded 2-core CPU is slow)
ISSUE_16 = ("__import__('os').system('touch {marker}')*0 + sin(pi*x)", "2**2**2**30*0 + sin(pi*x)")


@pytest.fixture
def marker(tmp_path) -> Path:
    "A file the hostile formulas try to create: it must never exist."
    return tmp_path / "pwned"


@pytest.fixture(autouse=True)
def no_python_evaluation(monkeypatch):
    "Python's eval/exec fail the test if a formula's text reaches them (libraries may still eval their own code)."
    user_text = ("pi*x", "pwned", "2**2**", "x*(1-x)", "touch ")
    def guard(real):
        def check(source, globals=None, locals=None, /, **kw):
            if isinstance(source, (str, bytes)) and any(u in str(source) for u in user_text):
                raise AssertionError(f"a formula reached eval/exec: {source[:80]!r}")
            if globals is None:   # like the real builtin: the caller's namespaces
                frame = sys._getframe(1)
                globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
            return real(source, globals, locals, **kw)
        return check
    monkeypatch.setattr(builtins, "eval", guard(builtins.eval))
    monkeypatch.setattr(builtins, "exec", guard(builtins.exec))


def hostile(marker: Path) -> list[str]:
    "At least 30 hostile strings: code injection, resource exhaustion, malformed and unicode input."
    m = str(marker)
    return [
        *(s.format(marker=m) for s in ISSUE_16),
        "__class__", "().__class__.__bases__", "().__class__.__bases__[0].__subclasses__()",
        "x.__class__.__mro__", "sin.__globals__", "__builtins__", "globals()", "locals()", "vars()",
        "lambda: 0", f"(lambda: __import__('os').system('touch {m}'))()", "import os", "from os import system",
        f"exec('open(\"{m}\", \"w\")')", "eval('1+1')", f"open('{m}', 'w')", "compile('1', 'f', 'eval')",
        "getattr(x, '__class__')", "'abc'", '"sin(pi*x)"', "x if x else x", "[x for x in ()]", "{1: 2}", "x @ x",
        "x; import os", "sin(pi*x) # comment", "x\nimport os", "sin(x, x)", "Symbol('y')", "Function('f')(x)",
        "x**999999999", "x^17", "x^-17", "x^0.5", "x^2^3", "2^(2^30)", "9" * 50 + "*x", "1e999*x", "1e7*x",
        "(" * 50 + "x" + ")" * 50, "-" * 150 + "x", "sin(" * 30 + "x" + ")" * 30, "x+" * 150 + "x",
        "sin(pi*x)" * 2000, "ｓｉｎ(pi*x)", "sin(π*x)", "sin(pi*x)\u200b", "x \u2212 x", "\u0445*(1-x)",
        "x\x00", "x.real", "1_000*x", "0x10*x", "2x", "sin x", "", "   ", "x*", "()", "sin()", "y", "t*x",
        "1/x", "log(x)*x", "sqrt(-1-x)*x", "exp(exp(exp(exp(x))))*sin(pi*x)", "exp(1000)*x", "x + 1",
    ]


def timed(fn, *args, **kw):
    t0 = time.perf_counter()
    try: return fn(*args, **kw)
    finally: assert time.perf_counter() - t0 < BOUND_S, f"took {time.perf_counter() - t0:.2f}s: {args[:1]!r}"


def test_the_two_issue_16_formulas_are_refused_and_run_nothing(marker):
    for text in (s.format(marker=marker) for s in ISSUE_16):
        for fn in (formula_ic, parse_formula):
            with pytest.raises(FormulaError) as e: timed(fn, text)
            assert e.value.args[0], text
    assert not marker.exists()
    with pytest.raises(FormulaError, match="character '_'"): formula_ic(ISSUE_16[0].format(marker=marker))
    with pytest.raises(FormulaError, match="power towers"): formula_ic(ISSUE_16[1])


def test_hostile_inputs_get_a_clear_formula_error_fast(marker):
    cases = hostile(marker)
    assert len(cases) >= 30
    for text in cases:
        with pytest.raises(FormulaError) as e: timed(formula_ic, text)
        msg = str(e.value)
        assert isinstance(e.value, ValueError) and 10 < len(msg) < 400, (text[:60], msg)
    for bad in (None, 42, b"sin(pi*x)", ["x"]):
        with pytest.raises(FormulaError, match="must be a string"): formula_ic(bad)
    assert not marker.exists()


def test_fuzzed_token_soup_never_escapes_the_grammar(marker):
    "Random mixes of Python and formula tokens: a value or a FormulaError, never anything else, always fast."
    rng = random.Random(16)
    alphabet = ["x", "t", "pi", "e", "sin", "exp", "(", ")", "+", "-", "*", "/", "^", "**", "2", "16", "17", "0.5",
                "1e6", "__", "import", "os", ".", "'", '"', ",", "[", "]", "lambda", ":", "__class__", "open", "eval",
                "exec", " ", "system", f"'touch {marker}'", "9" * 30, "\u00e9", ";", "="]
    n_ok = 0
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25)))
        try: f = timed(parse_formula, text)
        except FormulaError: continue
        v = timed(f, x=x_grid(), t=0.5)
        assert v.shape in ((), (65,)) and v.dtype == np.float64
        n_ok += 1
    assert n_ok > 10   # the soup also produces valid formulas, which evaluate
    assert not marker.exists()


@pytest.mark.parametrize("text,ref", [
    ("sin(pi*x)", lambda x: np.sin(np.pi * x)),
    ("exp(-x^2)*cos(3*pi*x)", lambda x: np.exp(-x**2) * np.cos(3 * np.pi * x)),
    ("exp(-x**2)*cos(3*pi*x)", lambda x: np.exp(-x**2) * np.cos(3 * np.pi * x)),
    ("0.5*(1-x^2)", lambda x: 0.5 * (1 - x**2)),
    ("-x^2 + 2^-2", lambda x: -x**2 + 0.25),
    ("(x^2)^3 - x^(-1)*x", lambda x: x**6 - 1.0),
    ("abs(x - .5) * sqrt(4) / e", lambda x: np.abs(x - 0.5) * 2 / np.e),
    ("tanh(x) + sinh(x) * cosh(x) - tan(x) + log(1 + x)",
     lambda x: np.tanh(x) + np.sinh(x) * np.cosh(x) - np.tan(x) + np.log1p(x)),
])
def test_valid_formulas_give_the_right_values(text, ref):
    x = np.linspace(0.01, 1.0, 101)
    np.testing.assert_allclose(parse_formula(text, variables=("x",))(x=x), ref(x), rtol=1e-12, atol=1e-12)


def test_formula_initial_conditions_on_the_grid():
    x = x_grid(65)
    np.testing.assert_allclose(formula_ic("sin(pi*x)"), np.sin(np.pi * x), atol=1e-12)
    np.testing.assert_allclose(formula_ic("sin(pi*x) + 0.5*sin(3*pi*x)"),
                               np.sin(np.pi * x) + 0.5 * np.sin(3 * np.pi * x), atol=1e-12)
    np.testing.assert_allclose(formula_ic("x*(1-x)^2", nx=33), x_grid(33) * (1 - x_grid(33))**2, atol=1e-12)
    with pytest.raises(FormulaError, match="must vanish"): formula_ic("0.5*(1-x^2)")
    with pytest.raises(FormulaError, match="too long"): formula_ic("x" * (MAX_FORMULA_LENGTH + 1))


APP_SOURCE = Path(__file__).resolve().parents[1] / "zlwork" / "apps" / "pde.py"
FORBIDDEN = re.compile(r"\bsympify\b|\blambdify\b|\bparse_expr\b|\bsympy\b|__import__|(?<![\w.])(eval|exec|compile)\s*\(")


def test_pde_app_source_routes_the_formula_box_through_the_parser():
    src = APP_SOURCE.read_text()
    assert not FORBIDDEN.search(src), FORBIDDEN.search(src)
    assert "formula_ic(self.formula.value)" in src
    npr_src = (APP_SOURCE.parents[1] / "npr.py").read_text()
    assert not FORBIDDEN.search(npr_src), FORBIDDEN.search(npr_src)


def test_pde_app_refuses_hostile_formulas(marker, monkeypatch):
    "The served page itself: the formula box shows the parser's message; nothing runs, the server stays responsive."
    pytest.importorskip("panel")
    import zlwork.apps.pde as pde_app
    from zlwork.npr import NPR, DeepONet
    monkeypatch.setattr(pde_app, "pretrained_heat_models", lambda *a, **k: (NPR(), DeepONet()))   # no training
    app = pde_app.PdeApp()
    t0 = time.time()
    while app.busy and time.time() - t0 < 60: time.sleep(0.02)
    assert app.status.startswith("NPR inference"), app.status
    app.source.value = "formula"
    for text in [s.format(marker=marker) for s in ISSUE_16] + hostile(marker)[2:12]:
        timed(setattr, app.formula, "value", text)
        assert app.status.startswith("**Bad initial condition:**"), (text, app.status)
    app.formula.value = "x*(1-x)"
    assert app.status.startswith("NPR inference")
    np.testing.assert_allclose(app.u0, x_grid() * (1 - x_grid()), atol=1e-12)
    assert not marker.exists()
