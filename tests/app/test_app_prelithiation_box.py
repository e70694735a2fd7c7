"""The design tab with a host anode whose held lithium the file gives as ``anode.prelithiation``
(a fraction of the host's capacity, docs/cell.md): the box ``anode-held-li`` shows it as the
engine resolves it, in um of dense lithium (it showed 0 um, the unused
``excess_li_thickness_m``); typed there, the dense lithium replaces the fraction
(``CellDesign.replace`` keeps one form); the engine's refusals naming ``anode.prelithiation``
stand beside that box. Properties only: the page equals the engine.
"""

from __future__ import annotations

import pytest

from solidcell.cell.design import CellDesign

#: Li0.5In: the sulfur | Li-In cell of tests/app/test_app_held_lithium.py with its indium
#: holding half its capacity
SULFUR_LI_HALF_IN = """\
name: sulfur Li0.5In
cathode: {active_material: sulfur, electrolyte: li6ps5cl, carbon: vgcf, active_fraction: 0.4,
          electrolyte_fraction: 0.4, carbon_fraction: 0.2, thickness: 60 um}
anode: {kind: li_in, thickness: 100 um, prelithiation: 0.5}
separator: {electrolyte: li6ps5cl, thickness: 30 um}
cathode_current_collector: {material: al_foil, thickness: 12 um}
anode_current_collector: {material: cu_foil, thickness: 8 um}
"""


def test_the_box_shows_the_resolved_dense_lithium() -> None:
    from solidcell.app.server import form_values, held_lithium_note, shown
    from solidcell.report.summary import summarize

    design = CellDesign.from_yaml(SULFUR_LI_HALF_IN)
    held_m = design.resolved().held_li_thickness_m
    assert held_m > 0
    assert form_values(design)["anode-held-li"] == float(shown(held_m * 1e6))
    # the note on the held lithium's volume is said for this form too
    note = held_lithium_note(design, summarize(design).energy)
    assert note is not None and "prelithiation" in note


def test_typing_the_box_replaces_the_fraction() -> None:
    from solidcell.app.server import design_changes, form_values

    design = CellDesign.from_yaml(SULFUR_LI_HALF_IN)
    original = form_values(design)
    changes = design_changes({**original, "anode-held-li": "60"}, original)
    edited = design.replace(**changes)
    assert edited.anode.prelithiation is None
    assert edited.anode.excess_li_thickness_m == pytest.approx(60e-6)
    # an untouched box leaves the fraction (a thicker foil then holds more, as x stays)
    thicker = design.replace(**design_changes({**original, "anode-thickness": "150"},
                                              original))
    assert thicker.anode.prelithiation == 0.5
    assert thicker.resolved().held_li_thickness_m == pytest.approx(
        1.5 * design.resolved().held_li_thickness_m, rel=1e-12)


def test_a_refused_fraction_belongs_to_the_held_lithium_box() -> None:
    from solidcell.app.server import field_of_error
    from solidcell.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        CellDesign.from_yaml(SULFUR_LI_HALF_IN.replace("0.5}", "0.3}")).resolved()
    assert info.value.field == "anode.prelithiation"  # less than the sulfur's capacity
    assert field_of_error(info.value) == "anode-held-li"
