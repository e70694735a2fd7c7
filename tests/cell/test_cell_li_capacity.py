"""The capacity of lithium metal that the cell bookkeeping uses (foil sizing, plated lithium)."""

from __future__ import annotations

from solidcell.cell.design import li_metal_capacity_mAh_g
from solidcell.chemistry.capacity import theoretical_capacity


def test_li_metal_capacity_is_the_knowledge_base_value() -> None:
    """One electron per Li atom is given rather than looked up among the curated active
    materials (which read every curated YAML file): the value is still the one the knowledge
    base's li_metal (exchanged_ions 1) gives, bit for bit: Faraday's law F / (3.6 M_Li) with
    CODATA 2018's F and M_Li = 6.941 g/mol, 3861 mAh/g."""
    looked_up = theoretical_capacity("Li")
    assert looked_up.electrons_basis == "knowledge base: li_metal (exchanged_ions)"
    assert li_metal_capacity_mAh_g() == looked_up.capacity_mAh_g
    assert round(li_metal_capacity_mAh_g()) == round(96485.33212 / (3.6 * 6.941)) == 3861
