"""Electrode volume change over a cycle, stack thickness change, and design warnings.

Model (a laterally constrained stack, the upper bound of the thickness change): a composite
layer of thickness t whose active material (volume fraction phi of the layer) changes volume by
dV/V over a charge changes thickness by

    dt = s t phi |dV/V|,

with s = +1 when the material expands on charge (anode hosts being lithiated, LiCoO2) and
s = -1 when it contracts (Ni-rich layered oxides, LiFePO4), after Koerver et al. (2018);
pores and lateral strain that absorb part of it are neglected. A lithium-metal or anode-free
anode gains the plated lithium, Q / (q_Li rho_Li) (4.85 um per mAh/cm2). Volume changes
|dV/V| come from the knowledge base (review Tables 5 and 6, lattice data) with their sources.
Where the knowledge base gives |dV/V| as a range (LCO 2-3 %, NMC811 4-5 %, review Table 5) the
layer's change runs between the range's ends: low and high are the smaller and the larger of
s t phi |dV/V| at the two ends (NMC811 contracts: low from 5 %, high from 4 %); a single value
gives low == high. A material whose sign is unknown widens the result to -t phi |dV/V|max ..
+t phi |dV/V|max. The review's range does not carry the lithium window: its top, 5 %, is 2 %
below Kondrakov et al.'s 5.1 % over 3.0-4.3 V (kondrakov2017_ncm_strain) and 36 % below the
7.8 % a 2024 study prints (natcommun2024_nmc811_defects; Ni-rich oxides collapse below 40 % Li
in the layers, jousseaume2024_nmc_collapse), so deep charges contract more
(docs/validation.md).

Warnings with sources:

- an electrode whose |dV/V| reaches 80 %: the review calls the volume changes of sulfur
  (> 80 %) and silicon (> 300 %) large, a challenge for cycling (Srivastava, sections 3.1-3.2);
- a lithium-metal anode against a separator that misses the Monroe-Newman criterion
  (shear moduli from the knowledge base; named when missing);
- stack pressure of a lithium-metal or anode-free anode (when a stack pressure or a fixture
  stiffness is given): below the yield strength of lithium over the cycle, below the 5 MPa with
  which Doux et al. (2020) cycled Li | Li6PS5Cl | NCA cells (:mod:`solidcell.mechanics.pressure`);
- a charging current density above every measured critical current density of the separator
  in the knowledge base, or above the plating CCD estimate when a flaw size is given
  (:mod:`solidcell.mechanics.dendrite`);
- a discharge current density that reaches a measured stripping failure (voids, contact loss)
  of the separator at or above the design's stack pressure, or one covered by none
  (:mod:`solidcell.mechanics.stripping`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from solidcell.errors import SolidcellError, ValidationError
from solidcell.interfaces.energies import NotCoveredError
from solidcell.mechanics.lithium import (
    check_shear_modulus,
    lithium_thickness_change,
    monroe_newman,
)
from solidcell.mechanics.pressure import StackPressure, check_stack_pressure, stack_pressure
from solidcell.reprs import concise_repr

#: sign of the volume change on charge (cathode delithiated, anode lithiated)
CHARGE_SIGN: dict[str, tuple[int, str]] = {
    "nmc811": (-1, "koerver2018_chemomechanics"),
    "nmc622": (-1, "koerver2018_chemomechanics"),
    "nca": (-1, "koerver2018_chemomechanics"),
    "lco": (+1, "koerver2018_chemomechanics"),
    "lfp": (-1, "koerver2018_chemomechanics"),
    "graphite": (+1, "koerver2018_chemomechanics"),
    "silicon": (+1, "koerver2018_chemomechanics"),
    "lto": (+1, "koerver2018_chemomechanics"),
}
#: |dV/V| the review calls a large volume change (sulfur > 80 %, silicon > 300 %)
LARGE_VOLUME_CHANGE = 0.80


@dataclass(frozen=True)
class VolumeChange:
    """Relative volume change of an electrode material over a full charge."""

    material: str
    magnitude: float  # |dV/V|
    sign_on_charge: int | None  # +1 expands, -1 contracts, None unknown
    sources: tuple[str, ...]
    note: str = ""
    #: None: |dV/V| is a value; "lower"/"upper": the data give only a bound (">300 %": the
    #: change is at least, "<0.1 %": at most, ``magnitude``)
    bound: str | None = None
    #: (min, max) of |dV/V| where the data give a closed range ("4-5 %"; ``magnitude`` is its
    #: midpoint); None for a value or a bound
    given_range: tuple[float, float] | None = None

    @property
    def magnitude_range(self) -> tuple[float, float]:
        """(lowest, highest) |dV/V| the data allow: a closed range's ends, (0, x) for an upper
        bound "< x", (x, x) for a value and for a lower bound (the change is at least x)."""
        if self.given_range is not None:
            return self.given_range
        if self.bound == "upper":
            return 0.0, self.magnitude
        return self.magnitude, self.magnitude

    def to_json(self) -> dict[str, Any]:
        low, high = self.magnitude_range
        return {
            "Material": self.material,
            "Volume change": self.magnitude,
            "Volume change, low": low,
            "Volume change, high": high,
            "Volume change bound": self.bound,
            "Sign on charge": self.sign_on_charge,
            "Note": self.note,
            "sources": list(self.sources),
        }


def electrode_volume_change(material: Any) -> VolumeChange:
    """Volume change of ``material`` (id or Material) from the knowledge base."""
    from solidcell.materials import resolve

    mat = resolve(material)
    prop = mat.get("volume_change")
    bound = None if prop is None else prop.bound
    if prop is None or (prop.si is None and bound is None):
        raise NotCoveredError(f"{mat.id}: the knowledge base gives no volume_change")
    sign, sign_src = CHARGE_SIGN.get(mat.id, (None, ""))
    sources = tuple(k for k in (prop.source, sign_src) if k)
    note = prop.describe()
    magnitude = prop.si
    if bound is not None:  # ">300 %": a bound, never taken as the value (PropertyValue.si)
        kind, magnitude = bound
        if kind == "lower" and magnitude < 0:  # "> -5 %": says nothing about |dV/V|
            raise NotCoveredError(f"{mat.id}: the knowledge base gives only the lower bound "
                                  f"{note} of volume_change, which bounds no |dV/V|")
        if kind == "upper" and magnitude < 0:  # "< -5 %": shrinks by 5 % or more
            kind = "lower"  # (was read as |dV/V| at most 5 %: 0 to t phi 5 %)
            bound = ("lower", magnitude)
        note += f"; {kind} bound only: |dV/V| is {'at least' if kind == 'lower' else 'at most'}"
        note += f" {abs(magnitude):.3g}"
    if sign is None:
        note += "; sign on charge unknown"
    assert magnitude is not None
    given_range = None
    lo, hi = prop.si_range
    if bound is None and lo is not None and hi is not None and lo != hi:  # "4-5 %"
        # |dV/V| over [lo, hi]; a range through 0 ("-1 to 2 %") spans 0 .. the larger end
        ends = sorted((abs(float(lo)), abs(float(hi))))
        given_range = (0.0 if lo < 0 < hi else ends[0], ends[1])
    return VolumeChange(mat.id, abs(float(magnitude)), sign, sources, note,
                        None if bound is None else bound[0], given_range)


@dataclass(frozen=True)
class LayerChange:
    """Thickness change of one layer on charge [m], between ``change_low_m`` and
    ``change_high_m`` (low <= high; equal for a single |dV/V| of known sign)."""

    layer: str
    material: str
    thickness_m: float
    change_low_m: float
    change_high_m: float
    basis: str


@dataclass(frozen=True)
class MechanicsReport:
    """Thickness changes of a design over one charge, and warnings with sources."""

    __repr__ = concise_repr

    design: str
    layers: tuple[LayerChange, ...]
    stack_change_low_m: float
    stack_change_high_m: float
    stack_thickness_m: float
    lithium_um_per_mAh_cm2: float | None
    warnings: tuple[str, ...]
    sources: tuple[str, ...] = field(default=())
    pressure: StackPressure | None = None
    critical_current: Any = None  # dendrite.CriticalCurrent when a flaw size was given
    #: stripping.StrippingObservation of the separator when a discharge current was given
    stripping: tuple[Any, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "Stack pressure": self.pressure.to_json() if self.pressure else None,
            "Critical current density": (
                self.critical_current.to_json() if self.critical_current else None
            ),
            "Measured stripping failures": [o.to_json() for o in self.stripping],
            "Design": self.design,
            "Layers": [
                {
                    "Layer": c.layer,
                    "Material": c.material,
                    "Thickness [m]": c.thickness_m,
                    "Thickness change on charge, low [m]": c.change_low_m,
                    "Thickness change on charge, high [m]": c.change_high_m,
                    "Basis": c.basis,
                }
                for c in self.layers
            ],
            "Repeat-unit thickness change on charge, low [m]": self.stack_change_low_m,
            "Repeat-unit thickness change on charge, high [m]": self.stack_change_high_m,
            "Repeat-unit thickness [m]": self.stack_thickness_m,
            "Lithium thickness per areal capacity [um.cm2.mA-1.h-1]": self.lithium_um_per_mAh_cm2,
            "warnings": list(self.warnings),
            "sources": list(self.sources),
        }


def _composite_change(
    layer: str, material: str, thickness: float, phi: float, sources: list[str], warnings: list[str]
) -> LayerChange:
    try:
        vc = electrode_volume_change(material)
    except SolidcellError as exc:
        warnings.append(f"{layer}: volume change not counted ({exc})")
        return LayerChange(layer, material, thickness, 0.0, 0.0, "no volume-change data")
    sources.extend(vc.sources)
    dt = thickness * phi * vc.magnitude
    lo, hi = vc.magnitude_range
    if hi >= LARGE_VOLUME_CHANGE and vc.bound != "upper":
        by = (f"{lo:.0%} to {hi:.0%}" if vc.given_range else
              f"{'at least ' if vc.bound == 'lower' else ''}{hi:.0%}")
        warnings.append(
            f"{layer}: {material} changes volume by {by}, which the review calls a large "
            "volume change (contact loss, poor cycling) [srivastava_review]"
        )
        sources.append("srivastava_review")
    if vc.bound == "lower":
        warnings.append(
            f"{layer}: the volume change of {material} is known only as a lower bound "
            f"({vc.note.split(';')[0]} [{vc.sources[0]}]): its thickness change of "
            f"{dt * 1e6:.3g} um is a lower bound too")
    # the layer's change at both ends of |dV/V| (low <= high whatever the sign); + 0.0: no -0
    if vc.sign_on_charge is None:
        low, high = -thickness * phi * hi, thickness * phi * hi
    else:
        ends = (vc.sign_on_charge * thickness * phi * lo, vc.sign_on_charge * thickness * phi * hi)
        low, high = min(ends) + 0.0, max(ends) + 0.0
    if vc.bound == "upper":  # |dV/V| <= magnitude: anywhere between no change and dt
        basis = ("t phi |dV/V|, |dV/V| an upper bound, sign unknown" if vc.sign_on_charge is None
                 else "0 to t phi |dV/V|, |dV/V| an upper bound (laterally constrained)")
        return LayerChange(layer, material, thickness, low, high, basis)
    extra = ", |dV/V| a lower bound" if vc.bound == "lower" else ""
    if vc.given_range:
        extra += f", |dV/V| over the range {lo * 100:.3g}-{hi * 100:.3g} %"
    if vc.sign_on_charge is None:
        return LayerChange(layer, material, thickness, low, high,
                           f"t phi |dV/V|, sign unknown{extra}")
    return LayerChange(layer, material, thickness, low, high,
                       f"t phi |dV/V| (laterally constrained){extra}")


def three_d_warning(architecture: str) -> str:
    """The warning of a 3D architecture's mechanics: its layers are treated as a planar stack."""
    return (f"architecture {architecture}: the thickness changes, repeat unit and stack "
            "pressure of this check are those of a planar stack of the same layers (cathode, "
            "separator, anode on top of each other); in a 3D cell the electrodes are plates or "
            "channels side by side that swell and shrink sideways within the gaps, which this "
            "model does not compute, so these numbers are not the cell's")


def mechanics_check(
    design: Any,
    *,
    stack_pressure_Pa: float | None = None,
    shear_modulus_li_Pa: float | None = None,
    fixture_stiffness_Pa_m: float | None = None,
    charge_current_density_A_m2: float | None = None,
    flaw_size_m: float | None = None,
    resolved: Any = None,
    discharge_current_density_A_m2: float | None = None,
) -> MechanicsReport:
    """Thickness change of one repeat unit of ``design`` over a charge, with warnings.

    ``shear_modulus_li_Pa``: lithium's shear modulus when the knowledge base has none.
    ``stack_pressure_Pa`` / ``fixture_stiffness_Pa_m``: pressure at assembly and areal
    stiffness of the fixture (:func:`solidcell.mechanics.pressure.stack_pressure`).
    ``charge_current_density_A_m2``: plating current density to check against the separator's
    measured CCDs and, with ``flaw_size_m``, the plating CCD estimate (interfacial ASR from
    the design's ``anode_interface_resistance_ohm_m2``); ``flaw_size_m`` alone gives the
    estimate without the comparison. ``discharge_current_density_A_m2``: stripping current
    density to check against the separator's measured stripping failures (void formation,
    contact loss) at the lowest stack pressure of the cycle (:mod:`~solidcell.mechanics.
    stripping`). ``resolved``: ``design.resolved()`` already made by the
    caller (the report resolves a design once), or None; another design's is refused.

    Every given input is checked before any work (a refused value raises
    :class:`~solidcell.errors.ValidationError`, never a warning); inputs the anode cannot use
    (a stack pressure of a graphite anode) are named in a warning, not ignored silently.
    """
    from solidcell.cell.design import THREE_D_KINDS, CellDesign
    from solidcell.checks import instance, non_negative, positive

    instance("design", design, CellDesign, "a CellDesign (CellDesign.from_yaml(path))")
    if stack_pressure_Pa is not None:
        stack_pressure_Pa = check_stack_pressure("stack_pressure_Pa", stack_pressure_Pa)
    if shear_modulus_li_Pa is not None:
        shear_modulus_li_Pa = check_shear_modulus("shear_modulus_li_Pa", shear_modulus_li_Pa)
    if fixture_stiffness_Pa_m is not None:
        fixture_stiffness_Pa_m = non_negative(
            "fixture_stiffness_Pa_m", fixture_stiffness_Pa_m,
            "an areal stiffness >= 0 Pa/m (0: constant-pressure fixture)")
    if charge_current_density_A_m2 is not None:
        charge_current_density_A_m2 = non_negative(
            "charge_current_density_A_m2", charge_current_density_A_m2,
            "a current density >= 0 A/m2")
    if flaw_size_m is not None:
        flaw_size_m = positive("flaw_size_m", flaw_size_m, "a flaw size > 0 m")
    if discharge_current_density_A_m2 is not None:
        discharge_current_density_A_m2 = non_negative(
            "discharge_current_density_A_m2", discharge_current_density_A_m2,
            "a current density >= 0 A/m2")
    if resolved is None:
        resolved = design.resolved()
    else:
        from solidcell.cell.energy import resolved_of

        resolved = resolved_of(design, resolved)
    if flaw_size_m is not None and flaw_size_m >= resolved.separator_thickness_m:
        raise ValidationError(
            "flaw_size_m", flaw_size_m,
            f"a flaw size > 0 m and below the design's separator thickness, "
            f"{resolved.separator_thickness_m * 1e6:g} um: a surface flaw of the separator "
            "cannot be deeper than the separator itself")
    sources: list[str] = list(resolved.sources)
    warnings: list[str] = []
    cathode_id = getattr(resolved.cathode.materials["active"], "id", "cathode")
    layers = [
        _composite_change(
            "cathode",
            cathode_id,
            resolved.cathode_thickness_m,
            resolved.cathode.active_volume_fraction,
            sources,
            warnings,
        )
    ]
    layers.append(
        LayerChange(
            "separator",
            getattr(resolved.separator_electrolyte, "id", ""),
            resolved.separator_thickness_m,
            0.0,
            0.0,
            "no active material",
        )
    )
    kind = design.anode.kind
    li_per: float | None = None
    ccd: Any = None
    if kind in ("li_metal", "anode_free"):
        lt = lithium_thickness_change(
            resolved.areal_capacity_mAh_cm2, li_density_kg_m3=resolved.li_density_kg_m3
        )
        sources.extend(lt.sources)
        li_per = lt.um_per_mAh_cm2
        layers.append(
            LayerChange(
                "anode",
                "li_metal",
                resolved.anode_thickness_m,
                lt.thickness_change_m,
                lt.thickness_change_m,
                "plated lithium Q/(q_Li rho_Li)",
            )
        )
        if design.anode.kind == "li_metal" and resolved.anode_thickness_m < lt.thickness_change_m:
            warnings.append("anode: the lithium foil is thinner than the lithium cycled")
        sep_id = getattr(resolved.separator_electrolyte, "id", None)
        try:
            mn = monroe_newman(sep_id, shear_modulus_li_Pa=shear_modulus_li_Pa)
            sources.extend(mn.sources)
            if not mn.meets_criterion:
                warnings.append(
                    f"separator {sep_id}: G_SE/G_Li = {mn.ratio:.2f} < 2, the Monroe-Newman "
                    "criterion for suppressing lithium roughness growth is not met "
                    "[monroe2005_dendrite]"
                )
        except SolidcellError as exc:
            if isinstance(exc, ValidationError) and exc.field == "shear_modulus_li_Pa":
                raise  # the caller's own modulus (1e-320 Pa), not a gap of the knowledge base
            warnings.append(f"Monroe-Newman criterion not evaluated: {exc}")
        plating_at = len(warnings)  # its warnings go here, once the pressure is known
    else:
        unused = [name for name, v in (
            ("stack pressure", stack_pressure_Pa), ("lithium shear modulus", shear_modulus_li_Pa),
            ("fixture stiffness", fixture_stiffness_Pa_m),
            ("charge current density", charge_current_density_A_m2),
            ("flaw size", flaw_size_m),
            ("discharge current density", discharge_current_density_A_m2)) if v is not None]
        if unused:
            warnings.append(f"{', '.join(unused)} not used: the stack pressure, Monroe-Newman, "
                            f"plating and stripping checks are for lithium-metal or anode-free "
                            f"anodes, not {kind}")
    if kind not in ("li_metal", "anode_free") and resolved.anode is not None:
        anode_id = getattr(resolved.anode.materials["active"], "id", kind)
        layers.append(
            _composite_change(
                "anode",
                anode_id,
                resolved.anode_thickness_m,
                resolved.anode.active_volume_fraction,
                sources,
                warnings,
            )
        )
    low = sum(c.change_low_m for c in layers)
    high = sum(c.change_high_m for c in layers)
    total = sum(c.thickness_m for c in layers)
    pressure = None
    if kind in ("li_metal", "anode_free") and (
        stack_pressure_Pa is not None or fixture_stiffness_Pa_m is not None
    ):
        pressure = stack_pressure(
            design,
            stack_pressure_Pa=stack_pressure_Pa,
            fixture_stiffness_Pa_m=fixture_stiffness_Pa_m,
            thickness_change_m=(low, high),
        )
        warnings.extend(pressure.warnings)
        sources.extend(pressure.sources)
    if kind in ("li_metal", "anode_free"):
        # the highest stack pressure of the cycle is carried into the separator's flaws
        # (dendrite, item 5): a 5 um flaw at 75 MPa got a CCD as if unloaded
        top = stack_pressure_Pa if pressure is None or pressure.pressure_max_Pa is None \
            else pressure.pressure_max_Pa
        plating: list[str] = []
        ccd = _plating_check(
            design, getattr(resolved.separator_electrolyte, "id", None),
            charge_current_density_A_m2, flaw_size_m, sources, plating, top)
        warnings[plating_at:plating_at] = plating
    if design.architecture.kind in THREE_D_KINDS:  # the interdigitated example showed a
        # 220 um repeat unit of a 200 um plate, the 20 um gap's electrolyte and lithium, stacked
        warnings.append(three_d_warning(design.architecture.kind))
    stripping: tuple[Any, ...] = ()
    if kind in ("li_metal", "anode_free") and discharge_current_density_A_m2 is not None:
        stripping = _stripping_check(
            getattr(resolved.separator_electrolyte, "id", ""), discharge_current_density_A_m2,
            stack_pressure_Pa if pressure is None or pressure.pressure_min_Pa is None
            else pressure.pressure_min_Pa,
            float(resolved.areal_capacity_mAh_cm2), sources, warnings)
    return MechanicsReport(
        getattr(design, "name", "cell"),
        tuple(layers),
        low,
        high,
        total,
        li_per,
        tuple(warnings),
        tuple(dict.fromkeys(sources)),
        pressure,
        ccd,
        stripping,
    )


def _stripping_check(separator: str, current_A_m2: float, pressure_Pa: float | None,
                     capacity_mAh_cm2: float, sources: list[str],
                     warnings: list[str]) -> tuple[Any, ...]:
    """Warn when stripping at ``current_A_m2`` under ``pressure_Pa`` (the lowest of the cycle)
    reaches a measured stripping failure of the separator; return its observations."""
    from solidcell.mechanics.stripping import measured_stripping, stripping_check

    if not separator:  # a separator material without an id: nothing to look up
        warnings.append("stripping check not made: the separator material has no id")
        return ()
    found, cited = stripping_check(separator, current_A_m2, pressure_Pa, capacity_mAh_cm2)
    warnings.extend(found)
    observed = measured_stripping(separator)
    # the report's "Measured stripping failures" lists every one: each one's source, reached
    # or not
    sources.extend([*cited, *(o.source for o in observed)])
    return observed


def _above(current_A_m2: float, ccd_A_m2: float) -> bool:
    """``current_A_m2 > ccd_A_m2`` beyond float rounding (``stripping.AT_TEST_RTOL``): a
    current equal to a measured CCD up to rounding does not exceed it, as it is printed."""
    from solidcell.mechanics.stripping import AT_TEST_RTOL

    return current_A_m2 > ccd_A_m2 and not math.isclose(current_A_m2, ccd_A_m2,
                                                        rel_tol=AT_TEST_RTOL)


def _ccd_temperature_note(separator: str, temperature_K: float) -> list[str]:
    """A warning when the separator's measured CCDs were taken more than 5 K
    (``TEMPERATURE_TOLERANCE_K``) from the design temperature: the comparison with them does
    not carry the temperature."""
    from solidcell.materials import get
    from solidcell.materials.curated import TEMPERATURE_TOLERANCE_K

    temps = sorted({round(float(v.temperature), 2) for v in
                    get(separator).values("critical_current_density")
                    if v.si is not None and v.temperature is not None})
    if not temps or any(abs(t - temperature_K) <= TEMPERATURE_TOLERANCE_K for t in temps):
        return []
    return [f"the measured critical current densities of {separator} were taken at "
            f"{', '.join(f'{t:g} K' for t in temps)}; the design runs at {temperature_K:g} K "
            f"({temperature_K - 273.15:.6g} degC): the comparison with them does not account "
            "for the temperature"]


def _plating_check(
    design: Any,
    separator: str | None,
    current_A_m2: float | None,
    flaw_size_m: float | None,
    sources: list[str],
    warnings: list[str],
    stack_pressure_Pa: float | None = None,
) -> Any:
    """Warn when plating at ``current_A_m2`` exceeds the separator's measured CCDs or the
    plating CCD estimate (with ``flaw_size_m``, the flaw carrying ``stack_pressure_Pa``, the
    highest of the cycle, where given); return the estimate or None."""
    from solidcell.mechanics.dendrite import critical_current_density, measured_ccd

    if current_A_m2 is None and flaw_size_m is None:
        return None
    i = None if current_A_m2 is None else float(current_A_m2)  # checked by mechanics_check
    measured = measured_ccd(separator) if separator and i is not None else ()
    if i is None:
        pass
    elif measured and _above(i, max(v for v, _, _ in measured)):
        from solidcell.mechanics.stripping import shown_apart

        best, src, cond = max(measured)
        shown = shown_apart(i / 10, [best / 10])  # 0.90000001, not the highest's 0.9
        warnings.append(
            f"charging at {shown} mA/cm2 exceeds every measured critical current density "
            f"of {separator} in the knowledge base (highest {best / 10:.3g} mA/cm2: {cond}) "
            f"[{src}]"
        )
        sources.append(src)
    elif not measured:
        warnings.append(
            f"no measured critical current density of {separator} in the "
            "knowledge base to compare the charging current with"
        )
    if i is not None and measured:
        warnings += _ccd_temperature_note(separator or "", float(design.temperature_K))
    if flaw_size_m is None:
        return None
    asr = float(design.anode_interface_resistance_ohm_m2)
    try:
        est = critical_current_density(
            separator or "", flaw_size_m, asr_ohm_m2=asr if asr > 0 else None,
            stack_pressure_Pa=stack_pressure_Pa,
        )
    except SolidcellError as exc:
        warnings.append(f"plating CCD estimate not made: {exc}")
        return None
    sources.extend(est.sources)
    for caveat in (est.strength_note, est.stack_note):  # a 1e-30 m flaw gave 1.56e13 mV
        if caveat:  # without a word; the stack alone extends the flaw: CCD 0
            warnings.append(f"plating CCD estimate (flaw {flaw_size_m * 1e6:g} um): {caveat}")
    if est.critical_current_density_A_m2 is None:
        warnings.append(
            "plating CCD estimate: the design has no anode interface resistance; "
            f"critical overpotential {est.critical_overpotential_V * 1e3:.3g} mV"
        )
    elif i is not None and i > est.critical_current_density_A_m2:
        warnings.append(
            f"charging at {i / 10:.3g} mA/cm2 exceeds the plating CCD upper bound "
            f"{est.critical_current_density_A_m2 / 10:.3g} mA/cm2 (flaw {flaw_size_m * 1e6:g} um, "
            "Griffith + electrochemical pressure) [porz2017_li_penetration]"
        )
    return est
