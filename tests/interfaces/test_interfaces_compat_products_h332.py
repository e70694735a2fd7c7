"""The products of a pair's chemical reaction in ``check_pair`` and ``compat --json`` (H332).

``"Decomposition products"`` read ``{"oxidation": [...], "chemical": []}`` for Li6PS5Cl | NMC811:
the chemical reaction's products were never kept, and the empty list read as "no products" of a
reaction of -0.45 eV/atom. Now they are the equilibrium phases of the mixture at the most
negative reaction energy (what ``interface_reaction`` names), and the key is null where no
phase diagram was used (a reported window).
"""

from __future__ import annotations

import json

from pymatgen.core import Composition
from typer.testing import CliRunner

from solidcell.cli import app
from solidcell.interfaces.compat import check_pair, reaction_scheme
from solidcell.interfaces.reactivity import interface_reaction
from solidcell.interfaces.stability import resolve_target

runner = CliRunner()


def _elements(material: str) -> set[str]:
    return {e.symbol for e in Composition(resolve_target(material).formula).elements}


def test_chemical_side_names_the_reaction_products() -> None:
    pair = check_pair("li6ps5cl", "nmc811")
    chemical = [s for s in pair.sides if s.side == "chemical"]
    assert len(chemical) == 1 and chemical[0].status == "unstable"
    reaction = interface_reaction("li6ps5cl", "nmc811",
                                  scheme=reaction_scheme("li6ps5cl", "nmc811"), points=21)
    assert chemical[0].decomposition_energy_eV_atom == reaction.most_negative_energy_eV_atom
    assert chemical[0].products == tuple(f for f, _ in reaction.products)
    assert chemical[0].products  # -0.45 eV/atom: something forms
    # the products hold the reactants' elements only
    allowed = _elements("li6ps5cl") | _elements("nmc811")
    for formula in chemical[0].products:
        assert {e.symbol for e in Composition(formula).elements} <= allowed, formula
    assert f"to {' + '.join(chemical[0].products)} (" in pair.reason


def test_compat_json_products_are_listed_or_null() -> None:
    res = runner.invoke(app, ["compat", "--electrolyte", "li6ps5cl,peo_litfsi,llzo",
                              "--electrode", "nmc811,lto", "--json"])
    assert res.exit_code == 0, res.output
    pairs = {(p["Electrolyte"], p["Electrode"]): p for p in json.loads(res.output)["Pairs"]}
    sulfide = pairs["li6ps5cl", "nmc811"]["Decomposition products"]
    assert sulfide["chemical"] == list(check_pair("li6ps5cl", "nmc811").sides[-1].products)
    assert all(sulfide.values())  # no side with an empty list
    # a reported window (no phase diagram): nothing computed, so null, not {}
    reported = pairs["peo_litfsi", "nmc811"]
    assert reported["Energy scheme"] == "reported window"
    assert reported["Decomposition products"] is None
    # a stable pair computed from the phase diagram: nothing decomposes
    stable = pairs["llzo", "lto"]
    assert stable["Status"] == "stable" and stable["Decomposition products"] == {}
