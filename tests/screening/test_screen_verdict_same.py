"""The screen's interface verdict (``interface_verdict``, from ``interface_flags``, which now
checks each distinct pair once: the two cathode interfaces share a pair when the catholyte is
the separator's electrolyte) is the verdict of every pair checked on its own, as before, on the
shipped examples and on drawn designs (materials and coating swapped)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError
from solidcell.interfaces.cell_evidence import evidence_text
from solidcell.interfaces.compat import check_buffer, check_pair, electrode_range
from solidcell.interfaces.design_flags import (
    MEASURED_CLAUSE,
    _known,
    interface_flags,
    short_reason,
    worst_status,
)
from solidcell.interfaces.phases import BUFFER_LAYERS, PHASES
from solidcell.screening.screen import interface_verdict

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
ELECTROLYTES = ["li6ps5cl", "li3ps4", "li3incl6", "llzo", "lgps", "latp", "lipon",
                "peo_litfsi", "li7p3s11"]
CATHODES = ["nmc811", "lco", "lfp", "nca"]


def _former_flag(electrolyte: str, electrode: str, coating: str | None) -> tuple:
    """(status, reason, fixing buffers) of one pair as interface_flags checked each pair
    before (2026-12-07): check_pair, then the coating's check_buffer."""
    unknown = next((m for m in (electrolyte, electrode) if not _known(m)), None)
    if unknown is not None:
        return "not covered", f"{unknown} is not known to the interface analyses", ()
    try:
        pair = check_pair(electrolyte, electrode, buffers=())
    except SolidcellError as exc:
        return "not covered", str(exc), ()
    status, reason = pair.status, pair.reason
    if status == "unstable" and coating and coating in PHASES:
        check = check_buffer(coating, electrolyte, electrode, electrode_range(electrode),
                             "zhu2015")
        if check.fixes:
            status = "protected"
            reason = f"{coating} coating: {check.reason} (bare pair: {pair.reason})"
        else:
            reason = f"{coating} coating does not fix it: {check.reason}; {reason}"
    return status, reason, pair.fixing_buffers


def _check(design: CellDesign) -> None:
    flags = interface_flags(design, suggest_buffers=False)
    coating = design.cathode.coating
    coating = coating if coating is None or isinstance(coating, str) else coating.id
    for flag in flags.flags:
        if flag.interface == "catholyte | separator":
            continue
        coated = flag.interface.startswith("cathode active") and coating
        # measured cell evidence (H289) is a last clause of an uncoated pair's reason only
        evidence = "" if coated else evidence_text(flag.first, flag.second)
        reason = flag.reason.removesuffix(MEASURED_CLAUSE + evidence) if evidence else \
            flag.reason
        assert flag.measured == evidence
        assert (flag.status, reason, flag.fixing_buffers) == _former_flag(
            flag.first, flag.second, coating if coated else None)
    verdict = interface_verdict(design)
    worst = worst_status(flags.flags)
    assert verdict.worst == worst
    assert verdict.issues == ("" if worst == "stable" else "; ".join(
        f"{f.interface} ({f.first} | {f.second}): {short_reason(f)}" for f in flags.flags
        if f.status == worst))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_keep_their_verdicts(path: Path) -> None:
    _check(CellDesign.from_file(path))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(EXAMPLES), separator=st.sampled_from(ELECTROLYTES),
       cathode=st.sampled_from(CATHODES), coating=st.sampled_from([*BUFFER_LAYERS, None]),
       same_catholyte=st.booleans())
def test_drawn_designs_keep_their_verdicts(path: Path, separator: str, cathode: str,
                                           coating: str | None, same_catholyte: bool) -> None:
    base = CellDesign.from_file(path)
    changes = {"separator.electrolyte": separator, "cathode.active_material": cathode,
               "cathode.coating": coating,
               "cathode.coating_thickness_m": 5e-9 if coating else 0.0}
    if same_catholyte and base.cathode.electrolyte is not None:
        changes["cathode.electrolyte"] = separator  # the two cathode interfaces: one pair
    try:
        design = base.replace(**changes)
    except SolidcellError:  # a combination the design model refuses
        return
    _check(design)
