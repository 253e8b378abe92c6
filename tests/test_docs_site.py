"""The documentation site in a real browser (headless Debian Chromium driven by Playwright).

Builds the site with `tools/build_docs.py` (API reference, results pages and every notebook page; to stay fast only
`30_vanishing`, the notebook with the most formulas, is executed), serves it on localhost and checks what a reader
does: search for a function name, click the result, land on its reference entry; formulas are typeset by the MathJax
served from the site; and no page requests anything from another host (every failed request and every request to a
non-local host is recorded; none is allowed). `ZLWORK_DOCS_SITE=_site pytest tests/test_docs_site.py` checks a site
built before (e.g. by the full `python tools/build_docs.py`) instead of building one."""

import functools, http.server, os, re, shutil, socketserver, subprocess, sys, threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from serving import chromium_path, launch_chromium  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
EXECUTED = "30_vanishing"

pytestmark = [
    pytest.mark.skipif(chromium_path() is None,
                       reason="Debian's chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(shutil.which("mkdocs") is None and subprocess.run(
        [sys.executable, "-c", "import mkdocs, material, mathjax"], capture_output=True).returncode != 0,
        reason='the [docs] extra is not installed (pip install -e ".[docs]" -c constraints-cpu.txt)'),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    prebuilt = os.environ.get("ZLWORK_DOCS_SITE")  # check a site built already (e.g. the full build) instead
    out = Path(prebuilt) if prebuilt else tmp_path_factory.mktemp("site")
    cmd = [sys.executable, str(ROOT / "tools" / "build_docs.py"), "--out", str(out), "--no-exec", "--exec", EXECUTED]
    r = subprocess.CompletedProcess([], 0, "", "") if prebuilt else subprocess.run(
        cmd, capture_output=True, text=True, timeout=600, env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    handler = functools.partial(_QuietHandler, directory=str(out))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        yield out, f"http://127.0.0.1:{httpd.server_address[1]}"
        httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


@pytest.fixture(scope="module")
def page_factory():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p, ARGS)
        bad: list[str] = []

        def new_page():
            page = b.new_page()
            page.on("requestfailed", lambda req: bad.append(f"failed: {req.url} ({req.failure})"))

            def check(req):
                host = urlparse(req.url).hostname
                if req.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in ("127.0.0.1", "localhost"):
                    bad.append(f"non-local request: {req.url}")
            page.on("request", check)
            return page
        yield new_page, bad
        b.close()


def _real(bad: list[str], out: Path) -> list[str]:
    "Drop local requests aborted by the next navigation (ERR_ABORTED on a file the site has); keep everything else."
    keep = []
    for b in bad:
        m = re.match(r"failed: http://127\.0\.0\.1:\d+/([^ ?#]*)\S* \(net::ERR_ABORTED\)", b)
        if not (m and (out / m.group(1)).is_file()):
            keep.append(b)
    return keep


def test_site_has_a_reference_entry_for_every_public_name(site):
    import importlib

    out, _ = site
    api = out / "api"
    missing = []
    for page in sorted(api.glob("zlwork*.html")):
        mod = importlib.import_module(page.stem)
        text = page.read_text()
        missing += [f"{page.stem}.{n}" for n in getattr(mod, "__all__", []) if f'id="{n}"' not in text]
    assert len(list(api.glob("zlwork*.html"))) >= 20 and not missing, missing


def test_no_directive_lines_and_no_cdn_in_pages(site):
    out, _ = site
    pages = list(out.rglob("*.html"))
    assert len(pages) > 50
    for p in pages:
        text = p.read_text()
        # no directive line in any code block (prose may mention `#| gpu` in inline code)
        assert not re.search(r'<span class="c1">#\|', text), p
        for block in re.findall(r"<pre.*?</pre>", text, flags=re.S):
            assert not re.search(r"(^|\n|<code>)(<span[^>]*>)*#\|", block), (p, block[:300])
        # nothing loaded from another host: scripts, style sheets, images, fonts (links to read are fine)
        remote = re.findall(r"<(?:script|img|iframe|source)[^>]+src=[\"']https?://[^\"']+|<link[^>]+href=[\"']https?://"
                            r"[^\"']+", text)
        assert not [r for r in remote if "canonical" not in r], (p, remote[:3])


def test_search_lands_on_the_reference_entry(site, page_factory):
    _, url = site
    new_page, bad = page_factory
    page = new_page()
    page.goto(url + "/index.html")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "save_checkpoint")
    # the result that is the reference entry itself (a section of the zlwork.core API page)
    link = page.locator('a.md-search-result__link[href*="api/zlwork.core.html"][href$="#save_checkpoint"]').first
    link.wait_for(timeout=60_000)
    assert "save_checkpoint" in link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/api/zlwork\.core\.html(\?[^#]*)?#save_checkpoint$"), timeout=30_000)
    entry = page.locator("h2#save_checkpoint")
    assert entry.is_visible()
    # its signature and per-parameter docs are on the page
    body = page.inner_text("article")
    assert "save_checkpoint(" in body and "JSON-able metadata stored in the header" in body
    assert not _real(bad, site[0]), bad


def test_formulas_render_offline(site, page_factory):
    out, url = site
    new_page, bad = page_factory
    page = new_page()
    page.goto(url + f"/nbs/{EXECUTED}.html")
    page.wait_for_selector("mjx-container", timeout=60_000)
    assert page.locator("mjx-container").count() > 10
    text = page.inner_text("article")
    assert "$$" not in text and "\\mathcal" not in text  # every formula typeset, none left as raw TeX
    # the notebook ran: its figures are on the page
    assert page.locator("article img").count() >= 1
    assert not _real(bad, out), bad


def test_every_page_loads_without_outside_requests(site, page_factory):
    out, url = site
    new_page, bad = page_factory
    page = new_page()
    # 404.html is the one page with absolute links (to the published site's path): it is only served as an error page
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")
                   if "assets" not in p.parts and p.name != "404.html")
    for rel in pages:
        page.goto(f"{url}/{rel}", wait_until="load")
    assert not _real(bad, out), _real(bad, out)[:20]
