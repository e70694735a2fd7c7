"""Chemical reactivity of an interface: reaction energy against mixing ratio.

For reactants A and B (compositions normalised per atom, or per atom other than the open
element when the interface is open to lithium), the mixture ``x A + (1 - x) B`` reacts to its
equilibrium assemblage; the reaction energy is (Richards et al. 2016; Zhu, He & Mo 2016)

    E_rxn(x) = H(x a + (1 - x) b) - x H(a) - (1 - x) H(b)     [eV per atom of mixture]

(open: per atom other than the open element, and x the fraction of A among those atoms;
:meth:`InterfaceReaction.ratio_all_atoms` gives x counting every atom of the written
reactants, pymatgen's x)

with H the convex-hull energy (closed system) or the grand potential at the electrode's
lithium chemical potential mu_Li = -e V (open system). Both reactants are taken at their own
equilibrium (hull) energy, so E_rxn is the driving force of the mixing reaction alone; a
reactant's own decomposition at that potential is its stability window's business. E_rxn is
convex in x (the hull is convex), so its most negative value is found by a golden-section
search; the curve is also tabulated on a grid for plots. pymatgen's ``InterfacialReactivity``
computes the same quantity from facets (a test compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from solidcell.checks import finite_real, flag, instance, is_integer
from solidcell.errors import ValidationError
from solidcell.interfaces.energies import (
    EnergyTable,
    NotCoveredError,
    composition_of,
    entry_pairs,
    replacement_notes,
    shipped_table,
)
from solidcell.interfaces.hull import closed_equilibrium, open_equilibrium
from solidcell.interfaces.stability import (
    MU_MIN,
    check_assemblage_compounds,
    check_open_element,
    golden_max,
    not_covered_message,
    resolve_target,
)
from solidcell.reprs import concise_repr

#: reaction energies above -this [eV/atom] are LP round-off, reported as 0 (no reaction)
NO_REACTION_EV_ATOM = 1e-6
REACTION_SOURCES = ("richards2016_interface", "zhu2016_interfaces", "ong2008_grand_potential")
#: default energy scheme of reactions: consistent corrections across mixed S/O systems (in
#: ``zhu2015`` a sulfide | oxide mixture mixes corrected and uncorrected anions, S8O appears).
#: The API defaulted to ``zhu2015`` while the docs, ``solidcell react`` and ``compat`` used this
#: one: Li3PS4 | LiCoO2 gave -0.423 eV/atom in Python and -0.402 eV/atom on the command line.
REACTION_SCHEME = "mp2019-legacy"


@dataclass(frozen=True)
class InterfaceReaction:
    """Reaction energy of A | B against the atomic fraction x of A in the mixture."""

    __repr__ = concise_repr

    reactant_a: str
    reactant_b: str
    open_element: str | None
    potential_V: float | None
    mixing_ratio: np.ndarray
    reaction_energy_eV_atom: np.ndarray
    most_negative_ratio: float | None  # None: no reaction, so no ratio to name
    most_negative_energy_eV_atom: float
    products: tuple[tuple[str, float], ...]
    scheme: str
    snapshot: str
    note: str = ""
    sources: tuple[str, ...] = field(default=REACTION_SOURCES)
    #: atoms of A and of B (as written) per atom of the basis: 1 closed; all atoms per atom
    #: other than the open element when open (Li2S: 3, LiCoO2: 4/3)
    atoms_per_basis_atom: tuple[float, float] = (1.0, 1.0)

    @property
    def basis(self) -> str:
        """The atoms the energies and mixing ratios are per: ``"atoms"`` (closed) or
        ``"atoms other than Li"`` (open; the grand-potential convention, Ong et al. 2008,
        as pymatgen's GrandPotentialInterfacialReactivity normalises)."""
        return "atoms" if self.open_element is None else f"atoms other than {self.open_element}"

    def ratio_all_atoms(self, x: float) -> float:
        """Mixing ratio ``x`` (fraction of A in :attr:`basis`) as the atomic fraction of A
        counting every atom of the written reactants, the open element included (pymatgen's
        x): x n_A / (x n_A + (1 - x) n_B), n the atoms per basis atom. Closed: ``x``."""
        n_a, n_b = self.atoms_per_basis_atom
        return x * n_a / (x * n_a + (1.0 - x) * n_b)

    @property
    def most_negative_ratio_all_atoms(self) -> float | None:
        """:attr:`most_negative_ratio` counting every atom (:meth:`ratio_all_atoms`)."""
        x = self.most_negative_ratio
        return None if x is None else (x if self.open_element is None
                                       else self.ratio_all_atoms(x))

    @property
    def reacts(self) -> bool:
        """True when some mixture has a negative reaction energy (beyond 1 meV/atom)."""
        return self.most_negative_energy_eV_atom < -1e-3

    def to_json(self) -> dict[str, Any]:
        return {
            "Reactant A": self.reactant_a,
            "Reactant B": self.reactant_b,
            "Open element": self.open_element,
            "Potential [V]": self.potential_V,
            "Mixing ratio (atomic fraction of A)": self.mixing_ratio.tolist(),
            "Reaction energy [eV.atom-1]": self.reaction_energy_eV_atom.tolist(),
            "Most negative reaction ratio": self.most_negative_ratio,
            "Normalisation": (f"per atom other than {self.open_element} of the reactants"
                              if self.open_element else "per atom of the reactants"),
            "Most negative reaction ratio, all atoms": self.most_negative_ratio_all_atoms,
            "Most negative reaction energy [eV.atom-1]": self.most_negative_energy_eV_atom,
            "Products": [f for f, _ in self.products],
            "Product amounts [per atom of mixture]": [n for _, n in self.products],
            "Energy scheme": self.scheme,
            "Data snapshot": self.snapshot,
            "Note": self.note,
            "sources": list(self.sources),
        }


def _above_hull_note(formula: str, composition: dict[str, float], table: EnergyTable
                     ) -> str | None:
    """Note for a reactant of the data that lies above the hull: it enters at its hull energy.

    E_rxn takes both reactants at their hull energy (module docstring), so a metastable
    reactant reacts as its equilibrium assemblage; its own decomposition energy is left out.
    """
    i = table.index(composition)
    if i is None:
        return None
    counts = table.counts[i].astype(float)
    natoms = float(counts.sum())
    hull = closed_equilibrium(table, counts)
    e_hull = (float(table.energies[i]) - hull.energy) / natoms
    if e_hull <= NO_REACTION_EV_ATOM:
        return None
    phases = " + ".join(sorted(hull.amounts, key=lambda f: -hull.amounts[f]))
    return (f"{formula} is {e_hull:.3g} eV/atom above the hull in these data: taken at its "
            f"hull energy, as its equilibrium assemblage ({phases}); its own decomposition "
            "energy is not in the reaction energy")


def interface_reaction(
    a: str,
    b: str,
    *,
    potential_V: float | None = None,
    open_element: str = "Li",
    scheme: str = REACTION_SCHEME,
    entries: Sequence[tuple[str, float]] | None = None,
    table: EnergyTable | None = None,
    points: int = 41,
    use_standin: bool = True,
) -> InterfaceReaction:
    """Reaction energy of the interface ``a | b`` (ids or formulas).

    Closed (``potential_V=None``) or open to ``open_element`` at ``potential_V`` (V vs its
    metal). ``scheme`` defaults to ``mp2019-legacy`` (:data:`REACTION_SCHEME`), as in
    ``solidcell react`` and the compatibility matrix. Reactants the data lack (NMC811, ...)
    are taken as their equilibrium assemblage, which the note states.
    """
    if not is_integer(points) or points < 3:
        raise ValidationError("points", points, "use 3 or more grid points (an integer)")
    points = int(points)
    try:  # 10**400 points: NumPy's "Maximum allowed size exceeded" (a ValueError), or memory
        grid = np.linspace(0.0, 1.0, points)
    except (ValueError, MemoryError, OverflowError):
        raise ValidationError("points", points, "use 3 or more grid points (an integer) "
                              "whose grid of mixing ratios fits in memory (8 bytes each)"
                              ) from None
    if potential_V is not None:
        potential_V = finite_real("potential_V", potential_V,
                                  f"a potential from 0 to {-MU_MIN:g} V (or None: closed)")
    open_element = check_open_element(open_element) or "Li"
    use_standin = flag("use_standin", use_standin)
    if table is not None:
        instance("table", table, EnergyTable, "an EnergyTable (or None for the shipped data)")
    base = table if table is not None else shipped_table(scheme)
    before = base
    entries = entry_pairs(entries)
    if entries:
        base = base.with_entries(entries)
    ta = resolve_target(a, use_standin=use_standin, table=base, field="first reactant")
    tb = resolve_target(b, use_standin=use_standin, table=base, field="second reactant")
    ca = composition_of(ta.formula, "first reactant")
    cb = composition_of(tb.formula, "second reactant")
    for t, c in ((ta, ca), (tb, cb)):
        try:
            base.vector(c)
        except NotCoveredError as exc:  # name the reactant whose elements are missing
            raise NotCoveredError(f"{t.formula}: {exc}") from None
    elements = set(ca) | set(cb) | ({open_element} if potential_V is not None else set())
    sub = base.subsystem(elements)
    notes = [t.note for t in (ta, tb) if t.note]
    notes += replacement_notes(before, entries or (), sub.elements)
    for t, c in ((ta, ca), (tb, cb)):
        if sub.index(c) is None:
            if len(c) == 1:
                raise NotCoveredError(not_covered_message(t.formula, base))
            check_assemblage_compounds(  # LiBr + Y + Br for Li3YBr6 gave -0.59 eV/atom
                t.formula, closed_equilibrium(sub, sub.vector(c)).amounts, sub)
            notes.append(f"{t.formula} is not in the data: taken as its equilibrium assemblage")
        else:
            above = _above_hull_note(t.formula, c, sub)
            if above:  # LiNi4O8 (0.066 eV/atom above) reacted as LiNi2O4 + Ni3O4 + O2 unsaid
                notes.append(above)
    va, vb = sub.vector(ca), sub.vector(cb)
    assert va is not None and vb is not None

    per_basis = (1.0, 1.0)
    if potential_V is None:
        j = None
        warm: dict[bytes, list[list[int]]] = {}  # nearby mixtures share optimal bases

        def energy(v: np.ndarray) -> float:
            return closed_equilibrium(sub, v, warm).energy

        va, vb = va / va.sum(), vb / vb.sum()
    else:
        mu = -float(potential_V)
        if not MU_MIN <= mu <= 0.0:
            raise ValidationError("potential_V", potential_V, f"use 0 to {-MU_MIN:g} V")
        if open_element not in sub.elements:
            raise NotCoveredError(
                f"the energy table has no data for the open element {open_element}")
        j = sub.elements.index(open_element)
        if set(ca) == {open_element} or set(cb) == {open_element}:
            raise ValidationError(
                "reactants", (a, b),
                f"open to {open_element}, the metal itself is the reservoir; compute the "
                "closed reaction or the other reactant's window instead")
        va, vb = va.copy(), vb.copy()
        per_basis = (float(va.sum()) / (float(va.sum()) - float(va[j])),
                     float(vb.sum()) / (float(vb.sum()) - float(vb[j])))
        va[j] = vb[j] = 0.0  # open element is free
        va, vb = va / va.sum(), vb / vb.sum()

        def energy(v: np.ndarray) -> float:
            return open_equilibrium(sub, v, j, mu).energy

    ea, eb = energy(va), energy(vb)

    def e_rxn(x: float) -> float:
        return energy(x * va + (1 - x) * vb) - x * ea - (1 - x) * eb

    curve = np.array([0.0, *[e_rxn(x) for x in grid[1:-1]], 0.0])
    k = int(np.argmin(curve))
    lo, hi = grid[max(0, k - 1)], grid[min(points - 1, k + 1)]
    # the reaction energy is convex: golden-section search between the grid neighbours
    x_min = golden_max(lambda x: -e_rxn(x), float(lo), float(hi), iterations=30)
    e_min = min(e_rxn(x_min), float(curve[k]))
    if e_min == float(curve[k]):
        x_min = float(grid[k])
    v_min = x_min * va + (1 - x_min) * vb
    if j is None:
        assemblage = closed_equilibrium(sub, v_min)
    else:
        assemblage = open_equilibrium(sub, v_min, j, -float(potential_V))
    products = tuple(sorted(assemblage.amounts.items(), key=lambda kv: -kv[1]))
    ratio: float | None = float(x_min)
    if e_min > -NO_REACTION_EV_ATOM:
        products = ()
        e_min = 0.0  # LP round-off (-6e-16 eV/atom was shown for Li3AlF6 | LiCoO2 at 4.2 V)
        ratio = None  # Li2S | Li gave x = 0.65, Li2S | LiCl 0.93: where round-off fell
    curve[curve > -NO_REACTION_EV_ATOM] = 0.0
    return InterfaceReaction(
        reactant_a=ta.formula, reactant_b=tb.formula,
        open_element=None if j is None else open_element,
        potential_V=None if j is None else float(potential_V),  # type: ignore[arg-type]
        mixing_ratio=grid, reaction_energy_eV_atom=np.minimum(curve, 0.0),
        most_negative_ratio=ratio, most_negative_energy_eV_atom=min(0.0, float(e_min)),
        products=products, scheme=base.scheme, snapshot=base.snapshot,
        note="; ".join(notes),
        sources=tuple(dict.fromkeys((*REACTION_SOURCES, *base.sources))),
        atoms_per_basis_atom=per_basis,
    )
