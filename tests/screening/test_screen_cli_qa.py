"""`solidcell screen` input found in a fresh-eyes QA: a plot of one objective is refused before
the screen runs (it used to fail after it, writing nothing), and a space path that is a folder
or a file of another suffix is named as such (it was read as the YAML text '/tmp')."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
WH_KG = "Cell gravimetric energy density [W.h.kg-1]"


def _space_file(folder: Path, name: str = "space.yaml", **extra) -> Path:
    data = {"base": str(EV), "parameters": {"cathode.thickness_m": {"values": ["40 um",
                                                                            "80 um"]}}}
    data.update(extra)
    path = folder / name
    path.write_text(yaml.safe_dump(data), "utf-8")
    return path


def test_a_plot_of_one_objective_is_refused_before_the_screen(tmp_path, capsys):
    """The unreachable scheduler proves the order: the screen would fail on it (after Dask's
    connect timeout) if it ran before the check."""
    space = _space_file(tmp_path, objectives=[{"key": WH_KG}])
    csv = tmp_path / "all.csv"
    code, out, err = run(["screen", str(space), "--plot", str(tmp_path / "front.png"),
                          "--csv", str(csv), "--scheduler", "tcp://127.0.0.1:1"], capsys)
    assert_one_line_error(code, out, err, "--plot", "a plot needs two objectives",
                          "the space has 1", WH_KG)
    assert not csv.exists() and not (tmp_path / "front.png").exists()


def test_two_objectives_plot_and_write_the_csv(tmp_path, capsys):
    space = _space_file(tmp_path, objectives=[{"key": WH_KG},
                                              {"key": "Cell specific power [W.kg-1]"}])
    csv, png = tmp_path / "all.csv", tmp_path / "front.png"
    code, _, err = run(["screen", str(space), "--plot", str(png), "--csv", str(csv)], capsys)
    assert code == 0, err
    assert png.stat().st_size > 0 and len(csv.read_text("utf-8").splitlines()) == 3


def test_a_folder_or_another_suffix_is_named_not_read_as_yaml_text(tmp_path, capsys):
    with pytest.raises(ValidationError) as err:
        load_space(tmp_path)
    assert (err.value.field, err.value.value) == ("space", str(tmp_path))
    assert err.value.allowed.startswith("is a folder; allowed: a design-space YAML file")
    code, out, stderr = run(["screen", str(tmp_path)], capsys)
    assert_one_line_error(code, out, stderr, "is a folder", ".yaml")
    text = _space_file(tmp_path, "space.txt")
    for source in (text, str(text)):  # a Path, or a str naming an existing file
        with pytest.raises(ValidationError, match=r"a design-space YAML file \(ending in "
                                                  r"\.yaml, \.yml, \.json\)"):
            load_space(source)


def test_an_upper_case_suffix_is_a_file_and_one_line_text_gets_a_hint(tmp_path):
    upper = _space_file(tmp_path, "SPACE.YAML")
    assert list(load_space(str(upper)).parameters) == ["cathode.thickness_m"]
    with pytest.raises(ValidationError, match=r"a file is named by a path ending in \.yaml"):
        load_space("no-such-space.txt")


def test_space_size_is_the_lhs_n_or_the_grid_product():
    from solidcell.screening.screen import space_size

    grid = load_space({"base": str(EV), "parameters": {
        "cathode.thickness_m": {"min": "40 um", "max": "80 um", "n": 7},
        "separator.electrolyte": {"values": ["li6ps5cl", "li3ps4", "llzo"]}}})
    assert space_size(grid) == 21
    assert space_size(load_space({"base": str(EV), "method": "lhs", "n": 123, "parameters": {
        "cathode.thickness_m": {"min": "40 um", "max": "80 um"}}})) == 123


def test_a_screen_larger_than_the_memory_available_is_refused_before_sampling(monkeypatch,
                                                                            capsys, tmp_path):
    """10^7 designs take about 10 GB (1 kB per design, measured); a machine with less free
    memory was killed by the system, not told. The free memory is set here: a machine with
    too little memory for a test is not cheap."""
    from solidcell.screening import screen as module

    free = module.available_memory_bytes()  # None only where nothing tells (not on Linux)
    if Path("/proc/meminfo").exists():
        assert isinstance(free, int) and free > 0
    monkeypatch.setattr(module, "available_memory_bytes", lambda: 50_000_000)  # 50 MB
    lhs = {"base": str(EV), "method": "lhs", "n": 100_000,
           "parameters": {"cathode.thickness_m": {"min": "40 um", "max": "80 um"}}}
    with pytest.raises(ValidationError) as err:
        module.screen(lhs, with_cost=False)
    assert (err.value.field, err.value.value) == ("n", 100_000)
    need = 100_000 * module.BYTES_PER_DESIGN / 1e9  # about 0.1 GB at ~1 kB per design
    assert 0.09 < need < 0.11
    assert f"needs about {need:.3g} GB of memory" in err.value.allowed
    assert "0.05 GB are available" in err.value.allowed
    grid = {"base": str(EV), "parameters": {
        "cathode.thickness_m": {"min": "40 um", "max": "80 um", "n": 1000},
        "separator.thickness_m": {"min": "20 um", "max": "40 um", "n": 100}}}
    with pytest.raises(ValidationError, match=r"^parameters: 100000 is not allowed; a screen "):
        module.screen(grid, with_cost=False)
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(lhs), "utf-8")
    code, out, stderr = run(["screen", str(path)], capsys)
    assert_one_line_error(code, out, stderr, "n: 100000 is not allowed", "GB of memory")
    small = dict(lhs, n=100)
    assert len(module.screen(small, with_cost=False).table) == 100


def test_the_title_counts_the_front_and_says_when_rows_are_cut(capsys):
    """The title read 'Pareto front: 59 of 20000 feasible' (59 looked like the feasible count)
    and nothing said that only --rows of the front were shown. Now the front's size, the
    designs screened, feasible and meeting the application, and the cut are each named; the
    counts are those of the JSON."""
    import json

    space = EXAMPLES / "spaces" / "ev.yaml"
    code, out, _ = run(["screen", str(space), "--json", "--application", "ev"], capsys)
    assert code == 0
    data = json.loads(out)
    n_front, n = data["Pareto designs"], data["Designs"]
    assert n_front > 3  # so that --rows 3 cuts it
    code, out, _ = run(["screen", str(space), "--application", "ev", "--rows", "3"], capsys)
    assert code == 0
    title = " ".join(out.split())
    assert (f"Pareto front: {n_front} designs ({n} screened, {data['Feasible designs']} "
            "feasible, ") in title and " meet ev); the best 3 by the first objective shown "\
        "(--rows)" in title
    assert "feasible designs do not meet the requirements of ev" in title


#: design names a spreadsheet would read as formulas (= + - @), and one it reads as text
FORMULA_NAMES = ['=HYPERLINK("http://example.com","x")', "+1", "-a", "@b", "plain"]


def test_screen_csv_guards_text_cells_as_the_dashboard_download(tmp_path, capsys):
    """`screen --csv` wrote a swept design name such as '=HYPERLINK(...)' as it was (a formula
    to a spreadsheet), where the dashboard's download guarded it; both now use one writer,
    :func:`solidcell.materials.store.guarded_csv`: a leading ' on such text, numbers as they
    are."""
    import io

    import pandas as pd

    from solidcell.materials.store import csv_guarded, csv_unguarded, guarded_csv
    from solidcell.screening.screen import screen

    space = _space_file(tmp_path, parameters={"cathode.thickness_m": {"values": ["40 um"]},
                                              "name": {"values": FORMULA_NAMES}})
    csv = tmp_path / "all.csv"
    code, _, err = run(["screen", str(space), "--csv", str(csv)], capsys)
    assert code == 0, err
    text = csv.read_text("utf-8")
    got = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(got["name"]) == [csv_guarded(n) for n in FORMULA_NAMES]
    assert list(got["name"])[:4] == ["'" + n for n in FORMULA_NAMES[:4]]
    assert [csv_unguarded(c) for c in got["name"]] == FORMULA_NAMES
    assert list(got["cathode.thickness_m"]) == pytest.approx([40e-6] * len(FORMULA_NAMES))
    # the text of the dashboard's download of the same screen, byte for byte
    assert text == guarded_csv(screen(load_space(space)).table)
