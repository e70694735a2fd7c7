"""The materials the interface analyses know: canonical id -> formula used for thermodynamics.

The knowledge base (``solidcell.materials``) is the first place a formula is taken from; this
table adds what thermodynamics needs and the knowledge base does not say:

- ``role``: electrolyte, electrode or coating (the compatibility matrix pairs them);
- ``standin``: a composition present in the shipped energy table that stands for a doped
  phase the table lacks (Ta-LLZO -> Li7La3Zr2O12); every result computed on a stand-in says
  so. Phases without one that the table lacks (LATP, LAGP, LLTO, the halides) are taken as the
  equilibrium assemblage of their own formula;
- ``open_element``: the mobile ion the phase diagram is open to (Li, or Na for Na conductors).

Polymer electrolytes have no formula: crystalline DFT energies do not describe them, so they are
reported as not covered rather than given a window.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    """A material as the interface analyses see it."""

    id: str
    formula: str | None
    role: str  # "electrolyte", "electrode" or "coating"
    standin: str | None = None
    open_element: str = "Li"
    note: str = ""


def _p(*args: object, **kwargs: object) -> tuple[str, Phase]:
    phase = Phase(*args, **kwargs)  # type: ignore[arg-type]
    return phase.id, phase


#: canonical id -> Phase (ids shared with the knowledge base, see the project's material ids).
PHASES: dict[str, Phase] = dict([
    # oxide electrolytes
    _p("llzo", "Li7La3Zr2O12", "electrolyte"),
    # the assemblage of Li6.4La3Zr1.4Ta0.6O12 holds Ta metal at 0 V (-0.058 eV/atom, above the
    # small-driving-force threshold), which would call the garnet unstable at Li; the review
    # (Table 1) reports garnet LLZO, in practice doped to keep the cubic phase (its section
    # 2.1.1), as highly stable against Li metal: the undoped garnet stands in
    _p("llzo_ta", "Li6.4La3Zr1.4Ta0.6O12", "electrolyte", standin="Li7La3Zr2O12",
       note="Ta-doped garnet: the undoped cubic garnet Li7La3Zr2O12 stands in"),
    # LATP and LAGP: absent from the energy table; the equilibrium assemblage of their own
    # formula reproduces Zhu, He & Mo 2015 (2.17-4.21 V and 2.70-4.27 V), which the Al-free
    # stand-ins LiTi2(PO4)3 (oxidation 4.66 V) and LiGe2(PO4)3 did not
    _p("latp", "Li1.3Al0.3Ti1.7P3O12", "electrolyte"),
    _p("lagp", "Li1.5Al0.5Ge1.5P3O12", "electrolyte"),
    _p("llto", "Li0.33La0.557TiO3", "electrolyte",
       note="perovskite Li3xLa2/3-xTiO3 with x = 0.11"),
    # sulfide electrolytes
    _p("lgps", "Li10GeP2S12", "electrolyte"),
    _p("li6ps5cl", "Li6PS5Cl", "electrolyte"),
    _p("li6ps5br", "Li6PS5Br", "electrolyte"),
    _p("lsipscl", "Li9.54Si1.74P1.44S11.7Cl0.3", "electrolyte"),
    _p("li3ps4", "Li3PS4", "electrolyte"),
    _p("li7p3s11", "Li7P3S11", "electrolyte"),
    # halide electrolytes
    _p("li3ycl6", "Li3YCl6", "electrolyte"),
    _p("li3incl6", "Li3InCl6", "electrolyte"),
    # thin film electrolyte / coating: Zhu et al. 2015 model LiPON as Li2PO2N
    _p("lipon", "Li2PO2N", "coating", note="LiPON modelled as crystalline Li2PO2N"),
    # polymer and composite electrolytes: no crystalline formula
    *[_p(i, None, "electrolyte", note="polymer or composite: no DFT phase diagram")
      for i in ("peo_litfsi", "pegda_xl", "pvdf_hfp_emimtfsi", "pan_gpe", "peo_llzo_15wt",
                "peo_sio2_10wt", "llzo_scaffold_peo", "lagp_peo")],
    # sodium conductors (open to Na)
    _p("nzsp", "Na3Zr2Si2PO12", "electrolyte", open_element="Na"),
    _p("na3ps4", "Na3PS4", "electrolyte", open_element="Na"),
    _p("na_beta_alumina", "NaAl11O17", "electrolyte", open_element="Na"),
    # cathodes (discharged, lithiated compositions)
    _p("lco", "LiCoO2", "electrode"),
    _p("nmc811", "LiNi0.8Mn0.1Co0.1O2", "electrode"),
    _p("nmc622", "LiNi0.6Mn0.2Co0.2O2", "electrode"),
    _p("nca", "LiNi0.8Co0.15Al0.05O2", "electrode"),
    _p("lfp", "LiFePO4", "electrode"),
    _p("lmo", "LiMn2O4", "electrode"),
    _p("sulfur", "S", "electrode"),
    # anodes
    _p("li_metal", "Li", "electrode"),
    _p("graphite", "C", "electrode"),
    _p("silicon", "Si", "electrode"),
    _p("lto", "Li4Ti5O12", "electrode"),
    _p("li_in", "LiIn", "electrode"),
    # coatings
    _p("linbo3", "LiNbO3", "coating"),
    _p("li3po4", "Li3PO4", "coating"),
    _p("li2zro3", "Li2ZrO3", "coating"),
])

#: Buffer layers the compatibility matrix tries for an unstable pair.
BUFFER_LAYERS: tuple[str, ...] = ("linbo3", "li3po4", "lipon", "li2zro3")


def electrolytes(open_element: str = "Li") -> list[str]:
    """Ids of the electrolytes conducting ``open_element`` (with LiPON for Li, which is also a
    thin-film electrolyte). An ``open_element`` that is no mobile ion raises
    :class:`~solidcell.errors.ValidationError` (``"Xx"`` or None answered an empty list)."""
    from solidcell.errors import ValidationError
    from solidcell.interfaces.stability import MONOVALENT_IONS, check_open_element

    if open_element is None:
        raise ValidationError("open_element", None,
                              f"must be the mobile ion, one of {', '.join(MONOVALENT_IONS)}")
    check_open_element(open_element)
    ids = [p.id for p in PHASES.values()
           if p.role == "electrolyte" and p.open_element == open_element]
    return ids + (["lipon"] if open_element == "Li" else [])


def electrodes() -> list[str]:
    """Ids of the electrodes."""
    return [p.id for p in PHASES.values() if p.role == "electrode"]
