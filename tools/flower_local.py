"""Start and stop a Flower deployment on localhost and run zlwork's byzantine FedDistill on it (engine 3 of
`zlwork.fedkd_flower`): one `flower-superlink`, N `flower-supernode` processes (SuperNode i has `partition-id=i`),
and `flwr run` of the Flower App that `zlwork.fedkd_flower.write_flower_app` writes.

    python tools/flower_local.py --clients 3 --rounds 2 --attack lma --byzantine-frac 0.3 --aggregator expguard

Everything listens on 127.0.0.1 only, on free ports, with a private FLWR_HOME (a temporary folder), and every
process this script starts is stopped when it ends (also on errors and Ctrl-C). Needs the `fl` extra:
`pip install -e ".[fl]" -c constraints-cpu.txt`. For real machines, see "Engine 3" in nbs/51_fedkd_flower.ipynb.
"""
from __future__ import annotations

import argparse, json, os, shutil, signal, socket, subprocess, sys, tempfile, time
from dataclasses import fields
from pathlib import Path


def free_port() -> int:
    "A TCP port that is free on 127.0.0.1 right now."
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _group_alive(pgid: int) -> bool:
    "Whether any process (a zombie included) is left in process group `pgid`."
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LocalDeployment:
    """A SuperLink and `n_nodes` SuperNodes on localhost (a context manager: `with LocalDeployment(3) as d:
    d.run(cfg)`); `stop()` ends every process it started, their children included."""

    def __init__(self, n_nodes: int, start_timeout: float = 60.0, keep_logs: bool = False):
        if n_nodes < 1: raise ValueError(f"n_nodes must be ≥ 1, got {n_nodes}")
        self.n_nodes, self.start_timeout, self.keep_logs = n_nodes, start_timeout, keep_logs
        self.procs: list[subprocess.Popen] = []      # running (each the leader of its own process group)
        self.stopped: list[subprocess.Popen] = []    # stopped by stop()
        self.home = Path(tempfile.mkdtemp(prefix="zlwork-flower-"))
        self.port = free_port()
        self.env = {**os.environ, "FLWR_HOME": str(self.home / "flwr"), "OMP_NUM_THREADS": "1",
                    "PYTHONUNBUFFERED": "1"}

    def _spawn(self, name: str, args: list) -> subprocess.Popen:
        "Start a process in its own process group (so that stop() also ends the processes it starts)."
        log = open(self.home / f"{name}.log", "w")
        p = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=self.env, start_new_session=True,
                             cwd=self.home)
        log.close()
        self.procs.append(p)
        return p

    def start(self) -> "LocalDeployment":
        "Start the SuperLink, wait until it listens, start the SuperNodes, and name the SuperLink for `flwr`."
        (self.home / "flwr").mkdir()
        (self.home / "flwr" / "config.toml").write_text(
            f'[superlink]\ndefault = "local"\n\n[superlink.local]\naddress = "127.0.0.1:{self.port}"\n'
            "insecure = true\n")
        self._spawn("superlink", ["flower-superlink", "--insecure", "--host", "127.0.0.1", "--port", str(self.port),
                                  "--disable-runtime-dependency-installation"])
        t0 = time.monotonic()
        while not _port_open(self.port):
            if self.procs[0].poll() is not None or time.monotonic() - t0 > self.start_timeout:
                raise RuntimeError("the SuperLink did not start:\n" + self.log("superlink")[-3000:])
            time.sleep(0.2)
        for i in range(self.n_nodes):
            self._spawn(f"supernode{i}", ["flower-supernode", "--insecure", "--superlink", f"127.0.0.1:{self.port}",
                                          "--host", "127.0.0.1", "--port", str(free_port()),
                                          "--node-config", f"partition-id={i} num-partitions={self.n_nodes}"])
        return self

    def log(self, name: str) -> str:
        "The output of process `name` (superlink, supernode<i>, flwr-run) so far."
        p = self.home / f"{name}.log"
        return p.read_text(errors="replace") if p.exists() else ""

    def run(self, cfg, timeout: float = 300.0):
        "Run the experiment `cfg` (a `zlwork.fedkd.FedConfig`) with `flwr run`; returns the ServerApp's `FedResult`."
        from zlwork.fedkd_flower import read_flower_result, write_flower_app
        if cfg.n_clients != self.n_nodes:
            raise ValueError(f"the experiment has {cfg.n_clients} clients, the deployment {self.n_nodes} SuperNodes")
        out = self.home / "result.pt"
        app = write_flower_app(self.home / "app", cfg, out=str(out))
        with open(self.home / "flwr-run.log", "w") as log:
            try:
                rc = subprocess.run(["flwr", "run", str(app), "local", "--stream"], stdout=log,
                                    stderr=subprocess.STDOUT, env=self.env, timeout=timeout, cwd=self.home).returncode
            except subprocess.TimeoutExpired:
                raise TimeoutError(f"flwr run did not finish within {timeout:.0f} s:\n" + self._tails()) from None
        if rc != 0 or not out.exists():
            raise RuntimeError(f"flwr run failed (exit {rc}), no result:\n" + self._tails())
        return read_flower_result(out)

    def _tails(self) -> str:
        names = ["flwr-run", "superlink"] + [f"supernode{i}" for i in range(self.n_nodes)]
        return "\n".join(f"--- {n} ---\n{self.log(n)[-1500:]}" for n in names)

    def stop(self, grace: float = 10.0) -> None:
        "End every process started here (SIGTERM to its process group, SIGKILL after `grace` seconds)."
        for p in self.procs:
            if p.poll() is None:
                try: os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError: pass
        t0 = time.monotonic()
        for p in self.procs:
            try: p.wait(timeout=max(0.1, grace - (time.monotonic() - t0)))
            except subprocess.TimeoutExpired: pass
        for p in self.procs:
            try: os.killpg(p.pid, signal.SIGKILL)   # the group may hold children even after its leader ended
            except ProcessLookupError: pass
            p.wait()
        t0 = time.monotonic()   # children re-parented to init end as zombies until it reaps them: wait for that
        while any(_group_alive(p.pid) for p in self.procs) and time.monotonic() - t0 < grace:
            time.sleep(0.1)
        self.stopped += self.procs
        self.procs = []
        if not self.keep_logs: shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self): return self.start()
    def __exit__(self, *exc): self.stop()


def main(argv=None):
    from zlwork.fedkd import FedConfig, aggregator_overrides
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=3, help="SuperNodes = clients")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds for `flwr run`")
    ap.add_argument("--aggregator", default="mean", help="an aggregator label, e.g. expguard-filter")
    ap.add_argument("--config", default="{}", help="more FedConfig fields as JSON")
    for f in fields(FedConfig):
        if f.name in ("n_clients", "aggregator") or f.type not in ("int", "float", "str", "bool"): continue
        kind = {"int": int, "float": float, "str": str, "bool": lambda s: s.lower() in ("1", "true", "yes")}[f.type]
        ap.add_argument("--" + f.name.replace("_", "-"), dest=f.name, type=kind, default=None)
    a = vars(ap.parse_args(argv))
    over = {k: v for k, v in a.items() if v is not None and k not in ("clients", "timeout", "aggregator", "config")}
    cfg = FedConfig(n_clients=a["clients"], **aggregator_overrides(a["aggregator"]), **over, **json.loads(a["config"]))
    t0 = time.perf_counter()
    with LocalDeployment(cfg.n_clients) as dep:
        res = dep.run(cfg, timeout=a["timeout"])
    print(json.dumps(dict(accuracies=res.accuracies, byzantine=res.byzantine, rounds_per_s=res.rounds_per_second,
                          wall_s=round(time.perf_counter() - t0, 1))))
    return res


if __name__ == "__main__":
    sys.exit(0 if main() is not None else 1)
