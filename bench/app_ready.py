"""First-use readiness of every app (issue 24): seconds from opening an app's page until it can be operated.

For each app, ONE AT A TIME: `zlwork serve <app>` starts on a free localhost port with an EMPTY temporary
`ZLWORK_HOME` (first use: nothing cached), headless Chromium opens `/<app>`, and the clock runs from the start of
the page load until the app is ready, the same readiness the browser tests wait for (`tests/app_probes.py`): the
probe's `ready_text` is on screen (apps whose probe has none use `EXTRA_READY` below) and the probe's control is
visible and enabled. Server start-up is timed separately and not counted. Wall time on a shared machine depends
on the load, so the CPU seconds that this work took are recorded too: `app_ready_cpu_s_<app>` sums the CPU time of
every process this script started (the server, Playwright's driver and Chromium) over the same interval — on an
idle 2-core machine the page cannot be ready much sooner than half of it, and is ready about when all of it is spent
(server and browser work mostly in turn). Results go to `bench/results/app_ready.json` (metrics `app_ready_s_<app>`,
`app_ready_cpu_s_<app>`, `app_ready_server_cpu_s_<app>` (the server's share), `serve_start_s_<app>`, the 1-minute
load average before each app in the config);
`bench/perf.py` copies them into `bench/results/perf.json`. Measured, not asserted: the target is < 5 s on an idle
2-core CPU.

    python bench/app_ready.py                    # every app
    python bench/app_ready.py --apps pde canopy  # some
    python bench/app_ready.py --quick --out /tmp/q
"""
import argparse, json, os, shutil, sys, tempfile, time
from pathlib import Path

from zlwork.core import Result, machine_info

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from app_probes import PROBES  # noqa: E402
from serving import launch_chromium, serving  # noqa: E402

# apps whose probe has no ready_text: what their page shows once its background setup finished
EXTRA_READY = {
    "coloring": "Showing the exact hexagonal 7-colouring",
    "vanishing": "Not computed yet",
    "about": "Running on:",
}
TIMEOUT_S = 600


def _control(page, probe: dict):
    "The probe's control (same locators as tests/test_apps_browser.py)."
    label, action = probe["label"], probe["action"]
    if action == "click":
        return page.get_by_role("button", name=label, exact=True).first
    if action == "select":
        return page.get_by_label(label, exact=True).first
    return (
        page.locator(".bk-input-group")
        .filter(has=page.locator(".bk-slider-title", has_text=label))
        .locator(".noUi-handle")
        .first
    )


def _cpu_seconds(pid: int | None = None) -> float:
    """CPU seconds (user + system) used so far by this process's descendants (server, Playwright driver, Chromium),
    or by the process `pid` and its descendants."""
    import psutil

    total = 0.0
    root = psutil.Process(pid) if pid else None
    for p in ([root] + root.children(recursive=True)) if root else psutil.Process().children(recursive=True):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def ready_seconds(browser, url: str, name: str, server_pid: int) -> tuple[float, float, float]:
    """(seconds, CPU seconds of the server and browser, CPU seconds of the server alone) from starting to load `url`
    until the app `name` shows its ready text and its probe control is enabled."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    c0, s0 = _cpu_seconds(), _cpu_seconds(server_pid)
    t0 = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_S * 1000)
    probe = PROBES.get(name, {})
    text = probe.get("ready_text") or EXTRA_READY.get(name)
    if text:
        page.get_by_text(text).first.wait_for(timeout=TIMEOUT_S * 1000)
    if probe:
        ctl = _control(page, probe)
        ctl.wait_for(state="visible", timeout=TIMEOUT_S * 1000)
        while not ctl.is_enabled() and time.perf_counter() - t0 < TIMEOUT_S:
            time.sleep(0.05)
    dt = time.perf_counter() - t0
    cpu, server = _cpu_seconds() - c0, _cpu_seconds(server_pid) - s0
    page.close()
    return dt, cpu, server


def measure(name: str, browser) -> tuple[float, tuple[float, float, float]]:
    "(server start seconds, `ready_seconds`) of app `name`, served alone with an empty zlwork home."
    home = tempfile.mkdtemp(prefix="zlready-")
    try:
        with serving(name, home=home, poll=0.2) as (url, proc, up):
            return up, ready_seconds(browser, f"{url}/{name}", name, proc.pid)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--apps", nargs="*", default=None, help="apps to time (default: all registered)")
    ap.add_argument("--quick", action="store_true", help="only the about app (a smoke test of the script)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"), help="folder for app_ready.json")
    ap.add_argument("--merge", action="store_true", help="keep the saved metrics of apps this run does not time")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    from zlwork.apps.base import discover_apps

    names = args.apps or (["about"] if args.quick else list(discover_apps()))
    metrics, loads = {}, {}
    with sync_playwright() as p:
        b = launch_chromium(p, ["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for name in names:
            loads[name] = round(os.getloadavg()[0], 2)
            up, (dt, cpu, server) = measure(name, b)
            metrics[f"app_ready_s_{name}"] = round(dt, 2)
            metrics[f"app_ready_cpu_s_{name}"] = round(cpu, 2)
            metrics[f"app_ready_server_cpu_s_{name}"] = round(server, 2)
            metrics[f"serve_start_s_{name}"] = round(up, 2)
            print(f"{name:12s} ready {dt:6.2f} s, {cpu:5.2f} CPU s ({server:.2f} in the server; server start "
                  f"{up:.1f} s, load {loads[name]})", flush=True)
        b.close()
    out = Path(args.out) / "app_ready.json"
    if args.merge and out.exists():
        old = json.loads(out.read_text())
        metrics = {**old.get("metrics", {}), **metrics}
        loads = {**old.get("config", {}).get("load1_before", {}), **loads}
    res = Result(
        "app_ready",
        config=dict(apps=names, empty_home=True, load1_before=loads, quick=args.quick),
        metrics=metrics,
        notes=(
            "seconds from page load start until ready text + enabled probe control; one app at a time, each on its "
            f"own `zlwork serve` with an empty ZLWORK_HOME; load1 before each app in config.load1_before; "
            f"uptime at end: {os.getloadavg()}"
        ),
        machine=machine_info(),
    )
    print(res.table())
    print("saved", res.save(args.out))


if __name__ == "__main__":
    main()
