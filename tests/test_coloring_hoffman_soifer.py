"""The exact verifier of zlwork.coloring on a known off-diagonal construction (issue 18).

Hoffman–Soifer / Soifer's continuum: six-colourings of type (1,1,1,1,1,d) — octagons in five colours avoid distance
1, squares in the sixth avoid d — exist for sqrt(2)-1 <= d <= 1/sqrt(5). The exact per-point test must find no
conflict inside that range and a positive conflict rate outside it (nearest member of the family).
"""
import math

import numpy as np
import pytest

from zlwork.coloring import (
    HOFFMAN_SOIFER_RANGE,
    GridColoring,
    embed_colouring,
    hoffman_soifer,
    hoffman_soifer_certificate,
    square_basis,
)


def test_range_is_the_published_one():
    assert HOFFMAN_SOIFER_RANGE == pytest.approx((math.sqrt(2) - 1, 1 / math.sqrt(5)))


@pytest.mark.parametrize("d", [0.415, 0.43, 0.447])
def test_no_conflict_inside_the_range(d):
    col = hoffman_soifer(d)
    assert hoffman_soifer_certificate(d)["proper"]
    assert col.area_check() == pytest.approx(1.0)
    assert col.conflict_rate(3000, seed=0)["conflicts"] == 0


@pytest.mark.parametrize("d", [0.40, 0.46])
def test_conflicts_outside_the_range(d):
    col = hoffman_soifer(d)
    assert not hoffman_soifer_certificate(d)["proper"]
    assert col.conflict_rate(3000, seed=0)["conflicts"] > 0


def test_geometry_outside_the_range_fails_for_the_right_reason():
    small, large = hoffman_soifer_certificate(0.40), hoffman_soifer_certificate(0.46)
    assert small["square_diagonal"] > 0.40  # squares too large: d is realised inside a square
    assert large["square_gap"] < 0.46  # squares too close: d is realised between two squares
    for c in (small, large):  # the five octagon colours stay proper (tight at distance 1)
        assert c["octagon_diameter"] <= 1 + 1e-9 and c["same_colour_gap"] >= 1 - 1e-9


def test_adding_an_unused_colour_keeps_every_conflict():
    g5 = GridColoring(np.random.default_rng(0).integers(0, 5, (8, 8)), square_basis(2.2), [1, 1, 1, 1, 0.45])
    g6 = embed_colouring(g5)
    pts = g5.sample_points(400, np.random.default_rng(1))
    assert g6.k == 6 and (g6.point_conflicts(pts) == g5.point_conflicts(pts)).all()
