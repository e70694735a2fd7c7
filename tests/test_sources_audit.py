"""Source audit of every command that prints numbers, from a user's side: run on the bundled
examples with ``--json``, each answer carries a ``sources`` list whose keys `solidcell cite`
resolves (or names as the user's own), the nested sources of its rows are among them, the
sources cover the data used (each material property behind `evaluate`, a user's price marked
as the user's), and the numbers of the table are those of the JSON. A command that drops its
sources, or a table that prints a number its JSON does not hold, fails here."""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate, evaluate_many
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.citations import USER_SOURCE, bibliography, split_sources
from solidcell.materials import get


@pytest.fixture(scope="module", autouse=True)
def bundled_data_only(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A database of the bundled data only: the worker's shared test database holds the
    materials that other tests (the dashboard's browser tests) added with their own keys
    ('my_lab_notebook_2026', markup), which this audit of bundled data counted as keys
    outside the bibliography when it ran after them on the same worker (CI 2026-12-07)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOLIDCELL_DB", str(tmp_path_factory.mktemp("audit-db") / "bundled.sqlite"))
        yield


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DESIGNS = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
THREE_D = ("interdigitated-3d-nmc811-lpscl-li.yaml", "vertically-aligned-lco-llzo-li.yaml")

#: prices the knowledge base lacks for the bundled examples, given as a user gives them
#: (`--price ID=USD_PER_KG`): the user's assumptions in these tests, not data
USER_PRICES = {"vgcf": "50", "linbo3": "100", "peo_litfsi": "20", "mica": "10",
               "lipon": "100", "polyimide": "20"}


def _design_ids(name: str) -> set[str]:
    """Every material id a bundled design names (curated ids only)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.add(node)

    walk(CellDesign.from_file(EXAMPLES / name).model_dump(mode="json"))
    return found


def _prices(name: str) -> list[str]:
    """``--price`` options for the prices a design needs that the knowledge base lacks."""
    ids = _design_ids(name)
    return [a for k, v in USER_PRICES.items() if k in ids for a in ("--price", f"{k}={v}")]


def _space(tmp_path: Path, name: str) -> Path:
    """A one-point grid whose only design is the bundled ``name`` itself (its own separator
    thickness, swept as one value)."""
    t_um = CellDesign.from_file(EXAMPLES / name).separator.thickness_m * 1e6
    path = tmp_path / f"space-{name}"
    path.write_text(f"base: {EXAMPLES / name}\nmethod: grid\nparameters:\n"
                    f"  separator.thickness_m: {{values: [{t_um!r} um]}}\n", "utf-8")
    return path


def _commands() -> list[Any]:
    """(id, argv) of every command that prints numbers; ``{space}`` is a one-point screen."""
    out: list[Any] = []
    for name in DESIGNS:
        path = str(EXAMPLES / name)
        out += [pytest.param(["evaluate", path], id=f"evaluate-{name}"),
                pytest.param(["design", "check", path], id=f"design-check-{name}"),
                pytest.param(["interfaces", path], id=f"interfaces-{name}"),
                pytest.param(["route", path], id=f"route-{name}"),
                pytest.param(["cost", path, *_prices(name)], id=f"cost-{name}"),
                pytest.param(["screen", "{space}" + name, *_prices(name)],
                             id=f"screen-{name}"),
                *([] if name in THREE_D else [  # (the 1D models refuse 3D designs)
                    pytest.param(["rate-capability", path, "--fast", "--rates", "0.2,1"],
                                 id=f"rate-capability-{name}")])]
    ev, three_d = str(EV), str(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")
    out += [pytest.param(["compare", ev, three_d, str(EXAMPLES / "oxide-lco-llzo-li.yaml")],
                         id="compare"),
            pytest.param(["crossover", ev, three_d], id="crossover"),
            pytest.param(["bipolar-gain", str(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml")],
                         id="bipolar-gain"),
            pytest.param(["interfaces", ev, "--stack-pressure", "5 MPa",
                          "--charge-current", "1 mA/cm2"], id="interfaces-options"),
            pytest.param(["capacity", "LiFePO4"], id="capacity"),
            pytest.param(["conductivity", "lgps", "--temperature", "60 degC"],
                         id="conductivity"),
            pytest.param(["conductivity", "llzo", "--temperature", "25 degC"],
                         id="conductivity-llzo"),
            pytest.param(["predict", "Li6PS5Cl"], id="predict"),
            pytest.param(["discover", "Li7La3Zr2O12"], id="discover"),
            pytest.param(["window", "Li6PS5Cl"], id="window"),
            pytest.param(["react", "Li6PS5Cl", "LiCoO2"], id="react"),
            pytest.param(["compat"], id="compat"),
            pytest.param(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--asr", "10 Ohm cm2"],
                         id="ccd"),
            pytest.param(["processes"], id="processes"),
            pytest.param(["applications"], id="applications"),
            pytest.param(["materials", "list"], id="materials-list"),
            pytest.param(["materials", "show", "llzo"], id="materials-show"),
            pytest.param(["materials", "query", "--class", "sulfide", "--property",
                          "ionic_conductivity", "--min", "1 mS/cm"], id="materials-query")]
    return out


COMMANDS = _commands()


def _argv(argv: list[str], tmp_path: Path) -> list[str]:
    return [str(_space(tmp_path, a[len("{space}"):])) if a.startswith("{space}") else a
            for a in argv]


@pytest.fixture(scope="module")
def spaces_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the one-point screens of this module, so that the two tests of a
    command run it on the same file (the answer is shared: ``answers``)."""
    return tmp_path_factory.mktemp("audit-spaces")


@pytest.fixture(scope="module")
def answers() -> dict[tuple[str, ...], Any]:
    """Each command's ``--json`` answer, run once for the two tests that read it (the sources
    test and the table test): the same command on the same bundled data gives the same
    answer, and running it twice took a third of this module's time (H325)."""
    return {}


#: commands whose exit status 1 says "no result" (no route, no cost) with the answer printed
STATUS_1 = ("route", "cost")


def _ok(argv: list[str], code: int) -> bool:
    return code == 0 or (code == 1 and argv[0] in STATUS_1)


def _json(argv: list[str], tmp_path: Path, capsys: Any) -> Any:
    code, out, err = run([*_argv(argv, tmp_path), "--json"], capsys)
    assert _ok(argv, code), err
    return json.loads(out)


def _answer(argv: list[str], folder: Path, capsys: Any,
            answers: dict[tuple[str, ...], Any]) -> Any:
    """``_json`` of ``argv`` (its screens written in ``folder``), run once per module: a
    fresh copy of the answer for each test that reads it."""
    key = tuple(_argv(argv, folder))
    if key not in answers:
        answers[key] = _json(argv, folder, capsys)
    return copy.deepcopy(answers[key])


def _items(data: Any, argv: list[str]) -> list[dict[str, Any]]:
    """The answers of one command that each carry their own sources: the JSON object, each
    object of a list (one per material, formula or electrolyte), each application profile."""
    if isinstance(data, list):
        return data
    if argv[0] == "applications":
        return list(data.values())
    return [data]


def _nested(node: Any, top: bool = True) -> list[str]:
    """The source keys given inside an answer, below its own ``sources`` list (a row's
    ``Source``, a step's ``sources``, a measured value's ``source``)."""
    keys: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key.lower() in ("source", "sources") and not top:
                keys += [value] if isinstance(value, str) else [
                    v for v in value if isinstance(v, str)] if isinstance(value, list) else []
            elif key.lower() != "sources":
                keys += _nested(value, False)
    elif isinstance(node, list):
        for value in node:
            keys += _nested(value, False)
    return keys


#: how a JSON row marks a value the user gave on the command line (``--price``)
USER_MARK = "user"


@pytest.mark.parametrize("argv", COMMANDS)
def test_every_answer_lists_sources_that_cite_resolves(argv, tmp_path, capsys, spaces_dir,
                                                       answers):
    data = _answer(argv, spaces_dir, capsys, answers)
    keys: list[str] = []
    for item in _items(data, argv):
        assert isinstance(item.get("sources"), list) and item["sources"], item.keys()
        keys += item["sources"]
        # every key a row names is one the answer lists (the rows' data are covered);
        # several keys in one field are split (the cost breakdown joins two: see the test
        # below)
        listed = set(item["sources"])
        for key in _nested(item):
            for one in key.split(", "):
                assert one == USER_MARK or one in listed, (one, sorted(listed))
    known, yours = split_sources(keys)
    assert not yours, f"keys outside the bibliography on bundled data: {yours}"
    # `solidcell cite FILE` resolves the answer as a user would
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(data), "utf-8")
    code, out, err = run(["cite", str(path), "--text"], capsys)
    assert code == 0, err
    for key in set(known):
        assert f"[{key}] " in out
    assert USER_SOURCE not in out


def test_cost_breakdown_names_source_keys_cite_resolves(capsys):
    """Each ``Source`` of the breakdown of ``cost --json`` is a key of the bibliography (or
    the user's mark): a user copies it into `solidcell cite KEY`."""
    code, out, err = run(["cost", str(EV), *_prices(EV.name), "--json"], capsys)
    assert code == 0, err
    sources = [row["Source"] for row in json.loads(out)["Breakdown"]]
    assert any(s.startswith("schnell2018_production") for s in sources), sources
    bib = bibliography()
    assert [s for s in sources if s != USER_MARK and s not in bib] == []


NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")
#: the unit factors between the JSON's SI/PyBaMM units and the tables' lab units
#: (mg/cm2 = 100 kg/m2 ... ), and degC = K - 273.15
SCALES = (1.0, 10.0, 0.1, 100.0, 0.01, 1e3, 1e-3, 1e4, 1e-4, 1e6, 1e-6, 1e9, 1e-9)


def _table_numbers(text: str) -> list[str]:
    """Every cell of the rich tables in ``text`` that is one number."""
    cells = []
    for line in text.splitlines():
        if "\u2502" in line:  # a table row
            cells += [c.strip() for c in line.split("\u2502")[1:-1]
                      if NUMBER.fullmatch(c.strip())]
    return cells


def _json_numbers(node: Any) -> list[float]:
    if isinstance(node, bool):
        return []
    if isinstance(node, int | float):
        return [float(node)] if math.isfinite(node) else []
    if isinstance(node, dict):
        return [x for v in node.values() for x in _json_numbers(v)]
    if isinstance(node, list):
        return [x for v in node for x in _json_numbers(v)]
    return []


def _shown(cell: str, numbers: list[float]) -> bool:
    """Whether a table cell is one of the JSON's numbers in some unit, to the digits shown."""
    x = float(cell)
    digits = len(re.sub(r"\D", "", cell.split("e")[0]).lstrip("0")) or 1
    tol = 0.51 * 10.0 ** (1 - digits) * abs(x)
    return any(abs(y * s + off - x) <= tol or f"{y * s + off:.4g}" == cell
               for y in numbers for s in SCALES for off in (0.0, -273.15))


@pytest.mark.parametrize("argv", COMMANDS)
def test_the_table_shows_the_numbers_and_sources_of_the_json(argv, capsys, monkeypatch,
                                                             spaces_dir, answers):
    """Each number of the table is one of the JSON's (in the unit the table names), and the
    table names the sources the JSON lists (before: `capacity`, `design check`, `route`,
    `cost`, `processes` and `compat` printed numbers without a sources line)."""
    monkeypatch.setenv("COLUMNS", "400")  # no number wrapped over two lines
    data = _answer(argv, spaces_dir, capsys, answers)
    code, out, err = run(_argv(argv, spaces_dir), capsys)
    assert _ok(argv, code), err
    numbers = _json_numbers(data)
    cells = _table_numbers(out)
    if argv[0] == "discover":  # its first column is the rank
        ranks = {str(i) for i in range(1, len(data["Candidates"]) + 1)}
        cells = [c for c in cells if c not in ranks]
    missing = [c for c in cells if not _shown(c, numbers)]
    assert not missing, f"table numbers not in the --json answer: {missing}"
    if not out.strip():  # no result to show (no cost: the reason is on stderr)
        return
    listed = {k for item in _items(data, argv) for k in item["sources"]}
    shown = _text_sources(out)
    if tuple(argv[:2]) in NO_SOURCES_LINE or argv[0] in NO_SOURCES_LINE:
        assert not shown
        return
    if tuple(argv[:2]) in LISTINGS:  # the line names the sources of the values shown
        listed = {k for item in data for k in _listing_sources(item)}
        assert listed <= {k for item in data for k in item["sources"]}
    assert shown == listed, (sorted(listed - shown), sorted(shown - listed))


# --- the sources cover the data used -------------------------------------------------------


def _used_sources(design: CellDesign) -> set[str]:
    """The sources of the data `evaluate` uses, found from the design and the knowledge
    base, not from the engine: each named material's density, the cathode's capacity and
    voltage, each electrolyte's conductivity at the design temperature."""
    keys: set[str] = set()
    data = design.model_dump(mode="json")
    ids = {v for v in _strings(data) if _is_material(v)}
    if design.anode.kind in ("li_metal", "anode_free"):
        ids.add(design.anode.material_ref if isinstance(design.anode.material_ref, str)
                else design.anode.material_ref.id)
    for mid in ids:
        density = get(mid).get("density")
        if density is not None:
            keys.add(density.source)
    active = get(design.cathode.active_material)
    cap = active.get("practical_capacity") or active.get("theoretical_capacity")
    keys |= {cap.source, active.get("average_voltage").source}
    for el in {design.separator.electrolyte, design.cathode.electrolyte} - {None}:
        keys |= set(conductivity_at(el, design.temperature_K).sources)
    return keys


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


def _is_material(text: str) -> bool:
    from solidcell.errors import SolidcellError

    try:
        get(text)
    except SolidcellError:  # a name, a kind ('pouch'): not a material id
        return False
    return True


@pytest.mark.parametrize("name", DESIGNS)
def test_evaluate_cites_every_property_it_uses(name):
    design = CellDesign.from_file(EXAMPLES / name)
    used = _used_sources(design)
    r = evaluate(design)
    assert used <= set(r.sources), sorted(used - set(r.sources))
    assert {"newman1975", "bruggeman1935"} <= set(r.sources)  # the transport model's


def test_a_coating_sized_by_the_material_particle_size_cites_it():
    """The EV example without ``particle_radius``: its LiNbO3 coating's mass rests on
    NMC811's ``particle_size`` (chen2020 in the knowledge base); `evaluate` used it and did
    not list chen2020 (before: absent from evaluate's and evaluate_many's sources)."""
    design = CellDesign.from_file(EV).replace(**{"cathode.particle_radius_m": None})
    size = get("nmc811").get("particle_size")
    assert size is not None and size.source == "chen2020"
    r, given = evaluate(design), evaluate(CellDesign.from_file(EV))
    # the particle size changes the number (coating mass), so its source is one of the data
    assert r["Cathode areal mass [kg.m-2]"] != given["Cathode areal mass [kg.m-2]"]
    assert "chen2020" in r.sources
    assert "chen2020" in evaluate_many([design]).sources
    assert "chen2020" not in given.sources  # the design's own radius: nothing to cite


def _with_diffusivity(tmp_path: Path) -> Path:
    """The EV example without ``particle_radius`` and with a cathode material of the user's
    own: NMC811's curated values plus a diffusivity from the user's source ``my-lab-2026``
    (the value is this test's input, not a literature value)."""
    nmc = get("nmc811").model_dump(mode="json")
    nmc["id"] = "my_nmc811"
    nmc["properties"].append({"name": "diffusivity", "value": 1e-14, "unit": "m**2/s",
                              "method": "measured", "source": "my-lab-2026"})
    data = CellDesign.from_file(EV).model_dump(mode="json")
    data["cathode"]["active_material"] = nmc
    data["cathode"]["particle_radius_m"] = None
    path = tmp_path / "my-design.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_the_diffusion_limit_cites_its_diffusivity_and_particle_size(tmp_path, capsys):
    """A diffusivity makes `evaluate` compute the solid-diffusion C-rate limit, from the
    diffusivity and the particle size; both sources are listed, the user's key as the
    user's (before: neither the user's key nor chen2020 was listed)."""
    path = _with_diffusivity(tmp_path)
    code, out, err = run(["evaluate", str(path), "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert math.isfinite(data["Diffusion C-rate limit [h-1]"])
    assert {"my-lab-2026", "chen2020"} <= set(data["sources"])
    file = tmp_path / "evaluate.json"
    file.write_text(out, "utf-8")
    code, out, err = run(["cite", str(file), "--text"], capsys)
    assert code == 0, err
    assert f"[my-lab-2026] {USER_SOURCE}" in out
    assert "[chen2020] " in out


def test_screen_cites_the_diffusion_limit_as_evaluate_does(tmp_path, capsys):
    design = _with_diffusivity(tmp_path)
    space = tmp_path / "space.yaml"
    space.write_text(f"base: {design}\nmethod: grid\nparameters:\n"
                     "  cathode.thickness_m: {values: [60 um, 80 um]}\n", "utf-8")
    code, out, err = run(["screen", str(space), "--json"], capsys)
    assert code == 0, err
    assert {"my-lab-2026", "chen2020"} <= set(json.loads(out)["sources"])


def test_a_user_price_is_marked_as_the_user_s(capsys):
    code, out, err = run(["cost", str(EV), "--price", "vgcf=50", "--price", "linbo3=100",
                          "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    prices = {p["Material"]: p for p in data["Prices"]}
    for mid in ("vgcf", "linbo3"):
        assert prices[mid]["Source"] == USER_MARK and prices[mid]["Method"] == USER_MARK
        assert prices[mid]["Year"] is None  # no year invented for the user's price
    # the knowledge base's prices: a key of the bibliography, with their method and year
    bib = bibliography()
    for mid, p in prices.items():
        if mid not in ("vgcf", "linbo3"):
            assert p["Source"] in bib and p["Source"] in data["sources"]
            assert p["Method"] in ("measured", "estimated", "datasheet", "review", "computed")
            assert isinstance(p["Year"], int)
    # the user's mark is no key of the answer's sources
    assert USER_MARK not in data["sources"]


def test_estimates_are_labelled_as_estimates(capsys):
    """A value the developers estimated says so where it is listed (``materials show``:
    method ``estimated``) and its source says so when cited."""
    code, out, err = run(["materials", "show", "nmc811", "--json"], capsys)
    assert code == 0, err
    props = json.loads(out)["properties"]
    estimated = [p for p in props if p["source"] == "materials_data_estimate"]
    assert estimated and all(p["method"] == "estimated" for p in estimated)
    entry = bibliography()["materials_data_estimate"].fields
    assert "estimate" in entry["title"].lower()


#: listings whose table gives a source per row instead of a sources line (each profile's
#: requirement: the table is the profile list)
NO_SOURCES_LINE = ("applications",)
#: material listings: a table of two values per material (sigma RT, capacity), whose sources
#: line names the sources of those values, not of every value the JSON gives (they had none)
LISTINGS = (("materials", "list"), ("materials", "query"))
ROOM_K, ROOM_TOLERANCE_K = 298.15, 5.0  # the store's room temperature (docs/database.md)


def _has_value(prop: dict[str, Any]) -> bool:
    """A value or a closed range (a range open on one side has no value to show)."""
    return "value" in prop or ("min" in prop and "max" in prop)


def _listing_sources(record: dict[str, Any]) -> list[str]:
    """The sources of the two values a listing row shows, read from the material's JSON: the
    first ionic conductivity within 5 K of room temperature (none given: room temperature),
    the first theoretical capacity."""
    props = record["properties"]
    sigma = [p for p in props if p["name"] == "ionic_conductivity" and _has_value(p)
             and abs(p.get("temperature", ROOM_K) - ROOM_K) <= ROOM_TOLERANCE_K][:1]
    cap = [p for p in props if p["name"] == "theoretical_capacity"][:1]
    return [p["source"] for p in sigma + cap if _has_value(p)]

SOURCES_LINE = re.compile(r"(?:^|; )sources: (.*?)(?: \(solidcell cite KEY\))?$", re.I | re.M)


def _text_sources(text: str) -> set[str]:
    """The keys of the ``sources: a, b`` lines of a command's table output (``materials show``
    lists them one per line as ``[key] citation``)."""
    keys = {k.strip() for line in SOURCES_LINE.findall(text) for k in line.split(",")}
    keys |= set(re.findall(r"^\[([^\]\s]+)\] ", text, re.M))
    return keys - {""}


def test_rate_capability_cites_the_constants_it_uses(capsys):
    code, out, err = run(["rate-capability", str(EV), "--fast", "--rates", "1", "--json"],
                         capsys)
    assert code == 0, err
    assert "codata2018" in json.loads(out)["sources"]
