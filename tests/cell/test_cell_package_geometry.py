"""The package's lengths have the geometric bounds of the layers, on both paths (the scalar
``CellDesign``/``evaluate`` and ``core``'s reason 12), where the format reads them (cell.energy
``core``): a casing wall of a stacked cell (pouch, prismatic, thin film) thinner than the
electrode's smaller in-plane side, as every layer (``PLANE_ALLOWED``); a pouch's seal
(footprint ``(width + 2 seal) x (height + 2 seal)``; a thin film's is not bounded) narrower
than that side; a prismatic can's headspace (can height ``electrode height + headspace + 2
casing``) lower than the electrode's height. ``seal_width: 5`` (a bare number: metres,
meant as mm) was a 5 m seal.
A cylindrical can bounds its casing and headspace already (no room for the roll: reason 3).
A 3D repeat unit wider than the electrode is named, on both paths, by its widest term."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import (
    HEADSPACE_ALLOWED,
    PLANE_ALLOWED,
    REPEAT_UNIT_RULE,
    SEAL_ALLOWED,
    CellDesign,
    shown_number,
)
from solidcell.cell.energy import (
    DETAIL_KEY,
    FORMAT_CODES,
    OFF_LIMITS,
    core,
    design_parameters,
    evaluate,
    evaluate_many,
    off_limits,
)
from solidcell.errors import SolidcellError, ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_CACHE: dict[str, Any] = {}
#: the EV example's layers wound in a can (an 18650-like size, a valid input)
CAN = {"kind": "cylindrical", "diameter_m": 0.021, "height_m": 0.07,
       "casing_material": "al_foil", "casing_thickness_m": 3e-4}
#: the rules of the package's geometry (the casing's is the layers')
RULES = {"format.casing_thickness_m": PLANE_ALLOWED, "format.seal_width_m": SEAL_ALLOWED,
         "format.headspace_m": HEADSPACE_ALLOWED}


def row_shown(err: ValidationError) -> Any:
    """The value of a design refusal as ``core``'s row shows it: the design shows the number
    it keeps (``5.0``, as given), a row the number in the unit a user reads (``'5000 mm'``,
    cell.design ``shown_number``)."""
    return err.value if isinstance(err.value, str) else shown_number(err.field, err.value)


def as_row(err: ValidationError) -> ValidationError:
    """``err`` with its value as ``core``'s row shows it (:func:`row_shown`)."""
    return ValidationError(err.field, row_shown(err), err.allowed)


def base(kind: str) -> CellDesign:
    """A design of format ``kind``: the EV example as a pouch or a prismatic cell (or wound in
    a can), the thin-film example as a thin film."""
    if kind not in _CACHE:
        if kind == "thin_film":
            d = CellDesign.from_yaml(EXAMPLES / "thin-film-lco-lipon-li.yaml")
        else:
            d = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
            d = d.replace(format=CAN) if kind == "cylindrical" \
                else d.replace(**{"format.kind": kind})
        _CACHE[kind] = (d, design_parameters(d.resolved()))
    return _CACHE[kind][0]


def params(kind: str) -> dict[str, Any]:
    base(kind)
    return dict(_CACHE[kind][1])


def refusal(d: CellDesign, changes: dict[str, Any]) -> ValidationError | None:
    try:
        d.replace(**changes)
    except ValidationError as exc:
        return exc
    return None


def ev_data() -> dict[str, Any]:
    import yaml

    return yaml.safe_load((EXAMPLES / "ev-nmc811-lpscl-li.yaml").read_text())


def test_a_seal_of_metres_is_refused_on_both_paths() -> None:
    """``seal_width: 5`` meant as mm on the EV pouch (100 mm x 200 mm electrodes)."""
    d = ev_data()
    d["format"].pop("seal_width")
    d["format"]["seal_width_m"] = 5
    with pytest.raises(ValidationError, match=re.escape(  # the number as given
            f"format.seal_width_m: 5.0 is not allowed; {SEAL_ALLOWED}")):
        CellDesign.from_dict(d)
    p = {**params("pouch"), "seal_width_m": 5.0}
    assert int(core(p)["Reason code"]) == OFF_LIMITS
    found = off_limits(p)[0]
    assert (found.field, found.shown, found.allowed) == ("format.seal_width_m", "5000 mm",
                                                         SEAL_ALLOWED)


def test_a_seal_typed_with_its_unit_is_named_as_typed() -> None:
    d = ev_data()
    d["format"]["seal_width"] = "150 mm"  # wider than the 100 mm side
    with pytest.raises(ValidationError) as err:
        CellDesign.from_dict(d)
    assert err.value.field == "format.seal_width" and err.value.value == "150 mm"
    d["format"]["seal_width"] = "99 mm"  # narrower: a wide seal, still a seal
    assert CellDesign.from_dict(d).format.seal_width_m == pytest.approx(0.099)


@pytest.mark.parametrize("kind", ["pouch", "prismatic", "thin_film"])
def test_a_casing_as_thick_as_the_cell_is_wide_is_refused(kind: str) -> None:
    d = base(kind)
    side = min(d.format.electrode_width_m, d.format.electrode_height_m)  # type: ignore
    err = refusal(d, {"format.casing_thickness_m": side})
    assert err is not None and err.field == "format.casing_thickness_m"
    assert err.allowed == PLANE_ALLOWED
    p = {**params(kind), "casing_thickness_m": side}
    assert int(core(p)["Reason code"]) == OFF_LIMITS
    found = off_limits(p)[0]
    assert (found.field, found.shown, found.allowed) == (err.field, row_shown(err),
                                                         PLANE_ALLOWED)
    assert refusal(d, {"format.casing_thickness_m": side * 0.999}) is None


def test_a_headspace_is_bounded_where_the_format_reads_it() -> None:
    """Prismatic: below the electrode's height (200 mm), not its width (100 mm); a pouch and a
    thin film read no headspace, a prismatic can no seal: not refused (nor used)."""
    d = base("prismatic")
    assert refusal(d, {"format.headspace_m": 0.15}) is None
    err = refusal(d, {"format.headspace_m": 0.2})
    assert err is not None and err.field == "format.headspace_m"
    assert (err.value, err.allowed) == (0.2, HEADSPACE_ALLOWED)  # the number as given
    found = off_limits({**params("prismatic"), "headspace_m": 0.2})[0]
    assert (found.field, found.shown, found.allowed) == (err.field, "200 mm", err.allowed)
    assert refusal(d, {"format.seal_width_m": 5.0}) is None
    assert int(core({**params("prismatic"), "seal_width_m": 5.0})["Reason code"]) == 0
    for kind in ("pouch", "thin_film"):
        assert refusal(base(kind), {"format.headspace_m": 5.0}) is None
        assert int(core({**params(kind), "headspace_m": 5.0})["Reason code"]) == 0


def test_a_thin_film_seal_as_wide_as_its_electrode_is_kept() -> None:
    """A millimetre-size microbattery's encapsulation margin may be as wide as its electrode:
    a thin film's seal is not bounded by it (a pouch's is), on both paths."""
    d = base("thin_film")
    seal = 2.0 * min(d.format.electrode_width_m, d.format.electrode_height_m)  # type: ignore
    assert refusal(d, {"format.seal_width_m": seal}) is None
    assert int(core({**params("thin_film"), "seal_width_m": seal})["Reason code"]) == 0


@pytest.mark.parametrize("changes", [{"casing_thickness_m": 0.011}, {"headspace_m": 0.07}])
def test_a_can_bounds_its_casing_and_headspace_on_both_paths(changes: dict[str, float]
                                                             ) -> None:
    """A cylindrical can of 21 mm x 70 mm: a wall of 11 mm leaves no room inside; a 70 mm
    headspace no height for the electrodes (the design model refuses, core gives reason 3)."""
    path = {"casing_thickness_m": "format.casing_thickness_m",
            "headspace_m": "format.headspace_m"}
    (column, x), = changes.items()
    err = refusal(base("cylindrical"), {path[column]: x})
    assert err is not None and err.field in ("format.diameter_m", "format.height_m")
    assert int(core({**params("cylindrical"), **changes})["Reason code"]) == 3


def test_a_repeat_unit_is_named_by_its_widest_term_on_both_paths() -> None:
    """The vertically aligned example (40 um channels, 10 um walls) on a 50 mm electrode:
    walls of 60 mm (gap_m, meant as um) make the widest term; both paths name gap_m."""
    d = CellDesign.from_yaml(EXAMPLES / "vertically-aligned-lco-llzo-li.yaml")
    err = refusal(d, {"architecture.gap_m": 0.06})
    assert err is not None and err.field == "architecture.gap_m" and err.value == 0.06
    assert REPEAT_UNIT_RULE in err.allowed
    p = {**design_parameters(d.resolved()), "gap_m": 0.06}
    found = off_limits(p)[0]  # a row shows the number in um
    assert (found.field, found.shown, found.allowed) == (err.field, "60000 um", err.allowed)
    assert found.text.startswith(str(as_row(err)))


# --- scalar and batch agree on drawn packages ------------------------------------------------
_LENGTH = st.floats(-6.0, 0.5).map(lambda e: 10.0 ** e)  # 1 um .. 3 m, log-uniform
_SIDE = st.floats(-3.5, -0.5).map(lambda e: 10.0 ** e)  # 0.3 mm .. 0.3 m
#: design field -> core column of each drawn length
_DRAWN = {"format.casing_thickness_m": "casing_thickness_m",
          "format.seal_width_m": "seal_width_m", "format.headspace_m": "headspace_m"}


def _scalar(d: CellDesign, changes: dict[str, float]) -> tuple[bool, SolidcellError | None]:
    """(feasible, the refusal) of the design with ``changes``, built and evaluated."""
    try:
        return evaluate(d.replace(**changes)).feasible, None
    except SolidcellError as exc:
        return False, exc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["pouch", "prismatic", "thin_film"]),
       lengths=st.fixed_dictionaries({f: _LENGTH for f in _DRAWN}), w=_SIDE, h=_SIDE)
def test_scalar_and_batch_agree_on_drawn_packages(kind: str, lengths: dict[str, float],
                                                  w: float, h: float) -> None:
    """Drawn casing, seal, headspace and electrode sides: the scalar design is feasible
    exactly where ``evaluate_many``'s row is (reason 0); where both refuse the package's
    geometry, they name the same field with the same words."""
    d = base(kind)
    changes = {**lengths, "format.electrode_width_m": w, "format.electrode_height_m": h}
    p = params(kind)
    p.update({col: lengths[f] for f, col in _DRAWN.items()}, electrode_width_m=w,
             electrode_height_m=h, format=float(FORMAT_CODES[kind]))
    batch = evaluate_many({k: np.array([v]) for k, v in p.items()})
    code = int(batch["Reason code"][0])
    feasible, exc = _scalar(d, changes)
    assert feasible == (code == 0), (changes, code, exc)
    if isinstance(exc, ValidationError) and exc.field in RULES \
            and exc.allowed == RULES[exc.field]:
        assert code == OFF_LIMITS
        assert batch[DETAIL_KEY][0].startswith(str(as_row(exc))), (str(exc),
                                                                    batch[DETAIL_KEY][0])
    # the rules as stated, read here: each package length the row breaks is refused
    side = min(w, h)
    breaks = (lengths["format.casing_thickness_m"] >= side
              or (kind == "pouch" and lengths["format.seal_width_m"] >= side)
              or (kind == "prismatic" and lengths["format.headspace_m"] >= h))
    if breaks:
        assert code != 0 and not feasible
