"""Effective ionic conductivity of a composite electrolyte from its components.

For a knowledge-base composite (``Material.components``: constituent ids with mass or volume
fractions), mass fractions become volume fractions through the constituents' densities, and an
effective-medium model gives the conductivity at temperature T:

- ``"bruggeman"``: symmetric Bruggeman medium (percolating, ``choy2016``);
- ``"maxwell_garnett"``: filler spheres in a continuous matrix (``choy2016``); the matrix is
  the component with the larger *volume* fraction (the first one listed on a tie), so that a
  70 wt% LLZO / PEO composite (36 vol% LLZO) is LLZO spheres in PEO. It is the lower
  (Hashin-Shtrikman) bound when the matrix is the poorer conductor, the upper one otherwise;
- ``"interphase"``: Bruggeman with a conducting shell around the filler (``nan1993``), which
  needs the shell thickness, its conductivity and the filler particle radius.

Only two-component composites are supported (all of the review's Table 4 are); their two
fractions must share a basis (mass or volume) and sum to 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from solidcell.checks import positive
from solidcell.chemistry import transport as tr
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.errors import UnsupportedError, ValidationError
from solidcell.materials.schema import Material

MODELS = ("bruggeman", "maxwell_garnett", "interphase")


@dataclass(frozen=True)
class CompositeConductivity:
    """Effective conductivity of ``material`` at ``temperature_K`` by ``model``."""

    material: str
    model: str
    temperature_K: float
    matrix: str
    filler: str
    filler_volume_fraction: float
    matrix_conductivity_S_m: float
    filler_conductivity_S_m: float
    effective_conductivity_S_m: float
    sources: tuple[str, ...]
    #: the constituents' conductivity warnings (outside their data, above or across melting)
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "Material": self.material, "Model": self.model,
            "Temperature [K]": self.temperature_K,
            "Matrix": self.matrix, "Filler": self.filler,
            "Filler volume fraction": self.filler_volume_fraction,
            "Matrix ionic conductivity [S.m-1]": self.matrix_conductivity_S_m,
            "Filler ionic conductivity [S.m-1]": self.filler_conductivity_S_m,
            "Effective ionic conductivity [S.m-1]": self.effective_conductivity_S_m,
            "warnings": list(self.warnings), "sources": list(self.sources),
        }


def _sigma(material: Material, temperature: float
           ) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
    """(ionic conductivity at T, sources, warnings); an insulating filler (no conductivity
    data) counts as 0."""
    if not material.values("ionic_conductivity"):
        if material.electrolyte_class is None:
            return 0.0, (), ()
        raise ValidationError("material", material.id, "has no ionic conductivity")
    res = conductivity_at(material, temperature)
    return float(res.ionic_conductivity_S_m), res.sources, res.warnings


def composite_conductivity(
    material: Material | str,
    temperature: float = tr.T_ROOM,
    model: str = "bruggeman",
    particle_radius: float | None = None,
    shell_thickness: float | None = None,
    shell_conductivity: float | None = None,
) -> CompositeConductivity:
    """Effective ionic conductivity [S/m] of a two-component composite from its constituents.

    ``temperature`` [K] (a pint Quantity is converted, as by ``conductivity_at``);
    ``particle_radius`` [m], ``shell_thickness`` [m] and ``shell_conductivity`` [S/m] belong
    to ``model="interphase"`` and are refused with another model (they were ignored)."""
    from solidcell.materials import resolve
    from solidcell.units import magnitude_in

    mat = resolve(material)
    if not isinstance(model, str) or model not in MODELS:  # an array: ambiguous truth value
        raise ValidationError("model", model, f"allowed: {', '.join(MODELS)}")
    if model != "interphase":
        for name, value in (("particle_radius", particle_radius),
                            ("shell_thickness", shell_thickness),
                            ("shell_conductivity", shell_conductivity)):
            if value is not None:
                raise ValidationError(name, value, f"only model='interphase' takes it (None "
                                      f"with model={model!r})")
    temperature = magnitude_in(temperature, "temperature", "temperature")
    temperature = positive("temperature", temperature, "a temperature > 0 K (one number)")
    if len(mat.components) != 2:
        raise UnsupportedError(
            f"{mat.id}: effective-medium models take exactly two components; it has "
            f"{len(mat.components)}")
    first, second = mat.components
    if first.basis != second.basis:
        raise ValidationError(
            f"{mat.id}.components", [f"{c.material}: {c.fraction:g} ({c.basis})"
                                     for c in mat.components],
            "both fractions on one basis (mass or volume)")
    if abs(first.fraction + second.fraction - 1.0) > 1e-6:
        raise ValidationError(
            f"{mat.id}.components", [c.fraction for c in mat.components],
            f"two fractions that sum to 1 (they sum to {first.fraction + second.fraction:g}; "
            "the rest of the material is unknown to a two-phase model)")
    a, b = resolve(first.material), resolve(second.material)
    phi_b = second.fraction
    sources: list[str] = []
    if second.basis == "mass":
        rho_a, rho_b = a.get("density"), b.get("density")
        for prop, m in ((rho_a, a), (rho_b, b)):
            if prop is None:
                raise ValidationError(
                    f"{m.id}.density", None,
                    "a mass fraction needs the densities of both components")
        phi_b = float(tr.mass_to_volume_fraction(phi_b, rho_b.si, rho_a.si))
    # the matrix is the larger phase by volume (the mass fractions of a dense ceramic and a
    # polymer rank them the other way round: 70 wt% LLZO in PEO is 36 vol%)
    if phi_b > 0.5:
        matrix, filler, phi = b, a, 1.0 - phi_b
    else:
        matrix, filler, phi = a, b, phi_b
    if second.basis == "mass":
        sources += [filler.get("density").source, matrix.get("density").source]
    s_m, src_m, warn_m = _sigma(matrix, temperature)
    s_f, src_f, warn_f = _sigma(filler, temperature)
    sources += [*src_m, *src_f, "choy2016"]
    if model == "bruggeman":
        eff = tr.bruggeman_effective_medium(s_m, s_f, phi)
    elif model == "maxwell_garnett":
        eff = tr.maxwell_garnett(s_m, s_f, phi)
    else:
        if None in (particle_radius, shell_thickness, shell_conductivity):
            raise ValidationError("interphase", None, "give particle_radius, shell_thickness "
                                  "and shell_conductivity (m, m, S/m)")
        eff = tr.composite_with_interphase(s_m, s_f, phi, particle_radius, shell_thickness,
                                           shell_conductivity)
        sources.append("nan1993")
    return CompositeConductivity(mat.id, model, float(temperature), matrix.id, filler.id,
                                 float(phi), s_m, s_f, float(eff),
                                 tuple(dict.fromkeys(sources)), (*warn_m, *warn_f))
