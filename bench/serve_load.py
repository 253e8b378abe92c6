"""Bounded localhost load test of `zlwork serve` (issue 16): N concurrent browser sessions per app.

For each app in turn, N headless-Chromium sessions open it at once (first use: an empty zlwork home, so the apps'
default-model trainings all want to start; apps that train on a button, e.g. coloring, get it pressed in every
session). Meanwhile `/jobs.json` is polled (running and queued jobs per app) and
`/about` is timed from another "user". After `--hold` seconds the sessions close, and the script waits (at most
`--drain` seconds) for the app's jobs to stop. Reports, per app: the most trainings running at once (must be ≤ 1),
the longest queue, whether the jobs drained after the tabs closed and how long that took; and `/about` latency
percentiles while loaded vs idle. Everything runs on localhost and stops by itself.

    python bench/serve_load.py                      # all apps, 5 sessions each
    python bench/serve_load.py --apps sparsity pde --sessions 3 --hold 10
"""
import argparse, contextlib, json, os, shutil, sys, tempfile, threading, time, urllib.request
from pathlib import Path

from zlwork.core import Result

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from serving import launch_chromium, serving  # noqa: E402


# apps whose training starts from a button rather than on first use: every session presses it
TRAIN_BUTTONS = {"coloring": "train", "vanishing": "Compute pipeline table"}


def _get(url: str, timeout: float = 30) -> float:
    t0 = time.perf_counter()
    urllib.request.urlopen(url, timeout=timeout).read()
    return time.perf_counter() - t0


def _pct(xs, q):
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(q * len(xs)))], 4) if xs else None


class Watcher(threading.Thread):
    "Polls /jobs.json and times /about until stopped."
    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.stop_ev, self.jobs, self.about = url, threading.Event(), [], []
    def run(self):
        while not self.stop_ev.is_set():
            try:
                raw = urllib.request.urlopen(self.url + "/jobs.json", timeout=10).read()
                self.jobs.append((time.time(), json.loads(raw)))
                self.about.append(_get(self.url + "/about"))
            except OSError:
                self.about.append(30.0)
            time.sleep(0.25)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--apps", nargs="*", default=None, help="apps to load (default: all but about)")
    ap.add_argument("--sessions", type=int, default=5)
    ap.add_argument("--hold", type=float, default=10.0, help="seconds the sessions stay open")
    ap.add_argument("--drain", type=float, default=60.0, help="max seconds to wait for jobs to stop after closing")
    ap.add_argument("--out", default="bench/results")
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright
    from zlwork.apps.base import discover_apps
    apps = a.apps or [n for n in discover_apps() if n != "about"]
    home = tempfile.mkdtemp(prefix="zlhome-load-")
    stack = contextlib.ExitStack()
    url, proc, _ = stack.enter_context(serving(home=home, log_path=os.devnull, env={"OMP_NUM_THREADS": "1"}))
    metrics, t_all = {}, time.perf_counter()
    try:
        _get(url + "/about")
        idle = [_get(url + "/about") for _ in range(10)]
        metrics["about_idle_p50_s"], metrics["about_idle_max_s"] = _pct(idle, 0.5), round(max(idle), 4)
        loaded = []
        with sync_playwright() as p:
            b = launch_chromium(p)
            for app in apps:
                w = Watcher(url)
                w.start()
                ctxs = [b.new_context() for _ in range(a.sessions)]
                pages = [c.new_page() for c in ctxs]
                for pg in pages:
                    pg.goto(f"{url}/{app}", timeout=180_000, wait_until="commit")
                if app in TRAIN_BUTTONS:
                    for pg in pages:
                        try:
                            btn = pg.get_by_role("button", name=TRAIN_BUTTONS[app], exact=True).first
                            btn.click(timeout=60_000)
                        except Exception as e:  # a page that never got its button is reported, not fatal
                            print(f"{app}: could not press {TRAIN_BUTTONS[app]!r}: {type(e).__name__}", flush=True)
                time.sleep(a.hold)
                for c in ctxs:
                    c.close()
                t_close, drained_at = time.time(), None
                while time.time() - t_close < a.drain:
                    st = (w.jobs[-1][1] if w.jobs else {}).get(app, {"running": 0, "waiting": 0})
                    if st["running"] == 0 and st["waiting"] == 0 and w.jobs and w.jobs[-1][0] > t_close:
                        drained_at = time.time()
                        break
                    time.sleep(0.5)
                w.stop_ev.set()
                w.join(30)
                per = [j.get(app, {"running": 0, "waiting": 0}) for _, j in w.jobs]
                metrics[f"{app}_max_running"] = max((x["running"] for x in per), default=0)
                metrics[f"{app}_max_waiting"] = max((x["waiting"] for x in per), default=0)
                metrics[f"{app}_drained"] = drained_at is not None
                metrics[f"{app}_drain_s"] = round(drained_at - t_close, 1) if drained_at else None
                metrics[f"{app}_about_p50_s"] = _pct(w.about, 0.5)
                metrics[f"{app}_about_p90_s"] = _pct(w.about, 0.9)
                loaded += w.about
                print(app, {k.removeprefix(app + "_"): v for k, v in metrics.items() if k.startswith(app + "_")},
                      flush=True)
            b.close()
        metrics["about_loaded_p50_s"], metrics["about_loaded_p90_s"] = _pct(loaded, 0.5), _pct(loaded, 0.9)
        metrics["about_loaded_p99_s"], metrics["about_loaded_max_s"] = _pct(loaded, 0.99), round(max(loaded), 4)
        metrics["max_trainings_per_app"] = max(metrics[f"{x}_max_running"] for x in apps)
        metrics["all_drained"] = all(metrics[f"{x}_drained"] for x in apps)
    finally:
        stack.close()
        shutil.rmtree(home, ignore_errors=True)
    r = Result("serve_load", metrics, config=dict(apps=apps, sessions=a.sessions, hold_s=a.hold, drain_s=a.drain),
               seconds=round(time.perf_counter() - t_all, 1),
               notes="localhost only; first use (empty zlwork home); /about timed by a second client every 0.25 s; "
                     "drain = seconds from closing the tabs until the app has no running or queued job")
    print(r.table())
    print("saved", r.save(a.out))


if __name__ == "__main__":
    main()
