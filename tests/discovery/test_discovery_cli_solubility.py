"""`solidcell discover` in table mode says what the JSON says about solubility limits
(``data/solubility_limits.csv``): how many default candidates were not generated beyond a
published limit, and each shown candidate whose user-given amount lies beyond one. Al in
garnet LLZO: about 0.40 per formula unit (Moy et al. 2022, ``moy2022_al_llzo``)."""

from __future__ import annotations

from clirun import run


def test_default_candidates_beyond_the_limit_are_counted(capsys) -> None:
    code, out, err = run(["discover", "Li7La3Zr2O12", "--dopants", "Al", "--top", "3"], capsys)
    assert code == 0, err
    # the default fractions 0.05-0.3 of the 7 Li give 0.35, 0.7, 1.4 and 2.1 Al (each Al
    # on 3 Li sites: one for itself, two left empty): 0.7 is beyond 0.40; 1.4 and 2.1 would
    # take more than half the Li (never made)
    assert "1 candidate of the default fractions not generated: beyond a published " \
        "solubility limit" in out
    assert "Li5.95Al0.35La3Zr2O12" in out and "Li4.9Al0.7La3Zr2O12" not in out


def test_a_users_amount_beyond_the_limit_is_named_with_its_source(capsys) -> None:
    code, out, err = run(["discover", "Li7La3Zr2O12", "--dopants", "Al", "--amounts",
                          "0.25,0.6", "--top", "3"], capsys)
    assert code == 0, err
    beyond = [line for line in out.splitlines() if "BEYOND" in line]
    assert len(beyond) == 1 and beyond[0].startswith("Li5.2Al0.6La3Zr2O12:")
    assert "moy2022_al_llzo" in beyond[0] and "x = 0.4" in beyond[0]
    assert "not generated" not in out  # the user's amounts are all generated
