"""Measured cell evidence beside the thermodynamic interface verdict.

A pair that :func:`solidcell.interfaces.compat.check_pair` calls ``unstable`` (a reaction
energy below the limit, products that may keep growing) can still be measured to work in
cells: LiCoO2 | LiPON | Li thin-film cells are the commercial thin-film battery. The verdict is
thermodynamics and stays as it is; this table adds what was measured in cells with the pair,
with its source, so a reader sees both (docs/interfaces.md, "Measured in cells").

Each entry states only what its source's page printed (the bib note says what was read); a
pair without an entry is shown as before. Interphase growth measured in cells is listed too
(it confirms a verdict instead of softening it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellEvidence:
    """One measurement in cells of an ``electrolyte | electrode`` pair (ids of the knowledge
    base). ``cell``: the cells measured; ``kind``: ``"cycles"`` (cells cycle with the pair)
    or ``"interphase growth"`` (an interphase measured to grow); ``summary``: what was
    measured, with conditions, each number as printed in ``source``'s bib note; ``read``:
    what of the source was read."""

    electrolyte: str
    electrode: str
    cell: str
    kind: str
    summary: str
    source: str
    read: str

    def text(self) -> str:
        """The evidence as one clause with its bib key: ``cell: summary [source]``."""
        return f"{self.cell}: {self.summary} [{self.source}]"


#: The measured cell evidence, by pair (electrolyte id, electrode id).
CELL_EVIDENCE: tuple[CellEvidence, ...] = (
    CellEvidence(
        "lipon", "lco", "LiCoO2 | LiPON | Li thin-film cells", "cycles",
        "excellent capacity retention cycled up to 4.4 V, 170 +- 10 mAh/g between 3.0 and "
        "4.4 V at 0.1 mA/cm2 (cycle count not stated in the abstract)",
        "jes2002_lco_lipon_high_voltage", "abstract"),
    CellEvidence(
        "lipon", "lco", "commercial LiCoO2 | LiPON | Li thin-film cells", "interphase growth",
        "a disordered, electrochemically inactive layer between LiCoO2 and LiPON grew, "
        "with capacity loss and rising interfacial resistance, on long cycling at 80 degC",
        "jps2016_lco_lipon_cei_layer", "abstract"),
)


def cell_evidence(electrolyte: str, electrode: str) -> tuple[CellEvidence, ...]:
    """The entries of :data:`CELL_EVIDENCE` for ``electrolyte | electrode`` (ids), in table
    order; () when none."""
    return tuple(e for e in CELL_EVIDENCE
                 if (e.electrolyte, e.electrode) == (electrolyte, electrode))


def evidence_text(electrolyte: str, electrode: str) -> str:
    """The evidence of the pair as one text (clauses joined by "; "), "" when none."""
    return "; ".join(e.text() for e in cell_evidence(electrolyte, electrode))
