"""The discovery rows of docs/validation.md state the errors recorded in the shipped model files
(which `test_discovery_model.py::test_shipped_model_reproduces_its_recorded_test_error`
recomputes on the OBELiX test split), so a retrained model cannot leave the table stale. The
reference of the error column: the OBELiX paper's random forest, MAE 1.54 log10(S/cm)
(therrien2026_obelix_paper)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from solidcell.discovery import model

DOC = Path(__file__).resolve().parents[2] / "docs" / "validation.md"
PAPER_RF_MAE = 1.54  # therrien2026_obelix_paper, official test split


def row(start: str) -> list[str]:
    """The cells of the validation.md table row that starts with ``start``."""
    lines = [line for line in DOC.read_text("utf-8").splitlines()
             if line.startswith(f"| {start} |")]
    assert len(lines) == 1, start
    return [cell.strip() for cell in lines[0].strip("|").split("|")]


@pytest.fixture(scope="module")
def metrics() -> dict[str, dict[str, float]]:
    return {kind: model.read_model_file(model.shipped_model_path(kind))["metrics"]
            for kind in ("composition", "structure")}


@pytest.mark.parametrize(("start", "key"), [
    ("MAE, test split, censored labels at 1e-15 S/cm", "test_mae"),
    ("MAE, test split, censored-aware (no cost below the bound)", "test_mae_censored_aware"),
    ("MAE, test split, 113 uncensored entries", "test_mae_uncensored_only"),
])
def test_the_mae_rows_are_the_recorded_ones(metrics, start: str, key: str) -> None:
    shown = re.match(r"comp\. ([0-9.]+) / struct\. ([0-9.]+)", row(start)[2])
    assert shown, row(start)
    for kind, value in zip(("composition", "structure"), shown.groups(), strict=True):
        assert round(metrics[kind][key], 2) == float(value), (kind, key)


def test_the_error_against_the_paper_is_the_difference_shown(metrics) -> None:
    error = row("MAE, test split, censored labels at 1e-15 S/cm")[3]
    shown = re.match(r"\+([0-9.]+) / \+([0-9.]+) vs the paper's RF", error)
    assert shown, error
    for kind, value in zip(("composition", "structure"), shown.groups(), strict=True):
        assert round(round(metrics[kind]["test_mae"], 2) - PAPER_RF_MAE, 2) == float(value)


def test_the_coverage_rows_are_the_recorded_ones(metrics) -> None:
    shown = re.match(r"comp\. ([0-9.]+) % / struct\. ([0-9.]+) %",
                     row("coverage of the 90 % conformal interval, test split")[2])
    assert shown
    for kind, value in zip(("composition", "structure"), shown.groups(), strict=True):
        assert round(100 * metrics[kind]["test_coverage"], 1) == float(value)
    held_out = row("mean share of a held-out paper's entries inside the 80 / 90 % interval, "
                   "grouped CV on train")[2]
    shown = re.match(r"comp\. ([0-9.]+) / ([0-9.]+) %, struct\. ([0-9.]+) / ([0-9.]+) %",
                     held_out)
    assert shown, held_out
    c80, c90, s80, s90 = map(float, shown.groups())
    for kind, (at80, at90) in (("composition", (c80, c90)), ("structure", (s80, s90))):
        assert round(100 * metrics[kind]["cv_heldout_paper_mean_coverage_80"], 1) == at80
        assert round(100 * metrics[kind]["cv_heldout_paper_mean_coverage_90"], 1) == at90
