"""`solidcell rate-capability A.yaml B.yaml ...`: several designs through rate_capability_many
(processes or a Dask cluster), one design exactly as before. Real PyBaMM runs on the coarse
mesh at two rates of the two smallest example designs (a composite LCO | LLZO | Li half cell
and a dense LCO film), each a few seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from daskhelpers import closed_port_address
from solidcell.jsonable import dumps
from solidcell.simulation.results import rate_capability_figure
from solidcell.simulation.runs import rate_capability, rate_capability_many

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OXIDE = str(EXAMPLES / "oxide-lco-llzo-li.yaml")
FILM = str(EXAMPLES / "thin-film-lco-lipon-li.yaml")
RATES = [0.5, 2.0]
COARSE = ["--rates", "0.5,2", "--mesh", "coarse"]


def as_printed(data: object) -> object:
    """``data`` as the CLI's JSON prints it (NaN as null, arrays as lists, the notes naming
    the options, not the Python keywords: tests/cli/test_cli_option_words.py)."""
    from solidcell.cli._common import json_in_option_words

    words = {"initial_soc": "--initial-soc",
             "interface_resistance_activation_energy": "--interface-activation"}
    return json.loads(dumps(json_in_option_words(data, words)))


@pytest.fixture(scope="module")
def api_results():
    """The API's results of both designs, one process (the reference of the CLI's)."""
    return rate_capability_many([OXIDE, FILM], RATES, mesh="coarse", workers=1)


def test_one_design_prints_the_api_result_as_before(capsys, api_results):
    """One design: the JSON object of `rate_capability` (no mapping around it), and the one
    table it printed before (no comparison table)."""
    code, out, err = run(["rate-capability", OXIDE, *COARSE, "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    single = rate_capability(OXIDE, RATES, mesh="coarse")
    assert data == as_printed(single.to_json()) == as_printed(api_results[0].to_json())
    code, out, err = run(["rate-capability", OXIDE, *COARSE], capsys)
    assert code == 0, err
    assert f"{single.name}: rate capability" in out
    assert "designs" not in out and OXIDE not in out  # the title names the design, not a file
    assert out.count("sources: ") == 1


def test_one_design_fast_is_the_api_fast_result(capsys):
    code, out, err = run(["rate-capability", OXIDE, "--fast", "--rates", "0.5,2", "--json"],
                         capsys)
    assert code == 0, err
    assert json.loads(out) == as_printed(rate_capability(OXIDE, RATES, model="fast").to_json())


def test_two_designs_json_is_a_mapping_by_file_in_processes(capsys, api_results):
    """Two worker processes give what one process gives, keyed by each file as typed, in the
    order given."""
    code, out, err = run(["rate-capability", FILM, OXIDE, *COARSE, "--workers", "2", "--json"],
                         capsys)
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == [FILM, OXIDE]
    assert data[OXIDE] == as_printed(api_results[0].to_json())
    assert data[FILM] == as_printed(api_results[1].to_json())
    # a dense film loses more of its capacity at 2C than the composite (the thin film's
    # planar diffusion across the whole film: docs/simulation.md)
    frac = {k: v["Capacity fraction of utilisable capacity"] for k, v in data.items()}
    assert frac[FILM][1] < frac[OXIDE][1]


def test_two_designs_fast(capsys):
    code, out, err = run(["rate-capability", OXIDE, FILM, "--fast", "--rates", "0.5,2",
                          "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    for path in (OXIDE, FILM):
        assert data[path] == as_printed(rate_capability(path, RATES, model="fast").to_json())


def test_two_designs_table_has_a_block_per_design_and_a_comparison(capsys, monkeypatch,
                                                                   api_results):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(["rate-capability", OXIDE, FILM, *COARSE], capsys)
    assert code == 0, err
    oxide, film = api_results
    assert out.index(f"({oxide.name}): rate capability") \
        < out.index(f"({film.name}): rate capability") \
        < out.index("Rate capability of 2 designs")
    assert out.count("sources: ") == 2
    comparison = out[out.index("Rate capability of 2 designs"):]
    assert oxide.name in comparison and film.name in comparison
    row_2c = next(line for line in comparison.splitlines() if line.startswith("│ 2 "))
    shown = [cell.strip() for cell in row_2c.strip("│").split("│")]
    assert shown[1:] == [f"{oxide.capacity_fraction[1] * 100:.4g}",
                         f"{film.capacity_fraction[1] * 100:.4g}"]


def test_plot_of_two_designs_has_one_ragone_line_per_design(capsys, tmp_path, api_results):
    png = tmp_path / "ragone.png"
    code, _out, err = run(["rate-capability", OXIDE, FILM, "--fast", "--rates", "0.5,2",
                           "--plot", str(png)], capsys)
    assert code == 0, err
    assert png.read_bytes().startswith(b"\x89PNG")
    html = tmp_path / "ragone.html"
    code, _out, err = run(["rate-capability", OXIDE, FILM, "--fast", "--rates", "0.5,2",
                           "--plot", str(html)], capsys)
    assert code == 0, err
    assert "Oxide LCO" in html.read_text() and "Thin-film LCO" in html.read_text()
    # the figure the command draws: every design on the Ragone axes, legend by name
    import matplotlib.pyplot as plt

    fig = rate_capability_figure(api_results)
    try:
        _left, ragone = fig.axes
        assert len(ragone.get_lines()) == 2
        assert [t.get_text() for t in ragone.get_legend().get_texts()] \
            == [r.name for r in api_results]
        first = ragone.get_lines()[0].get_xydata()
        oxide = api_results[0]
        assert first[:, 0] == pytest.approx(oxide.power_W / oxide.area_m2)
        assert first[:, 1] == pytest.approx(oxide.energy_W_h / oxide.area_m2)
        # one design: its discharge curves and its Ragone curve, as before (no legend there)
        fig_one = rate_capability_figure(api_results[:1])
        assert len(fig_one.axes[1].get_lines()) == 1 and fig_one.axes[1].get_legend() is None
        assert [t.get_text() for t in fig_one.axes[0].get_legend().get_texts()] \
            == ["0.5C", "2C"]
        plt.close(fig_one)
    finally:
        plt.close(fig)


def test_designs_of_one_name_are_told_apart_by_file(capsys, tmp_path, monkeypatch):
    """A copy of a design with one change keeps the name: the comparison names the files."""
    for copy in ("a.yaml", "b.yaml"):
        (tmp_path / copy).write_text(Path(OXIDE).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(["rate-capability", "a.yaml", "b.yaml", "--fast", "--rates", "1"],
                         capsys)
    assert code == 0, err
    comparison = out[out.index("Rate capability of 2 designs"):]
    name = rate_capability(OXIDE, [1.0], model="fast").name
    assert f"{name} (a.yaml)" in comparison and f"{name} (b.yaml)" in comparison


def test_a_missing_file_among_several_is_named_and_nothing_runs(capsys, tmp_path):
    missing = tmp_path / "missing.yaml"
    png = tmp_path / "r.png"
    assert_one_line_error(*run(["rate-capability", OXIDE, str(missing), FILM, *COARSE,
                                "--plot", str(png)], capsys), str(missing))
    assert not png.exists()


def test_a_bad_design_among_several_is_named(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ncathode: 3\n", encoding="utf-8")
    assert_one_line_error(*run(["rate-capability", OXIDE, str(bad), "--fast"], capsys),
                          f"{bad}: ", "cathode")


def test_a_file_given_twice_is_refused(capsys, tmp_path, monkeypatch):
    assert_one_line_error(*run(["rate-capability", OXIDE, FILM, OXIDE, "--fast"], capsys),
                          "given twice", OXIDE)
    monkeypatch.chdir(EXAMPLES)
    assert_one_line_error(*run(["rate-capability", "oxide-lco-llzo-li.yaml",
                                "../examples/oxide-lco-llzo-li.yaml", "--fast"], capsys),
                          "given twice", "the same file as 'oxide-lco-llzo-li.yaml'")


@pytest.mark.parametrize("workers", ["0", "-1", "1.5", "two"])
def test_workers_must_be_a_whole_number_of_at_least_one(capsys, workers):
    assert_one_line_error(*run(["rate-capability", OXIDE, FILM, *COARSE, "--workers",
                                workers], capsys), "--workers", workers)


@pytest.mark.parametrize(("extra", "words"), [
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"],
     ("--workers: '2' is not allowed with --scheduler",)),
    (["--fast", "--workers", "2"], ("--workers: '2' is not allowed with --fast",)),
    (["--fast", "--scheduler", "tcp://127.0.0.1:8786"], ("--scheduler", "--fast")),
    (["--scheduler-timeout", "5"], ("--scheduler-timeout", "only with --scheduler")),
    (["--scheduler", " "], ("--scheduler",)),
])
def test_options_that_do_not_go_together_are_refused(capsys, extra, words):
    assert_one_line_error(*run(["rate-capability", OXIDE, FILM, *extra], capsys), *words)


def test_an_unreachable_scheduler_is_named_with_the_timeout(capsys):
    pytest.importorskip("dask.distributed")
    address = closed_port_address()
    assert_one_line_error(*run(["rate-capability", OXIDE, FILM, *COARSE, "--scheduler",
                                address, "--scheduler-timeout", "0.5"], capsys),
                          "--scheduler", address, "--scheduler-timeout")


def test_two_designs_on_a_dask_cluster(capsys, api_results):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        code, out, err = run(["rate-capability", OXIDE, FILM, *COARSE, "--scheduler",
                              cluster.scheduler_address, "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data == {OXIDE: as_printed(api_results[0].to_json()),
                    FILM: as_printed(api_results[1].to_json())}
