"""zlwork.fedkd_flower on Flower's engines: a 3-client, 2-round byzantine FedDistill (one omniscient LMA client
against ExpGuard) gives the same aggregated predictions, to 1e-6 in every round, in process, on Flower's simulation
engine and on a localhost SuperLink + 3 SuperNodes deployment (`tools/flower_local.py`), whose processes are all
stopped afterwards. Needs the `fl` extra (`pip install -e ".[fl]" -c constraints-cpu.txt`); bounded: each engine has
a timeout, and every process is stopped in a `finally` (the deployment's context manager)."""
import os, sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
CFG = dict(n_clients=3, rounds=2, byzantine_frac=0.3, attack="lma", aggregator="expguard", expguard_base="median",
           n_public=200, n_private=600, n_test=500)


def test_without_flower_the_error_names_the_extra(monkeypatch):
    "Without Flower the engine raises an ImportError with the install command of the extra that exists."
    from zlwork.fedkd import FedConfig
    from zlwork.fedkd_flower import run_flower_simulation
    monkeypatch.setitem(sys.modules, "flwr", None)   # `import flwr` now raises ImportError
    with pytest.raises(ImportError, match=r'pip install -e "\.\[fl\]"'):
        run_flower_simulation(FedConfig(**CFG))


@pytest.fixture(scope="module")
def in_process():
    "The reference run, in this process with one torch thread (as every Flower process runs)."
    pytest.importorskip("flwr")
    from zlwork.fedkd import FedConfig, run_federation
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        cfg = FedConfig(**CFG)
        return cfg, run_federation(cfg, progress=False, keep_aggregates=True)
    finally:
        torch.set_num_threads(threads)


def _check_same(ref, other):
    from zlwork.fedkd_flower import max_aggregate_diff
    assert len(other.aggregates) == len(ref.aggregates) == CFG["rounds"]
    assert max_aggregate_diff(ref, other) <= 1e-6
    assert other.accuracies == ref.accuracies
    assert other.byzantine == ref.byzantine and len(ref.byzantine) == 1
    assert ref.history[-1]["byz_weight"] < 0.05          # the attack ran, and ExpGuard removed it, on both


@pytest.mark.timeout(400)
def test_flower_simulation_agrees_with_in_process(in_process):
    from zlwork.fedkd_flower import run_flower_simulation
    cfg, ref = in_process
    _check_same(ref, run_flower_simulation(cfg))


@pytest.mark.timeout(400)
def test_localhost_deployment_agrees_with_in_process(in_process):
    sys.path.insert(0, str(ROOT / "tools"))
    from flower_local import LocalDeployment
    cfg, ref = in_process
    dep = LocalDeployment(n_nodes=cfg.n_clients)
    try:
        dep.start()
        assert len(dep.procs) == 1 + cfg.n_clients
        res = dep.run(cfg, timeout=300)
    finally:
        dep.stop()
    _check_same(ref, res)
    assert len(dep.stopped) == 1 + cfg.n_clients and all(p.returncode is not None for p in dep.stopped)
    for p in dep.stopped:                               # no process of any group is left (children included)
        with pytest.raises(ProcessLookupError):
            os.killpg(p.pid, 0)
    assert not dep.home.exists()


def test_deployment_refuses_a_mismatched_experiment():
    sys.path.insert(0, str(ROOT / "tools"))
    pytest.importorskip("flwr")
    from flower_local import LocalDeployment
    from zlwork.fedkd import FedConfig
    dep = LocalDeployment(n_nodes=2)
    try:
        with pytest.raises(ValueError, match="3 clients, the deployment 2 SuperNodes"):
            dep.run(FedConfig(**CFG))
    finally:
        dep.stop()
