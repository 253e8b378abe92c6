"""Issue 25: the outside reference for `zlwork.npr` — neuraloperator 0.3.0's shipped Burgers trajectories — and the FNO
baseline from neuraloperator (the optional `[pde]` extra). Each test skips with a clear message where its package or
data is absent (CI: `pip install -e ".[pde]"` and `pip download --no-deps neuraloperator==0.3.0 -d ~/.cache/zlwork/data`)."""
import warnings

import numpy as np
import pytest
import torch

from zlwork.npr import (Burgers1D, FNOOperator, load_neuralop_burgers, neuralop_available, neuralop_burgers_pde,
                        rel_l2)


@pytest.fixture(scope="module")
def data():
    try:
        return load_neuralop_burgers()
    except FileNotFoundError as e:
        pytest.skip(f"neuraloperator 0.3.0's Burgers data is absent: {e}")


def test_zlwork_burgers_solver_matches_the_shipped_trajectories(data):
    pde = neuralop_burgers_pde(data)
    assert (pde.nu, pde.T, pde.periodic) == (0.01, 0.96, True)
    assert data["u0"].shape == (1200, 16) and data["u"].shape == (1200, 17, 16)
    np.testing.assert_array_equal(data["u"][:, 0], data["u0"])     # the first time is the initial condition
    errs = [rel_l2(pde.reference(data["u0"][i], 17), data["u"][i]) for i in (0, 1, 500, 1000, 1199)]
    assert max(errs) < 1e-2, errs                                   # in fact ~2e-4 (the IC is known on 16 points only)


def test_the_time_grid_is_the_datas(data):
    "t = 0.06 j fits; the naive t = linspace(0, 1, 17) does not (so the comparison above is not a coincidence)."
    good = rel_l2(neuralop_burgers_pde(data).reference(data["u0"][0], 17), data["u"][0])
    naive = rel_l2(Burgers1D(nu=0.01, T=1.0, periodic=True).reference(data["u0"][0], 17), data["u"][0])
    assert naive > 5 * good


def test_neuraloperator_fno_trains_and_leaves_warning_filters_alone():
    if not neuralop_available():
        pytest.skip("neuraloperator (the [pde] extra) is not installed: pip install -e '.[pde]'")
    before = list(warnings.filters)
    fno = FNOOperator(16, 17, T=0.96, periodic=True, impl="neuralop")
    assert list(warnings.filters) == before
    u0 = torch.randn(4, 16, dtype=torch.float64)
    out = fno(u0)
    assert out.shape == (4, 17, 16)
    out.square().mean().backward()
    assert all(p.grad is not None for p in fno.parameters() if p.requires_grad)
