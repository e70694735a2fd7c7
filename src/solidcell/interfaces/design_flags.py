"""Flags for the interfaces of a :class:`~solidcell.cell.design.CellDesign`.

The interfaces of a planar cell, each checked with :func:`solidcell.interfaces.compat.check_pair`
(electrolyte | electrode) or as a closed chemical reaction (electrolyte | electrolyte):

- cathode active material | cathode electrolyte (catholyte), if the cathode has one;
- cathode active material | separator electrolyte (the separator touches the cathode);
- separator electrolyte | cathode electrolyte, when they differ;
- separator electrolyte | anode material (lithium for Li-metal and anode-free cells);
- anode electrolyte | anode material, for composite anodes.

A cathode ``coating`` in the design (curated, or of the user's database with a formula) is
checked as the buffer layer of the cathode interfaces: an unstable interface that the coating
fixes is reported as ``"protected"``; a coating without a formula is named as not checked.

An uncoated pair with measured cell evidence
(:data:`solidcell.interfaces.cell_evidence.CELL_EVIDENCE`) keeps its thermodynamic status;
the evidence is its ``measured`` field ("Measured in cells" in JSON) and a last clause of its
reason, ``"; measured in cells: ..."``, with its bib keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from solidcell.errors import SolidcellError
from solidcell.interfaces.compat import (
    CHEMICAL_LIMIT,
    _reaction_energy,
    _reads_once,
    check_buffer,
    check_pair,
    electrode_range,
    reaction_scheme,
)
from solidcell.interfaces.phases import PHASES
from solidcell.reprs import concise_repr

#: The statuses of a design's interfaces, from best to worst: ``protected`` (a bare pair that
#: is unstable, fixed by the design's coating) is worse than ``kinetically limited`` (a
#: passivating interphase without a coating); ``unstable`` (a verdict of failure) is worse
#: than ``not covered`` (no verdict), so the worst status of a design names a known failure
#: (compat.STATUS_ORDER ranks the sides of one pair, never "not covered", the other way).
STATUS_SEVERITY = ("stable", "kinetically limited", "protected", "not covered", "unstable")


def worst_status(flags: Any) -> str:
    """The worst status (:data:`STATUS_SEVERITY`) of ``flags`` (InterfaceFlag objects)."""
    return max((f.status for f in flags), key=STATUS_SEVERITY.index, default="stable")


#: The clause that joins measured cell evidence to a flag's reason.
MEASURED_CLAUSE = "; measured in cells: "


def short_reason(flag: InterfaceFlag) -> str:
    """The cause of ``flag``'s status in a few words: its reason without the windows and
    ranges it was judged on, each clause cut at its first colon (a coating that fixes the
    pair is named alone; a ``not covered`` reason keeps its first clause whole); measured
    cell evidence adds "measured in cells [keys]"."""
    text = flag.reason.split(MEASURED_CLAUSE)[0].split(" (window ")[0]
    if flag.status == "protected":
        short = text.split(": ")[0]
    elif flag.status == "not covered":
        short = text.split("; ")[0]
    else:
        short = "; ".join(c.split(": ")[0] for c in text.split("; "))
    if flag.measured_sources:
        short += f"; measured in cells [{', '.join(flag.measured_sources)}]"
    return short


@dataclass(frozen=True)
class InterfaceFlag:
    """One interface of a design and its verdict."""

    interface: str
    first: str
    second: str
    status: str  # stable, kinetically limited, protected, unstable, not covered
    reason: str
    fixing_buffers: tuple[str, ...] = ()
    #: measured cell evidence of the pair (cell_evidence.evidence_text), "" when none; the
    #: status stays the thermodynamic verdict
    measured: str = ""
    measured_sources: tuple[str, ...] = ()

    @property
    def is_problem(self) -> bool:
        return self.status in ("unstable", "not covered")

    def to_json(self) -> dict[str, Any]:
        return {"Interface": self.interface, "First": self.first, "Second": self.second,
                "Status": self.status, "Reason": self.reason,
                "Buffer layers that fix it": list(self.fixing_buffers),
                "Measured in cells": self.measured or None}


@dataclass(frozen=True)
class InterfaceFlags:
    """Every interface of a design."""

    __repr__ = concise_repr

    design: str
    flags: tuple[InterfaceFlag, ...]
    scheme: str
    sources: tuple[str, ...] = field(default=())

    @property
    def problems(self) -> tuple[InterfaceFlag, ...]:
        return tuple(f for f in self.flags if f.is_problem)

    def to_json(self) -> dict[str, Any]:
        return {"Design": self.design, "Energy scheme": self.scheme,
                "Interfaces": [f.to_json() for f in self.flags],
                "Problems": len(self.problems), "sources": list(self.sources)}


def _id(ref: Any) -> str | None:
    if ref is None:
        return None
    return ref if isinstance(ref, str) else getattr(ref, "id", None)


def _known(material: str) -> bool:
    """Whether the interface analyses can resolve ``material``: a curated phase, or a material
    of the knowledge base with a formula (your own materials in ``$SOLIDCELL_DB`` included,
    analysed by their formula; before 2026-12-07 every id outside the curated phases was
    "not covered", so a halide of your own against Li metal had no verdict)."""
    if material in PHASES:
        return True
    from solidcell.errors import NotFoundError
    from solidcell.materials import get

    try:
        return get(material).formula is not None
    except NotFoundError:
        return False


def _pair_verdict(electrolyte: str, electrode: str, coating: str | None, scheme: str,
                  suggest_buffers: bool, sources: list[str]
                  ) -> tuple[str, str, tuple[str, ...]]:
    """(status, reason, fixing buffers) of the interface ``electrolyte | electrode`` with the
    cathode ``coating`` between them (None: bare); the check's sources go to ``sources``."""
    unknown = next((m for m in (electrolyte, electrode) if not _known(m)), None)
    if unknown is not None:
        return "not covered", f"{unknown} is not known to the interface analyses", ()
    try:
        pair = check_pair(electrolyte, electrode, scheme=scheme,
                          **({} if suggest_buffers else {"buffers": ()}))
    except SolidcellError as exc:
        return "not covered", str(exc), ()
    sources.extend(pair.sources)
    status, reason = pair.status, pair.reason
    if status == "unstable" and coating and not _known(coating):
        # a coating without a formula was passed over in silence (only curated ones counted)
        reason = (f"{coating} coating not checked: it is not known to the interface analyses "
                  f"(no formula); {reason}")
    elif status == "unstable" and coating:
        # any coating with a formula, the user's own included (a user's Li3PO4 was ignored
        # where the curated li3po4 made the interface "protected")
        try:
            check = check_buffer(coating, electrolyte, electrode, electrode_range(electrode),
                                 scheme)
        except SolidcellError as exc:
            return status, f"{coating} coating not checked: {exc}; {reason}", \
                pair.fixing_buffers
        if check.fixes:
            status = "protected"
            reason = f"{coating} coating: {check.reason} (bare pair: {pair.reason})"
        else:
            reason = f"{coating} coating does not fix it: {check.reason}; {reason}"
    return status, reason, pair.fixing_buffers


def _with_evidence(flag: InterfaceFlag, sources: list[str]) -> InterfaceFlag:
    """``flag`` with the measured cell evidence of its pair (electrolyte ``first``, electrode
    ``second``) as ``measured`` and a last clause of its reason, its keys added to
    ``sources``; ``flag`` itself when there is none. The status is not changed."""
    from solidcell.interfaces.cell_evidence import cell_evidence, evidence_text

    found = cell_evidence(flag.first, flag.second)
    if not found:
        return flag
    keys = tuple(dict.fromkeys(e.source for e in found))
    sources.extend(keys)
    text = evidence_text(flag.first, flag.second)
    return replace(flag, reason=flag.reason + MEASURED_CLAUSE + text, measured=text,
                   measured_sources=keys)


@_reads_once
def interface_flags(design: Any, *, scheme: str = "zhu2015",
                    suggest_buffers: bool = True) -> InterfaceFlags:
    """Check every interface of ``design`` (a CellDesign); the design is not changed.
    ``suggest_buffers``: list the buffer layers that would fix an unstable interface
    (``fixing_buffers``, each buffer checked); False skips those checks (a screen's column
    needs the verdict only; the design's own coating is checked either way)."""
    from solidcell.cell.design import CellDesign
    from solidcell.checks import instance
    from solidcell.interfaces.energies import check_scheme

    instance("design", design, CellDesign, "a CellDesign (CellDesign.from_yaml(path))")
    check_scheme(scheme)  # else every interface would read "not covered: scheme ..."
    cathode, separator, anode = design.cathode, design.separator, design.anode
    active = _id(cathode.active_material)
    catholyte = _id(cathode.electrolyte)
    coating = _id(cathode.coating)
    sep = _id(separator.electrolyte)
    anode_material = _id(anode.material) or ("li_metal" if anode.kind in ("li_metal",
                                                                         "anode_free")
                                            else anode.kind)
    anolyte = _id(getattr(anode, "electrolyte", None))
    pairs: list[tuple[str, str, str, bool]] = []  # (name, electrolyte, electrode, coated)
    if catholyte:
        pairs.append(("cathode active | catholyte", catholyte, active, bool(coating)))
    pairs.append(("cathode active | separator", sep, active, bool(coating)))
    pairs.append(("separator | anode", sep, anode_material, False))
    if anolyte:
        pairs.append(("anode active | anolyte", anolyte, anode_material, False))
    flags: list[InterfaceFlag] = []
    sources: list[str] = []
    # one check per distinct pair: the catholyte is most often the separator's electrolyte,
    # and the two cathode interfaces are then the same pair (checked twice before, each check
    # reading the electrode's potentials from the database again)
    verdicts: dict[tuple[str, str, bool], tuple[Any, ...]] = {}
    for name, electrolyte, electrode, coated in pairs:
        key = (electrolyte, electrode, coated)
        if key not in verdicts:
            verdicts[key] = _pair_verdict(electrolyte, electrode,
                                          coating if coated else None, scheme,
                                          suggest_buffers, sources)
        flag = InterfaceFlag(name, electrolyte, electrode, *verdicts[key])
        # measured cell evidence is of the bare pair: a coated interface is another contact
        flags.append(flag if coated and coating else _with_evidence(flag, sources))
    if catholyte and sep and catholyte != sep:
        try:
            energy = _reaction_energy(catholyte, sep)
            ok = energy >= CHEMICAL_LIMIT
            flags.append(InterfaceFlag(
                "catholyte | separator", catholyte, sep, "stable" if ok else "unstable",
                f"closed reaction energy {energy:.3f} eV/atom "
                f"({reaction_scheme(catholyte, sep)}); limit "
                f"{CHEMICAL_LIMIT} eV/atom"))
        except SolidcellError as exc:
            flags.append(InterfaceFlag("catholyte | separator", catholyte, sep, "not covered",
                                       str(exc)))
    return InterfaceFlags(getattr(design, "name", "cell"), tuple(flags), scheme,
                          tuple(dict.fromkeys(sources)))
