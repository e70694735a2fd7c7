"""Typed, frozen results of simulations, with units in field names, sources and to_json()."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from solidcell.errors import ValidationError
from solidcell.reprs import concise_repr

#: Order and JSON names of the overpotential breakdown.
OVERPOTENTIALS = (
    "Separator ohmic overpotential [V]",
    "Composite ohmic overpotential [V]",
    "Interface overpotential [V]",
    "Kinetic overpotential [V]",
    "Solid diffusion overpotential [V]",
    # a binary salt's diffusion potential (PyBaMM's X-averaged concentration overpotential);
    # zero for a single-ion conductor
    "Electrolyte concentration overpotential [V]",
)


#: What the breakdown's keys hold in the thin-film model of a dense cathode film (no
#: electrolyte in it, no composite): "Composite ohmic overpotential [V]" is there the
#: electronic ohmic drop across the film, i L / sigma_e (pybamm_adapter's thin-film model).
#: The JSON keys stay the same for every model; only the shown labels differ.
FILM_OVERPOTENTIAL_LABELS = {
    "Composite ohmic overpotential [V]": "Cathode film electronic ohmic overpotential [V]",
}


def overpotential_label(key: str, model: str) -> str:
    """The label shown for breakdown ``key`` of a result of ``model`` (its ``model`` text):
    the thin-film model's own name for what it computes, else the key."""
    if "thin-film model" in model:
        return FILM_OVERPOTENTIAL_LABELS.get(key, key)
    return key


def _list(x: np.ndarray) -> list[float]:
    return [float(v) for v in np.asarray(x, float).ravel()]


def _largest_rise(x: np.ndarray) -> float:
    """max over t of x(t) - min(x(s), s <= t): the most taken out in one go, 0 if none."""
    a = np.asarray(x, float)
    if a.size == 0:
        return 0.0
    return float(np.max(a - np.minimum.accumulate(a)))


def _save(fig: Any, path: str | Path) -> Path:
    """Write ``fig`` to ``path`` (format from the suffix) and release it."""
    from solidcell.plotting import save_figure

    return save_figure(fig, path)


@dataclass(frozen=True)
class SimulationResult:
    """One simulated experiment: curves, delivered capacity and energy, overpotentials.
    ``experiment`` holds the steps as the user typed them, ``experiment_as_run`` the steps
    PyBaMM ran (a note states each density converted)."""

    __repr__ = concise_repr

    name: str
    experiment: tuple[str, ...]
    model: str
    time_s: np.ndarray
    voltage_V: np.ndarray
    current_A: np.ndarray
    discharge_capacity_A_h: np.ndarray
    discharge_energy_W_h: np.ndarray
    open_circuit_voltage_V: np.ndarray
    overpotentials_V: dict[str, np.ndarray]
    utilisable_capacity_A_h: float
    area_m2: float
    temperature_K: float
    termination: str
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()
    #: the steps PyBaMM ran (current and power densities turned into currents and powers over
    #: the electrode area); ``experiment`` is the steps as typed. Empty: the same steps.
    experiment_as_run: tuple[str, ...] = ()
    #: what a step met at the ends of the OCP data, "stop" or "wall" (``ocp_ends`` of
    #: :func:`~solidcell.simulation.runs.simulate`, "auto" resolved)
    ocp_ends: str = "stop"
    #: "isothermal" or "lumped" (``thermal`` of :func:`~solidcell.simulation.runs.simulate`)
    thermal: str = "isothermal"
    #: with the lumped model, PyBaMM's thermal curves: "Volume-averaged cell temperature
    #: [K]", "Total heating [W]", "Lumped contact resistance heating [W]", "Surface total
    #: cooling [W]" (at ``time_s``); empty when isothermal
    thermal_curves: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    #: cells of a bipolar stack (``CellParameters.cells_in_series``): voltages and energies
    #: here are one cell's, the stack's are n times them (its capacity the same)
    cells_in_series: int = 1

    @property
    def cell_temperature_K(self) -> np.ndarray | None:
        """The cell temperature over time [K] (lumped model), None when isothermal."""
        return self.thermal_curves.get("Volume-averaged cell temperature [K]")

    @property
    def delivered_capacity_A_h(self) -> float:
        """Largest net charge taken out [A h]: the largest rise of the discharge capacity over
        its lowest value before (from the start when the experiment starts with a discharge;
        after the charge when it starts with one)."""
        return _largest_rise(self.discharge_capacity_A_h)

    @property
    def delivered_energy_W_h(self) -> float:
        """Largest net energy taken out [W h], the same way (integral of V I dt)."""
        return _largest_rise(self.discharge_energy_W_h)

    def _charging_current_A(self) -> np.ndarray:
        """The current going in (charge steps; negative current by PyBaMM's sign), else 0."""
        return np.clip(-np.asarray(self.current_A, float), 0.0, None)

    @property
    def charged_capacity_A_h(self) -> float:
        """Charge put into the cell by the charge steps [A h]: the time integral of the
        charging current (trapezoid over the solution points)."""
        return float(np.trapezoid(self._charging_current_A(), self.time_s) / 3600.0)

    @property
    def charged_energy_W_h(self) -> float:
        """Energy put into the cell by the charge steps [W h]: integral of V I_charge dt."""
        power_in = np.asarray(self.voltage_V, float) * self._charging_current_A()
        return float(np.trapezoid(power_in, self.time_s) / 3600.0)

    @property
    def mean_overpotentials_V(self) -> dict[str, float]:
        """Mean loss of each kind over the time current flows [V], positive in either
        direction: each overpotential (signed as a loss on discharge) times the sign of the
        current, integrated over time (trapezoid) and divided by the time current flows (a
        charge's losses, negative in that sign, no longer cancel a discharge's)."""
        t = np.asarray(self.time_s, float)
        i = np.asarray(self.current_A, float)
        sign = np.where(np.abs(i) > 1e-12, np.sign(i), 0.0)
        if not np.any(sign):
            return {k: 0.0 for k in self.overpotentials_V}
        duration = float(np.trapezoid(np.abs(sign), t))
        if not duration > 0:  # one point with current: its values
            flowing = sign != 0
            return {k: float(np.mean(np.asarray(v, float)[flowing] * sign[flowing]))
                    for k, v in self.overpotentials_V.items()}
        return {k: float(np.trapezoid(np.asarray(v, float) * sign, t) / duration)
                for k, v in self.overpotentials_V.items()}

    @property
    def curves(self) -> dict[str, np.ndarray]:
        """The curves by their PyBaMM names, in SI units (the curve keys of ``to_json()``):
        "Time [s]", "Voltage [V]", "Current [A]", "Discharge capacity [A.h]", "Discharge
        energy [W.h]", "Open-circuit voltage [V]" (PyBaMM's "Bulk open-circuit voltage [V]"
        in the DFN), the overpotential breakdown and, lumped, the thermal curves."""
        return {
            "Time [s]": np.asarray(self.time_s, float),
            "Voltage [V]": np.asarray(self.voltage_V, float),
            "Current [A]": np.asarray(self.current_A, float),
            "Discharge capacity [A.h]": np.asarray(self.discharge_capacity_A_h, float),
            "Discharge energy [W.h]": np.asarray(self.discharge_energy_W_h, float),
            "Open-circuit voltage [V]": np.asarray(self.open_circuit_voltage_V, float),
            **{k: np.asarray(v, float) for k, v in self.overpotentials_V.items()},
            **{k: np.asarray(v, float) for k, v in self.thermal_curves.items()},
        }

    def __getitem__(self, variable: str) -> np.ndarray:
        """A curve by its PyBaMM name, as a PyBaMM solution is read: ``result["Voltage [V]"]``
        (a NumPy array: PyBaMM's ``.entries``); also "Time [min]" and "Time [h]". Another name:
        ValidationError naming it and the curves there are."""
        curves = self.curves
        t = curves["Time [s]"]
        curves |= {"Time [min]": t / 60.0, "Time [h]": t / 3600.0}
        if not isinstance(variable, str) or variable not in curves:
            raise ValidationError("variable", variable, "a curve of this result: "
                                  + ", ".join(repr(k) for k in curves))
        return curves[variable]

    def __contains__(self, variable: object) -> bool:
        return variable in (*self.curves, "Time [min]", "Time [h]")

    #: not a sequence of its curves: ``iter(result)`` is a TypeError (``result[0]`` was tried)
    __iter__ = None

    def to_dataframe(self) -> Any:
        """The curves as a pandas DataFrame, one column per PyBaMM name of :attr:`curves`
        (``to_dataframe().to_csv("run.csv", index=False)`` writes them)."""
        import pandas as pd

        return pd.DataFrame(self.curves)

    def to_json(self, curves: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "Name": self.name,
            "Experiment": list(self.experiment),
            "Experiment as run": list(self.experiment_as_run or self.experiment),
            "Model": self.model,
            # all the layers' (format.n_layers x width x height): evaluate's "Electrode area
            # [m2]" is one layer's, and the report showed 0.4 m2 beside evaluate's 0.02 m2
            "Electrode area, all layers [m2]": self.area_m2,
            "Temperature [K]": self.temperature_K,
            "OCP ends": self.ocp_ends,
            "Thermal model": self.thermal,
            # a bipolar stack's voltages and energies below are one cell's (n times: the stack)
            "Cells in series": self.cells_in_series,
            **({"Maximum cell temperature [K]": float(np.max(self.cell_temperature_K))}
               if self.cell_temperature_K is not None and self.cell_temperature_K.size
               else {}),
            "Utilisable capacity [A.h]": self.utilisable_capacity_A_h,
            "Delivered capacity [A.h]": self.delivered_capacity_A_h,
            "Delivered energy [W.h]": self.delivered_energy_W_h,
            "Delivered areal capacity [mA.h.cm-2]":
                self.delivered_capacity_A_h * 1000.0 / (self.area_m2 * 1e4),
            "Charged capacity [A.h]": self.charged_capacity_A_h,
            "Charged energy [W.h]": self.charged_energy_W_h,
            "Termination": self.termination,
            "Mean overpotentials [V]": self.mean_overpotentials_V,
            "notes": list(self.notes),
            "sources": list(self.sources),
        }
        if curves:
            out.update({k: _list(v) for k, v in self.curves.items()})
        return out

    def plot(self, path: str | Path) -> Path:
        """Voltage against capacity and the overpotential breakdown against time (PNG)."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
        ax1.plot(self.discharge_capacity_A_h * 1000.0, self.voltage_V, label="voltage")
        ax1.plot(self.discharge_capacity_A_h * 1000.0, self.open_circuit_voltage_V, "--",
                 label="open-circuit voltage")
        ax1.set_xlabel("Discharge capacity [mA h]")
        ax1.set_ylabel("Voltage [V]")
        ax1.legend()
        ax1.set_title(f"{self.name}: {'; '.join(self.experiment)}"[:80], fontsize=9)
        h = self.time_s / 3600.0
        base = np.zeros_like(h)
        # losses in the direction of the current (of the last current in a rest): a charge's
        # overpotentials are negative in the discharge sign and were clipped away
        i = np.asarray(self.current_A, float)
        flowing = np.abs(i) > 1e-12
        last = np.maximum.accumulate(np.where(flowing, np.arange(i.size), -1))
        sign = np.where(last >= 0, np.sign(i[np.maximum(last, 0)]), 1.0)
        for key in OVERPOTENTIALS:
            if key in self.overpotentials_V:
                val = np.clip(self.overpotentials_V[key] * sign, 0, None)
                ax2.fill_between(h, base, base + val, alpha=0.7,
                                 label=overpotential_label(key, self.model).replace(" [V]", ""))
                base = base + val
        ax2.set_xlabel("Time [h]")
        ax2.set_ylabel("Overpotential (loss) [V]")
        ax2.legend(fontsize=7)
        if self.cell_temperature_K is not None:  # the lumped model's cell temperature
            ax3 = ax2.twinx()
            ax3.plot(h, self.cell_temperature_K, "k-", label="cell temperature")
            ax3.set_ylabel("Volume-averaged cell temperature [K]")
            ax3.legend(fontsize=7, loc="lower right")
        fig.tight_layout()
        return _save(fig, path)


@dataclass(frozen=True)
class RateCapabilityResult:
    """Constant-current discharges at several C-rates: rate capability and Ragone data."""

    __repr__ = concise_repr

    name: str
    model: str
    c_rates: np.ndarray
    current_A: np.ndarray
    capacity_A_h: np.ndarray
    energy_W_h: np.ndarray
    mean_voltage_V: np.ndarray
    utilisable_capacity_A_h: float
    area_m2: float
    temperature_K: float
    lower_cutoff_V: float
    terminations: tuple[str, ...]
    sources: tuple[str, ...]
    curves: tuple[tuple[np.ndarray, np.ndarray], ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = ()
    #: what ended the discharges at the ends of the OCP data, "stop" or "wall" (``ocp_ends``
    #: of :func:`~solidcell.simulation.runs.rate_capability`, "auto" resolved)
    ocp_ends: str = "stop"
    #: "isothermal" or "lumped" (``thermal`` of ``rate_capability``)
    thermal: str = "isothermal"
    #: with the lumped model, each rate's "Volume-averaged cell temperature [K]" along its
    #: curve (the points of ``curves``); empty when isothermal
    cell_temperature_curves_K: tuple[np.ndarray, ...] = field(default=(), repr=False)
    #: cells of a bipolar stack: the energies, voltages and powers are one cell's (the
    #: stack's n times them, its capacity the same)
    cells_in_series: int = 1

    @property
    def max_temperature_rise_K(self) -> np.ndarray | None:
        """Each rate's largest cell temperature over its start [K] (lumped model; 0 for a
        rate without capacity), None when isothermal."""
        if not self.cell_temperature_curves_K:
            return None
        return np.array([float(np.max(t) - t[0]) if t.size else 0.0
                         for t in self.cell_temperature_curves_K])

    @property
    def capacity_fraction(self) -> np.ndarray:
        return self.capacity_A_h / self.utilisable_capacity_A_h

    @property
    def power_W(self) -> np.ndarray:
        """Mean discharge power at each rate [W] (Ragone)."""
        return self.current_A * self.mean_voltage_V

    def to_json(self) -> dict[str, Any]:
        return {
            "Name": self.name,
            "Model": self.model,
            # all the layers' (format.n_layers x width x height): evaluate's "Electrode area
            # [m2]" is one layer's, and the report showed 0.4 m2 beside evaluate's 0.02 m2
            "Electrode area, all layers [m2]": self.area_m2,
            "Temperature [K]": self.temperature_K,
            "Lower voltage cut-off [V]": self.lower_cutoff_V,
            # a bipolar stack's voltages, energies and powers below are one cell's
            "Cells in series": self.cells_in_series,
            "OCP ends": self.ocp_ends,
            "Thermal model": self.thermal,
            **({"Maximum temperature rise [K]": _list(self.max_temperature_rise_K),
                "Volume-averaged cell temperature [K]":
                    [_list(t) for t in self.cell_temperature_curves_K]}
               if self.max_temperature_rise_K is not None else {}),
            "Utilisable capacity [A.h]": self.utilisable_capacity_A_h,
            "C-rate": _list(self.c_rates),
            "Current [A]": _list(self.current_A),
            "Discharge capacity [A.h]": _list(self.capacity_A_h),
            "Capacity fraction of utilisable capacity": _list(self.capacity_fraction),
            "Discharge energy [W.h]": _list(self.energy_W_h),
            "Mean discharge voltage [V]": _list(self.mean_voltage_V),
            "Mean discharge power [W]": _list(self.power_W),
            "Areal energy [W.h.m-2]": _list(self.energy_W_h / self.area_m2),
            "Areal power [W.m-2]": _list(self.power_W / self.area_m2),
            "Termination": list(self.terminations),
            "notes": list(self.notes),
            "sources": list(self.sources),
        }

    def plot(self, path: str | Path) -> Path:
        """Discharge curves at each rate and the Ragone plot (PNG)."""
        return plot_rate_capability([self], path)


def rate_capability_figure(results: Sequence[RateCapabilityResult],
                           labels: Sequence[str] | None = None) -> Any:
    """The rate-capability figure (matplotlib ``Figure``) of one or several results.

    One result: its discharge curves at each rate (left) and its Ragone curve (right, per
    electrode area, each point annotated with its C-rate). Several: the fraction of the
    utilisable capacity delivered against the C-rate (left) and every result's Ragone curve
    (right) on common axes, one line per result with a legend by ``labels`` (default: the
    results' names), each point annotated with its C-rate.
    """
    import matplotlib

    matplotlib.use("Agg")
    import textwrap

    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator

    results = list(results)
    if not results or not all(isinstance(r, RateCapabilityResult) for r in results):
        raise ValidationError("results", results, "one or more RateCapabilityResult")
    names = [str(n) for n in labels] if labels is not None else [r.name for r in results]
    if len(names) != len(results):
        raise ValidationError("labels", list(names), f"one label per result ({len(results)})")
    several = len(results) > 1
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.6))
    if several:
        for k, (res, name) in enumerate(zip(results, names, strict=True)):
            ax1.semilogx(res.c_rates, res.capacity_fraction * 100.0, "o-", color=f"C{k}",
                         label=name)
        ax1.set_xlabel("C-rate [1/h]")
        ax1.set_ylabel("Delivered capacity [% of utilisable]")
        ax1.set_title("Rate capability", fontsize=10)
        ax1.legend(fontsize=8)
    else:
        only = results[0]
        for rate, (cap, volt) in zip(only.c_rates, only.curves, strict=False):
            ax1.plot(cap, volt, label=f"{rate:g}C")
        ax1.set_xlabel("Discharge capacity [A h]")
        ax1.set_ylabel("Voltage [V]")
        ax1.set_title("Discharge curves", fontsize=10)
        if only.curves:
            ax1.legend(fontsize=8)
        if only.cell_temperature_curves_K:  # the lumped model: each rate's cell temperature
            ax3 = ax1.twinx()
            for k, ((cap, _), temp) in enumerate(zip(only.curves,
                                                     only.cell_temperature_curves_K,
                                                     strict=False)):
                if temp.size == cap.size:
                    ax3.plot(cap, temp, ":", color=f"C{k}")
            ax3.set_ylabel("Volume-averaged cell temperature [K] (dotted)")
    for k, (res, name) in enumerate(zip(results, names, strict=True)):
        ok = res.energy_W_h > 0
        ax2.loglog(res.power_W[ok] / res.area_m2, res.energy_W_h[ok] / res.area_m2, "o-",
                   **({"color": f"C{k}", "label": name} if several else {}))
        for rate, p, e in zip(res.c_rates[ok], res.power_W[ok], res.energy_W_h[ok],
                              strict=True):
            ax2.annotate(f"{rate:g}C", (p / res.area_m2, e / res.area_m2), fontsize=8,
                         textcoords="offset points", xytext=(4, 4))
    plain = FuncFormatter(lambda v, _: f"{v:g}")
    for axis in (ax2.xaxis, ax2.yaxis, *((ax1.xaxis,) if several else ())):
        axis.set_major_formatter(plain)
        axis.set_minor_locator(LogLocator(subs=(2.0, 5.0)))
        axis.set_minor_formatter(plain)
    ax2.set_xlabel("Areal power [W m-2]")
    ax2.set_ylabel("Areal energy [W h m-2]")
    ax2.set_title("Ragone (per electrode area)", fontsize=10)
    if several:
        ax2.legend(fontsize=8)
        title = f"Rate capability of {len(results)} designs: " + "; ".join(names)
    else:
        title = f"{results[0].name}: {results[0].model}"
    fig.suptitle("\n".join(textwrap.wrap(title, 110)), fontsize=9)
    fig.tight_layout()
    return fig


def plot_rate_capability(results: Sequence[RateCapabilityResult], path: str | Path,
                         labels: Sequence[str] | None = None) -> Path:
    """Write :func:`rate_capability_figure` of ``results`` to ``path`` (format from the
    suffix: .png, .svg, .pdf)."""
    return _save(rate_capability_figure(results, labels), path)


@dataclass(frozen=True)
class TemperatureSweepResult:
    """Delivered capacity and energy at one C-rate over temperatures."""

    __repr__ = concise_repr

    name: str
    c_rate: float
    temperature_K: np.ndarray
    separator_conductivity_S_m: np.ndarray
    capacity_A_h: np.ndarray
    energy_W_h: np.ndarray
    utilisable_capacity_A_h: float
    sources: tuple[str, ...]
    #: what each temperature's run says (e.g. a temperature outside the conductivity data)
    notes: tuple[str, ...] = ()
    #: why each discharge ended, one per temperature
    terminations: tuple[str, ...] = ()
    #: "isothermal" or "lumped" (``thermal`` of ``temperature_sweep``)
    thermal: str = "isothermal"
    #: largest rise of the cell temperature over its start at each temperature [K] (lumped
    #: model), None when isothermal
    max_temperature_rise_K: np.ndarray | None = None
    #: the interface resistance of each run, taken at its temperature [Ohm m2]
    #: (``interface_resistance_activation_energy``; held without one); None: not recorded
    interface_resistance_ohm_m2: np.ndarray | None = None
    #: cells of a bipolar stack: the energies are one cell's (the stack's n times them)
    cells_in_series: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "Name": self.name,
            "C-rate": self.c_rate,
            "Temperature [K]": _list(self.temperature_K),
            "Separator conductivity [S.m-1]": _list(self.separator_conductivity_S_m),
            **({"Interface resistance [Ohm.m2]": _list(self.interface_resistance_ohm_m2)}
               if self.interface_resistance_ohm_m2 is not None else {}),
            "Discharge capacity [A.h]": _list(self.capacity_A_h),
            "Capacity fraction of utilisable capacity":
                _list(self.capacity_A_h / self.utilisable_capacity_A_h),
            "Discharge energy [W.h]": _list(self.energy_W_h),
            # a bipolar stack's energies above are one cell's
            "Cells in series": self.cells_in_series,
            "Termination": list(self.terminations),
            "Thermal model": self.thermal,
            **({"Maximum temperature rise [K]": _list(self.max_temperature_rise_K)}
               if self.max_temperature_rise_K is not None else {}),
            "notes": list(self.notes),
            "sources": list(self.sources),
        }

    def plot(self, path: str | Path) -> Path:
        """Delivered capacity against temperature [degC] (A h, mA h below 1 A h of
        utilisable capacity; right axis: % of the utilisable capacity); with the lumped
        thermal model a second panel: each run's largest cell temperature rise over its
        start [K]. Format from the suffix (.png, .svg, .pdf)."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        rise = self.max_temperature_rise_K
        fig, axes = plt.subplots(1 if rise is None else 2, 1, sharex=True, squeeze=False,
                                 figsize=(6.4, 4.2 if rise is None else 6.6))
        ax = axes[0, 0]
        order = np.argsort(self.temperature_K, kind="stable")  # a line in temperature order
        t_c = np.asarray(self.temperature_K, float)[order] - 273.15
        unit, scale = ("A h", 1.0) if self.utilisable_capacity_A_h >= 1.0 else ("mA h", 1e3)
        caps = np.asarray(self.capacity_A_h, float)[order] * scale
        ax.plot(t_c, caps, "o-")
        full = self.utilisable_capacity_A_h * scale
        top = max(full, float(np.nanmax(caps, initial=0.0)))  # from 0 to the whole window
        ax.set_ylim(0.0, 1.05 * top if top > 0 else 1.0)
        ax.set_ylabel(f"Delivered capacity [{unit}]")
        if full > 0:
            share = ax.secondary_yaxis("right", functions=(lambda q: q / full * 100.0,
                                                           lambda p: p * full / 100.0))
            share.set_ylabel("Delivered capacity [% of utilisable]")
        ax.set_title(f"{self.name}: {self.c_rate:g}C discharge ({self.thermal})"[:90],
                     fontsize=9)
        if rise is not None:  # the lumped model: how much each run heated the cell
            rises = np.asarray(rise, float)[order]
            axes[1, 0].plot(t_c, rises, "s-", color="C3")
            most = float(np.nanmax(rises, initial=0.0))
            axes[1, 0].set_ylim(0.0, 1.1 * most if most > 0 else 1.0)
            axes[1, 0].set_ylabel("Largest cell temperature rise [K]")
        axes[-1, 0].set_xlabel("Temperature [degC]" if rise is None
                               else "Ambient and start temperature [degC]")
        fig.tight_layout()
        return _save(fig, path)
