"""What the browser tests and the serving benchmarks share: a free localhost port, `zlwork serve` in a subprocess
with its own zlwork home (waited for until it answers, stopped afterwards) and Debian's Chromium under Playwright.
Used by tests/test_apps_browser.py, tests/test_serve_responsive.py, tests/test_docs_site.py, bench/serve_load.py and
bench/app_ready.py (which put this folder on `sys.path`)."""
import contextlib, os, shutil, socket, subprocess, time, urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("ZLWORK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"]


def free_port() -> int:
    "A TCP port on 127.0.0.1 that nothing listens on right now."
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium_path() -> str | None:
    "Debian's Chromium (`ZLWORK_CHROMIUM` overrides), or None when it is not installed."
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def launch_chromium(playwright, args=CHROMIUM_ARGS):
    "A headless Chromium browser from a `sync_playwright()` context."
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=list(args))


class ServerError(RuntimeError):
    "`zlwork serve` exited or did not answer in time; the message ends with its log."


@contextlib.contextmanager
def serving(*apps: str, home: str | Path, log_path: str | Path | None = None, env: dict | None = None,
            timeout: float = 300, poll: float = 0.5):
    """Run `zlwork serve [apps] --port <free>` with `ZLWORK_HOME=home`, wait until `/` answers, yield
    `(url, proc, seconds_to_come_up)`, and stop the server afterwards. Its output goes to `log_path` (default: a
    `serve.log` in `home`)."""
    port = free_port()
    log_path = Path(log_path or Path(home) / "serve.log")
    full_env = {**os.environ, "ZLWORK_HOME": str(home), **(env or {})}
    with open(log_path, "w+") as log:
        proc = subprocess.Popen(["zlwork", "serve", *apps, "--port", str(port)], env=full_env, stdout=log,
                                stderr=subprocess.STDOUT)
        url, t0 = f"http://localhost:{port}", time.perf_counter()
        try:
            while True:
                try:
                    urllib.request.urlopen(url + "/", timeout=10).read()
                    break
                except OSError:
                    if proc.poll() is not None or time.perf_counter() - t0 > timeout:
                        log.seek(0)
                        raise ServerError(f"zlwork serve did not come up: {log.read()[-3000:]}") from None
                    time.sleep(poll)
            yield url, proc, time.perf_counter() - t0
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
