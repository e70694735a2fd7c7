"""``solidcell capacity`` and ``solidcell conductivity``."""

from __future__ import annotations

import typer

from solidcell.cli._common import (
    JSON_OPTION,
    case_typo_warning,
    comma_list,
    fail,
    material_store,
    options,
    print_json,
    print_sources,
    print_table,
    temperature_option,
)


def capacity(
    formula: str = typer.Argument(..., help="Chemical formula, e.g. LiFePO4 or Li4Ti5O12."),
    electrons: float = typer.Option(None, help="Electrons (Li+) exchanged per formula unit "
                                    "(default: the knowledge base's value for a curated active "
                                    "material of this formula, e.g. 3 for Li4Ti5O12; else all "
                                    "Li/Na/K in the formula)."),
    product: str = typer.Option(None, help="The other end of the reaction instead of "
                                "--electrons, e.g. Li22Sn5 for Sn (4.4 Li per Sn), Li15Si4 for "
                                "Si, 'Fe-2Li2S' for FeS2 (4 Li), CoO2 for LiCoO2."),
    per: str = typer.Option("formula", help="Capacity per gram of the 'formula' or of the "
                            "'product' (--product Li2S --per product: per gram of Li2S)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Theoretical specific capacity from composition (Faraday's law)."""
    from solidcell.chemistry.capacity import letter_case_warning, theoretical_capacity
    from solidcell.errors import ValidationError

    try:
        with options(electrons=("--electrons", electrons), product=("--product", product),
                     per=("--per", per)):
            result = theoretical_capacity(formula, electrons, product=product, per=per)
    except ValidationError as exc:
        if electrons is not None or product is not None or exc.field != "electrons":
            raise
        # a formula without Li/Na/K: the default has nothing to count ("electrons: None")
        fail(f"--electrons: not given, and no default for {formula!r}: {exc.allowed}")
    # the polonium warning of 'LiFePo4' already names LiFePO4: its letter-case warning
    # (capacity.letter_case_warning) would say it a second time
    said = letter_case_warning(formula) if case_typo_warning(formula) else None
    for warning in result.warnings:  # LiFePO9 was answered without a word
        if warning != said:
            typer.echo(f"warning: {warning}", err=True)
    if as_json:
        print_json(result.to_json())
    else:
        print_table("Theoretical capacity (Faraday's law)",
                    ["formula", "electrons", "M [g/mol]", "capacity [mAh/g]"
                     if result.mass_basis == result.formula else
                     f"capacity [mAh per g of {result.mass_basis}]", "electrons from"],
                    [[result.formula, result.electrons, result.molar_mass_g_mol,
                      result.capacity_mAh_g, result.electrons_basis]])
        print_sources(result.sources)  # as --json lists them


def conductivity(
    material: str = typer.Argument(..., help="Material id, e.g. li6ps5cl."),
    temperature: list[str] = typer.Option(["25 degC"], help="Temperature(s) with unit, e.g. "
                                          "'60 degC' or '333 K' (repeatable, or "
                                          "comma-separated: '25 degC,60 degC')."),
    db: str = typer.Option(None, help="Database path or SQLAlchemy URL (default: "
                           "$SOLIDCELL_DB, else the user data dir)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Ionic conductivity of a material at a temperature (Arrhenius from its data)."""
    import numpy as np

    from solidcell.chemistry.conductivity import conductivity_at

    store = material_store(db)
    # '25 degC,60 degC': two
    temperature = comma_list(temperature, with_units=True, option="--temperature")
    temps = np.array([temperature_option("--temperature", t) for t in temperature])
    with options(temperature=("--temperature", temperature)):
        result = conductivity_at(store.get(material), temps if temps.size > 1 else temps[0])
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if as_json:
        print_json(result.to_json())
        return
    sig = np.atleast_1d(result.ionic_conductivity_S_m)
    print_table(f"{material}: {result.model}", ["T [K]", "T [degC]", "sigma [S/cm]"],
                # temperatures as given (298.15 K to four digits read "298.1")
                [[f"{t:.6g}", f"{t - 273.15:.6g}", s / 100.0] for t, s in
                 zip(np.atleast_1d(result.temperature_K), sig, strict=True)])
    if result.activation_energy_eV is None and sig.size and not np.all(np.isfinite(sig)):
        fail("no finite conductivity")
    print_sources(result.sources)


def register(app: typer.Typer) -> None:
    app.command("capacity")(capacity)
    app.command("conductivity")(conductivity)
