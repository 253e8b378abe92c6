"""Real-browser tests of the served workbench: headless Chromium (Debian's package) driven by Playwright.

One server (`zlwork serve` on a free localhost port) for the module; each registered app is opened, its
probe control (declared in `tests/app_probes.py`) is operated, and the app's main area must
change on screen (pixel comparison of screenshots before and after). Screenshots are saved under
`test-artifacts/` as a record. Two concurrent browser sessions must not see each other's state.

Offline: every request a page makes (the landing page and every app) is recorded; a request to any host other than
the zlwork server, or any failed request (Playwright's `requestfailed`), fails the test. The canopy apps' default
basemap is computed from the scene (no tiles): its map must show a non-blank basemap with the layer made transparent."""

import json, io, sys, time, urllib.parse, urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from serving import ServerError, chromium_path, launch_chromium, serving  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOAD_TIMEOUT_MS = 180_000  # an app may train a small default model on first use (2 shared CPU cores)
READY_TIMEOUT_MS = (
    480_000  # waiting for a first-use training (the slowest, the pde app, takes ~4 min on a loaded 2-core CPU)
)

pytestmark = pytest.mark.skipif(
    chromium_path() is None,
    reason="Debian's chromium is not installed (.ci/run installs it)",
)


_SERVE_LOG: dict = {}  # where the module's server writes its output


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    (ARTIFACTS / "ready_seconds.json").unlink(missing_ok=True)  # this run's first-use timings only
    log_path = tmp_path_factory.mktemp("log") / "serve.log"
    _SERVE_LOG["path"] = log_path
    try:
        with serving(home=tmp_path_factory.mktemp("zlhome"), log_path=log_path, poll=1) as (url, _, _):
            yield url
    except ServerError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p, ARGS)
        yield b
        b.close()


def _apps():
    from zlwork.apps.base import discover_apps

    return discover_apps()


from app_probes import PROBES  # noqa: E402


def _probe(name: str) -> dict | None:
    return PROBES.get(name)


_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def _watch_network(page):
    "Record on `page` every request to another host (`page.offhost`) and every failed request (`page.failed`)."
    page.offhost, page.failed = [], []

    def on_request(r):
        u = urllib.parse.urlsplit(r.url)
        if u.scheme not in ("data", "blob", "about") and u.hostname not in _LOCAL_HOSTS:
            page.offhost.append(r.url)

    page.on("request", on_request)
    page.on("requestfailed", lambda r: page.failed.append(f"{r.url} ({r.failure})"))
    return page


def _assert_offline(page, what: str):
    assert not page.offhost, f"{what} requested other hosts (must work offline): {sorted(set(page.offhost))[:10]}"
    assert not page.failed, f"{what} had failed requests: {page.failed[:10]}"


def _open(browser, url):
    page = _watch_network(browser.new_page(viewport={"width": 1400, "height": 1000}))
    page.js_errors = []
    page.on("pageerror", lambda e: page.js_errors.append(str(e)))
    page.goto(url, timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector("#main .bk-panel-models-layout-Column, #main div", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(1500)
    return page


def _shot(page) -> bytes:
    return page.locator("#main").screenshot(timeout=LOAD_TIMEOUT_MS)


def _diff(a: bytes, b: bytes) -> float:
    "Fraction of pixels that differ between two PNG screenshots."
    import numpy as np
    from PIL import Image

    A = np.asarray(Image.open(io.BytesIO(a)).convert("RGB"), dtype=np.int16)
    B = np.asarray(Image.open(io.BytesIO(b)).convert("RGB"), dtype=np.int16)
    h, w = min(A.shape[0], B.shape[0]), min(A.shape[1], B.shape[1])
    if (h, w) != A.shape[:2] or (h, w) != B.shape[:2]:
        return 1.0
    return float((np.abs(A - B).sum(-1) > 30).mean())


def _ink(png: bytes) -> float:
    "Fraction of pixels that are not page background (near-white)."
    import numpy as np
    from PIL import Image

    A = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.int16)
    return float((A < 235).mean())


def _control(page, probe: dict):
    "The probe's control: Panel renders widgets inside open shadow roots, which Playwright's locators pierce."
    label, action = probe["label"], probe["action"]
    if action == "click":  # a Button, or one option of a RadioButtonGroup (Bokeh renders both as <button>)
        return page.get_by_role("button", name=label, exact=True).first
    if action == "select":  # Bokeh: <label for=id>title</label><select id=id> in the widget's shadow root
        return page.get_by_label(label, exact=True).first
    if action == "slider":  # noUiSlider handle inside the slider whose title starts with `label`
        return (
            page.locator(".bk-input-group")
            .filter(has=page.locator(".bk-slider-title", has_text=label))
            .locator(".noUi-handle")
            .first
        )
    raise ValueError(f"unknown probe action {action!r}")


def _ready(page, probe: dict):
    """Wait until the app can be probed: its `ready_text` (e.g. a status line shown once a first-use training
    finished in the background) is on screen, and the probe's control is visible and enabled."""
    if probe.get("ready_text"):
        page.get_by_text(probe["ready_text"]).first.wait_for(timeout=READY_TIMEOUT_MS)
    ctl = _control(page, probe)
    ctl.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    t0 = time.time()
    while not ctl.is_enabled() and time.time() - t0 < LOAD_TIMEOUT_MS / 1000:
        page.wait_for_timeout(500)
    page.wait_for_timeout(1500)  # let the first render after readiness reach the screen
    return ctl


def _operate(page, probe: dict):
    ctl, action = _ready(page, probe), probe["action"]
    if action == "click":
        ctl.click(timeout=30_000)
    elif action == "select":
        ctl.select_option(str(probe["value"]), timeout=30_000)
    elif action == "slider":
        ctl.focus(timeout=30_000)
        for _ in range(int(probe.get("steps", 3))):
            page.keyboard.press("ArrowRight")
    page.wait_for_timeout(probe.get("wait_ms", 4000))
    if probe.get("wait_text"):
        page.get_by_text(probe["wait_text"]).first.wait_for(timeout=LOAD_TIMEOUT_MS)


def test_landing_lists_every_app(server, browser):
    page = _watch_network(browser.new_page())
    page.goto(server + "/")
    page.wait_for_load_state("networkidle")
    for name, spec in _apps().items():
        assert page.locator(f"#app-{name}").inner_text().startswith(spec.title)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "landing.png"), full_page=True)
    _assert_offline(page, "the landing page")
    page.close()


def _record_ready(name: str, seconds: float):
    "Seconds from opening an app (first use: empty zlwork home) until it could be operated (→ ready_seconds.json)."
    p = ARTIFACTS / "ready_seconds.json"
    d = json.loads(p.read_text()) if p.exists() else {}
    d[name] = round(seconds, 1)
    p.write_text(json.dumps(d, indent=1))


@pytest.mark.parametrize("name", list(_apps()))
def test_app_opens_and_its_plot_updates(server, browser, name):
    t0 = time.time()
    page = _open(browser, f"{server}/{name}")
    probe = _probe(name)
    if probe:
        _ready(page, probe)
    ARTIFACTS.mkdir(exist_ok=True)
    _record_ready(name, time.time() - t0)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert _ink(_shot(page)) > 0.01, f"the {name} app rendered (almost) nothing"
    if probe:
        before = _shot(page)
        _operate(page, probe)
        after = _shot(page)
        page.screenshot(path=str(ARTIFACTS / f"{name}-after.png"), full_page=True)
        assert _diff(before, after) > 0.002, f"operating {probe} did not change the {name} app on screen"
    assert not page.js_errors, f"the {name} app raised in the browser: {page.js_errors}"
    _assert_offline(page, f"the {name} app")
    sw, vw = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert sw <= vw + 2, f"the {name} app overflows the page sideways ({sw} px content in a {vw} px window)"
    page.close()


def _map_canvas_png(page) -> bytes:
    "Screenshot of the page's first (left-most) largest plot canvas: the map."
    boxes = [(c, c.bounding_box()) for c in page.locator("canvas").all()]
    boxes = [(c, b) for c, b in boxes if b and b["width"] > 200 and b["height"] > 200]
    assert boxes, "no plot canvas on the page"
    area = max(b["width"] * b["height"] for _, b in boxes)
    c, _ = min(((c, b) for c, b in boxes if b["width"] * b["height"] > 0.8 * area), key=lambda cb: cb[1]["x"])
    return c.screenshot(timeout=LOAD_TIMEOUT_MS)


def _centre_stats(png: bytes) -> tuple[float, float]:
    "Mean and standard deviation of the luminance of the central 40 % × 40 % of a screenshot (the map's frame)."
    import numpy as np
    from PIL import Image

    A = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.float64)
    h, w = A.shape
    C = A[int(0.3 * h) : int(0.7 * h), int(0.3 * w) : int(0.7 * w)]
    return float(C.mean()), float(C.std())


@pytest.mark.parametrize("name", ["canopy", "canopy_time"])
def test_canopy_basemap_is_not_blank_offline(server, browser, name):
    """The default basemap needs no network: with the layer made fully transparent (opacity slider to 0) the map
    still shows the hillshade (not the page background a blank tile layer leaves), and no request left the host."""
    if name not in _apps():
        pytest.skip(f"the {name} app is not registered")
    page = _open(browser, f"{server}/{name}")
    _ready(page, _probe(name))
    handle = (
        page.locator(".bk-input-group")
        .filter(has=page.locator(".bk-slider-title", has_text="opacity"))
        .locator(".noUi-handle")
        .first
    )
    handle.focus(timeout=30_000)
    for _ in range(25):  # 0.8 → 0 in steps of 0.05
        page.keyboard.press("ArrowLeft")
    t0 = time.time()
    while handle.get_attribute("aria-valuenow") not in ("0", "0.0", "0.00") and time.time() - t0 < 30:
        page.wait_for_timeout(500)
    assert float(handle.get_attribute("aria-valuenow")) == 0, "the opacity slider did not reach 0"
    page.wait_for_timeout(8000)  # the server redraws the map (reprojection of every layer) for the new opacity
    png = _map_canvas_png(page)
    (ARTIFACTS / f"{name}-basemap.png").write_bytes(png)
    mean, std = _centre_stats(png)
    assert std > 6 and mean < 235, f"the {name} map looks blank offline (luminance mean {mean:.0f}, std {std:.1f})"
    _assert_offline(page, f"the {name} app")
    assert not page.js_errors, page.js_errors
    page.close()


def test_two_sessions_are_independent(server, browser):
    "Operating an app in one browser session leaves a second, concurrent session unchanged."
    probed = [n for n in _apps() if _probe(n)]
    if not probed:
        pytest.skip("no app declares a probe")
    name = sorted(probed, key=lambda n: (bool(_probe(n).get("ready_text")), _probe(n).get("wait_ms", 4000)))[0]
    ctx1, ctx2 = browser.new_context(), browser.new_context()
    p1 = ctx1.new_page()
    p2 = ctx2.new_page()
    for p in (p1, p2):
        p.set_viewport_size({"width": 1400, "height": 1000})
        p.goto(f"{server}/{name}", timeout=LOAD_TIMEOUT_MS)
        p.wait_for_load_state("networkidle", timeout=LOAD_TIMEOUT_MS)
        _ready(p, _probe(name))
    before1, before2 = _shot(p1), _shot(p2)
    _operate(p1, _probe(name))
    p2.wait_for_timeout(1000)
    assert _diff(before1, _shot(p1)) > 0.002, f"operating session 1 of {name} did not change it"
    assert _diff(before2, _shot(p2)) < 0.002, f"session 2 of {name} changed when session 1 was operated"
    ctx1.close()
    ctx2.close()


def test_server_log_has_no_errors(server):
    "No app raised on the server while the browser drove it (a callback's traceback lands in the serve log)."
    text = _SERVE_LOG["path"].read_text()
    bad = [l for l in text.splitlines() if "Traceback" in l or "ERROR" in l or "Exception" in l]
    assert not bad, "errors in the zlwork serve log:\n" + text[-4000:]
