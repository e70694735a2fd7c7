"""The shipped real_cells.csv and how its figures are read."""

from __future__ import annotations

import hashlib
from importlib import resources

from hypothesis import example, given
from hypothesis import strategies as st

from solidcell.citations import reference
from solidcell.report.real_cells import SOURCE_KEY, _plain, real_cells

SHA256 = "c6058d803cce851767f3f5881efaae7ed0076397818863fb429ef4e7c0e2e1a3"


def test_shipped_file_is_the_documented_copy() -> None:
    data = resources.files("solidcell.report").joinpath("data", "real_cells.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256
    assert reference(SOURCE_KEY).key == SOURCE_KEY


def test_rows_keep_their_sources() -> None:
    cells = real_cells()
    assert len(cells) == 23
    assert all(c.source and c.url for c in cells)


def test_plain_figures_only() -> None:
    by_name = {c.cell: c for c in real_cells()}
    # QuantumScape, 'A First Look at the QSE-5 B Sample' (23 Oct 2024): 301 Wh/kg, 844 Wh/L
    qse = by_name["QSE-5 B-sample"]
    assert qse.gravimetric_energy_density_Wh_kg == 301.0
    assert qse.volumetric_energy_density_Wh_L == 844.0
    # a target stays text: Factorial Solstice 'up to 450 (target)' (electrive, 14 Dec 2024)
    solstice = by_name["Solstice 40 Ah"]
    assert solstice.gravimetric_energy_density_Wh_kg is None
    assert "450" in solstice.gravimetric_text
    # the parser itself: a plain number is read, a qualified one is not
    assert (_plain("301"), _plain(" 844 "), _plain("up to 450 (target)")) == (301.0, 844.0, None)


@given(st.text(max_size=30))
@example("0\x1f")  # a Unicode separator: \s matched it, float() refuses it
def test_plain_number_parser_never_invents(text: str) -> None:
    value = _plain(text)
    if value is not None:
        assert float(text.strip()) == value
