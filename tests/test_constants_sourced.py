"""Every numeric constant and default of the package names its basis.

The rule of docs/conventions.md, Sources: every number the software shows comes from a named
formula, data with a source (a bib key), or a model with measured error. This test reads the
package's source (``src/solidcell``, the dashboard's layout in ``app/`` aside) and finds every
module-level assignment, class field and function default that holds a number other than 0,
1 or -1 (and, for defaults, a text that is a number, as the CLI's ``typer.Option("0.2")``).
Each must be in :data:`REGISTRY` with the numbers it holds and its basis:

- ``("bib", keys)``: a value read in a source; every key must be in the bibliography;
- ``("doc", path, phrase)``: a convention of solidcell, stated in that doc (the phrase must be
  there, whitespace aside);
- ``("unit", why)``: an exact unit conversion or definition (1 mAh = 3.6 C, a Julian year);
- ``("limit", why)``: a bound on input or stored values (shown only in refusals);
- ``("numerics", why)``: a numerical-method setting (mesh, tolerance, chunk, iteration count);
- ``("display", why)``: layout of what is printed (widths, digits, rows shown);
- ``("code", why)``: internal codes, versions, sizes of database columns.

A new unregistered number, a changed value or a key missing from the bibliography fails here:
register it with its source, or state the convention in the area doc first. Numbers inside
function bodies are not scanned (the area docs state those that are conventions: the 0.3 V
below the OCV of the default lower cut-off, the 5 K around a design temperature)."""

from __future__ import annotations

import ast
import math
import re
from pathlib import Path
from typing import Any

import pytest

from solidcell.citations import bibliography

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "solidcell"
#: a text that is a number or a comma-separated list of numbers ("0.2", "0.1,0.2,0.5")
_NUMBER_TEXT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"
                          r"(\s*,\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)*")
_TRIVIAL = (0, 1, -1)

ROOM_T = ("doc", "docs/conventions.md", "room temperature of the review's tables is 298.15 K")
POLARISATION = ("doc", "docs/cell.md", "allowed polarisation, default 0.2 V, a stated convention")
INTERVAL = ("doc", "docs/discovery.md", "90 % interval")
CODATA = ("bib", ("codata2018",))

REGISTRY: dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]] = {
    # --- cell -------------------------------------------------------------------------------
    "cell/design.py:T_ROOM_K": ((298.15,), ROOM_T),
    "cell/design.py:MAX_DESIGN_TEMPERATURE_K": ((2000.0,), ("limit", "design temperature")),
    "cell/design.py:THIN_FILM_MAX_CATHODE_M": ((0.0001,), ("bib", ("srivastava_review",))),
    "cell/design.py:INTEGER_LIMITS": ((10000, 1000, 10000, 100000, 100000),
                                      ("limit", "integer parameters")),
    "cell/design.py:FRACTION_SUM_TOLERANCE": ((1e-06,), ("numerics", "tolerance of a sum of "
                                                          "fractions on 1")),
    "cell/architectures.py:BISECTIONS": ((64,), ("numerics", "halvings of the bisection of "
                                                 "the thickest cathode meeting a rate")),
    "cell/design.py:_TYPED_DEPTH": ((4,), ("code", "depth of a design's sections read for "
                                            "the texts of its refusals")),
    "cell/design.py:CellDesign.format": (
        (0.1, 0.1), ("doc", "docs/cell.md", "a pouch with a 0.1 m x 0.1 m electrode")),
    "cell/energy.py:ARCH_CODES": ((2, 3, 4), ("code", "array codes of architectures")),
    "cell/energy.py:FORMAT_CODES": ((2, 3), ("code", "array codes of formats")),
    "cell/energy.py:ANODE_CODES": ((2, 3, 3, 3), ("code", "array codes of anode kinds")),
    "cell/energy.py:PARAMETERS": ((0.2,), POLARISATION),
    "cell/energy.py:DEFAULT_POLARISATION_V": ((0.2,), POLARISATION),
    "cell/energy.py:REASONS": ((2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13),
                               ("code", "reason codes of refused designs")),
    "cell/energy.py:SIZE_OVERFLOW": ((8,), ("code", "reason code of sizes beyond a float")),
    "cell/energy.py:OFF_LIMITS": ((12,), ("code", "reason code of a number out of range")),
    "cell/energy.py:CHUNK": ((14,), ("numerics", "batch chunk of evaluate_many (1 << 14)")),
    "cell/energy.py:conductivity_spread(temperature_K)": ((298.15,), ROOM_T),
    "cli/cell.py:evaluate_command(polarisation)": (("0.2",), POLARISATION),
    "cli/cell.py:compare_command(polarisation)": (("0.2",), POLARISATION),
    "cli/cell.py:crossover_command(polarisation)": (("0.2",), POLARISATION),
    # --- chemistry ----------------------------------------------------------------------------
    "chemistry/capacity.py:FARADAY": ((96485.33212,), CODATA),
    "chemistry/capacity.py:COULOMB_PER_MAH": ((3.6,), ("unit", "1 mAh = 3.6 C")),
    "chemistry/composition.py:written_formula(decimals)": ((6,), ("display", "digits")),
    "chemistry/composition.py:formula_text(decimals)": ((10,), ("display", "digits")),
    "chemistry/conductivity.py:_SAME_T": ((0.5,), ("numerics", "temperatures within 0.5 K "
                                                    "are one (module docstring)")),
    "chemistry/oxidation.py:BALANCE_TOL": (
        (0.05,), ("doc", "docs/discovery.md", "balanced within 5 % of the total positive "
                  "charge")),
    "chemistry/oxidation.py:_MAX_COMBINATIONS": ((200000,), ("numerics", "search bound")),
    "chemistry/transport.py:K_B_EV": ((8.617333262e-05,), CODATA),
    "chemistry/transport.py:K_B": ((1.380649e-23,), CODATA),
    "chemistry/transport.py:E_CHARGE": ((1.602176634e-19,), CODATA),
    "chemistry/transport.py:T_ROOM": ((298.15,), ROOM_T),
    "chemistry/transport.py:GAS_CONSTANT": ((8.314462618,), CODATA),
    # --- checks, errors, reprs, units, validation, output -------------------------------------
    "checks.py:MAX_C_RATE_H": ((3600.0,), ("limit", "C-rate")),
    "checks.py:MAX_STEP_DURATION_S": ((10, 365.25, 24, 3600.0), ("limit", "ten years")),
    "checks.py:MIN_C_RATE_H": ((3600.0,), ("limit", "C-rate")),
    "checks.py:MAX_STEP_POINTS": ((100000,), ("limit", "points of a step")),
    "checks.py:MAX_CELL_VOLTAGE_V": ((10.0,), ("limit", "cut-off voltage")),
    "errors.py:MAX_SHOWN": ((200,), ("display", "characters of a value in a message")),
    "errors.py:MAX_REPR_ITEMS": ((10000,), ("display", "items of a value in a message")),
    "reprs.py:MAX_ITEMS": ((6,), ("display", "repr")),
    "reprs.py:MAX_TEXT": ((80,), ("display", "repr")),
    "reprs.py:MAX_NESTED": ((120,), ("display", "repr")),
    "validation.py:MAX_OTHERS": ((3,), ("display", "problems named in one message")),
    "validation.py:MAX_CONTAINER_REPR": ((80,), ("display", "message")),
    "jsonable.py:dumps(indent)": ((2,), ("display", "JSON indent")),
    "plotting.py:save_figure(dpi)": ((120,), ("display", "figure resolution")),
    "units.py:_FAST": ((100.0, 0.1, 0.0001, 0.0001, 0.001, 0.01, 0.001, 1e-06, 1e-06, 1e-06,
                        1e-09, 1000.0, 1000.0, 1000.0, 1000000.0, 1000000000.0, 0.001, 0.001,
                        0.010364269656262175, 0.1, 273.15, 273.15, 0.0001, 0.0001, 0.0001,
                        0.01, 0.001, 0.0001, 10.0, 1000000.0, 0.001, 1e-06, 1e-09, 60, 3600.0,
                        31557600.0),
                       ("unit", "exact conversion factors (checked against pint in "
                                "tests/test_units_mass_fast_qa.py)")),
    "units.py:_FACTOR_DIGITS": ((12,), ("numerics", "most significant digits of a unit "
                                                    "factor read as an exact decimal (of 15; "
                                                    "tests/test_units_exact.py)")),
    "units.py:format_number(digits)": ((4,), ("display", "significant digits")),
    "units.py:format_quantity(digits)": ((3,), ("display", "significant digits")),
    # --- cli ----------------------------------------------------------------------------------
    "cli/_common.py:fail(code)": ((2,), ("code", "exit status")),
    "cli/dashboard.py:app_command(port)": ((8050, 65535), ("code", "TCP port")),
    "cli/discovery.py:_WINDOW_AUTO": ((20,), ("display", "windows computed automatically")),
    "cli/discovery.py:register.predict(level)": ((0.9,), INTERVAL),
    "cli/discovery.py:register.predict(neighbours)": ((3,), ("display", "neighbours shown")),
    "cli/discovery.py:register.discover_cmd(top)": ((20,), ("display", "candidates shown")),
    "cli/discovery.py:register.discover_cmd(level)": ((0.9,), INTERVAL),
    "cli/discovery.py:register.md_cmd(temperatures)": (
        ("600,700,800,900,1000",), ("doc", "docs/discovery.md", "600, 700, 800, 900 and 1000 K")),
    "cli/discovery.py:register.md_cmd(ps)": (("50",), ("doc", "docs/discovery.md",
                                                       "production steps (50 ps)")),
    "cli/discovery.py:register.md_cmd(timestep)": (("2",), ("doc", "docs/discovery.md",
                                                            "a 2 fs time step")),
    "cli/discovery.py:register.md_cmd(target)": (("300",), ("doc", "docs/discovery.md",
                                                            "extrapolated to 300 K")),
    "cli/interfaces.py:REASON_WIDTH": ((110,), ("display", "table width")),
    "cli/screen.py:JSON_CHUNK_ROWS": ((10000,), ("numerics", "rows per JSON chunk")),
    "cli/screen.py:screen_command(rows)": ((15,), ("display", "Pareto rows printed")),
    "cli/simulate.py:rate_command(rates)": (
        ("0.1,0.2,0.5,1,2,5",), ("doc", "docs/simulation.md", "[0.1, 0.2, 0.5, 1, 2, 5]")),
    # --- discovery ----------------------------------------------------------------------------
    "discovery/candidates.py:DEFAULT_FRACTIONS": (
        (0.05, 0.1, 0.2, 0.3), ("doc", "docs/discovery.md", "default 0.05, 0.1, 0.2, 0.3")),
    "discovery/candidates.py:MIN_LI_SHARE": (
        (0.5,), ("doc", "docs/discovery.md", "at least half of the parent's Li")),
    "discovery/candidates.py:FORMULA_COORDINATION": (
        (6,), ("doc", "docs/discovery.md", "Shannon radii at CN 6")),
    "discovery/candidates.py:MAX_RADIUS_MISMATCH_LIMIT": ((10.0,), ("limit", "mismatch")),
    "discovery/candidates.py:DECIMALS": ((6,), ("display", "digits of a written formula")),
    "discovery/candidates.py:WRITTEN_CHARGE_TOLERANCE": ((0.0001,), ("numerics", "charge")),
    "discovery/candidates.py:LIMIT_MATCH_RTOL": ((1e-06,), ("numerics", "parent match")),
    # pymatgen's SubstitutionProbability(alpha=-5), the table of Hautier et al. (2011)
    "discovery/candidates.py:NEVER_SEEN_LAMBDA": (
        (-5.0,), ("bib", ("hautier2011_substitution", "ong2013_pymatgen"))),
    "discovery/candidates.py:DiscoveryResult.plot(top)": ((20,), ("display", "bars shown")),
    "discovery/candidates.py:discover(level)": ((0.9,), INTERVAL),
    # OBELiX's obelix/utils.py: replace_text_IC(cond, value=1e-15) for '<1E-10' and '<1E-8'
    "discovery/dataset.py:CENSORED_LOG10": ((-15.0,), ("bib", ("obelix2025",))),
    "discovery/features.py:Z_MAX": ((103,), ("code", "elements featurised")),
    "discovery/features.py:SYMPREC": ((0.1,), ("numerics", "symmetry tolerance [Angstrom]")),
    "discovery/features.py:SYMPREC_FALLBACK": ((0.01,), ("numerics", "pymatgen's default "
                                                          "symprec [Angstrom]")),
    "discovery/features.py:CELL_LENGTH_TOL_A": ((0.01,), ("doc", "docs/discovery.md",
                                                          "defaults of Lattice.is_hexagonal")),
    "discovery/features.py:CELL_ANGLE_TOL_DEG": ((5.0,), ("doc", "docs/discovery.md",
                                                          "defaults of Lattice.is_hexagonal")),
    "discovery/md.py:K_B_EV": ((8.617333262e-05,), CODATA),
    "discovery/md.py:diffusivity_from_positions(length_unit_m)": ((1e-10,),
                                                                  ("unit", "1 Angstrom")),
    "discovery/md.py:diffusivity_from_positions(fit_start)": (
        (0.1,), ("doc", "docs/discovery.md", "between 10 % and 60 % of the trajectory")),
    "discovery/md.py:diffusivity_from_positions(fit_stop)": (
        (0.6,), ("doc", "docs/discovery.md", "between 10 % and 60 % of the trajectory")),
    "discovery/md.py:diffusivity_from_positions(n_blocks)": (
        (4,), ("doc", "docs/discovery.md", "over 4 consecutive blocks")),
    "discovery/md.py:arrhenius_extrapolation(target_temperature_K)": (
        (300.0,), ("doc", "docs/discovery.md", "extrapolated to 300 K")),
    "discovery/md.py:run_md(temperatures_K)": (
        (600.0, 700.0, 800.0, 900.0, 1000.0),
        ("doc", "docs/discovery.md", "600, 700, 800, 900 and 1000 K")),
    "discovery/md.py:run_md(timestep_fs)": ((2.0,), ("doc", "docs/discovery.md",
                                                     "a 2 fs time step")),
    "discovery/md.py:run_md(equilibration_steps)": (
        (2500,), ("doc", "docs/discovery.md", "2,500 equilibration")),
    "discovery/md.py:run_md(production_steps)": (
        (25000,), ("doc", "docs/discovery.md", "25,000 production steps")),
    "discovery/md.py:run_md(log_interval)": ((10,), ("numerics", "steps between records")),
    "discovery/md.py:run_md(target_temperature_K)": (
        (300.0,), ("doc", "docs/discovery.md", "extrapolated to 300 K")),
    "discovery/model.py:FORMAT_VERSION": ((2,), ("code", "model file format")),
    "discovery/model.py:READ_VERSIONS": ((2,), ("code", "model file formats read")),
    "discovery/model.py:HYPERPARAMETERS": (
        (200, 3, 0.33), ("doc", "docs/discovery.md", "200 trees, min_samples_leaf 3, "
                         "max_features 0.33")),
    "discovery/model.py:FAMILY_HYPERPARAMETERS": (
        (200, 2, 0.33), ("doc", "docs/discovery.md", "200 trees, min_samples_leaf 2, "
                         "max_features 0.33")),
    "discovery/model.py:PAPER_WEIGHT_POWER": (
        (0.5,), ("doc", "docs/discovery.md", "publication weights (k = 1 / 0.5)")),
    "discovery/model.py:CENSORED_OFFSET": (
        (-0.5,), ("doc", "docs/discovery.md", "censored trained at bound - 0.5")),
    "discovery/model.py:INTERVAL_LEVEL": ((0.9,), INTERVAL),
    "discovery/model.py:SCALE_FLOOR": ((0.3,), ("doc", "docs/discovery.md", "(s_i + 0.3)")),
    "discovery/model.py:CV_FOLDS": ((5,), ("doc", "docs/discovery.md", "Grouped 5-fold CV")),
    "discovery/model.py:N_FAMILIES": ((10,), ("doc", "docs/discovery.md", "10 families")),
    "discovery/model_search.py:ANION_CHARGE": ((2, 2, 2, 2, 3), ("unit", "formal charges")),
    "discovery/model_search.py:search(seeds)": ((4,), ("numerics", "CV seeds")),
    "discovery/model_search.py:search.forest_cv(offset)": (
        (-0.5,), ("doc", "docs/discovery.md", "censored trained at bound - 0.5")),
    "discovery/predict.py:DOMAIN_QUANTILE": (
        (0.95,), ("doc", "docs/discovery.md", "95 % of the training entries")),
    "discovery/predict.py:CIF_BYTES_PER_SITE_ROW": (
        (1517.25,), ("doc", "docs/discovery.md", "at 1517.25 bytes per atom-site row")),
    "discovery/predict.py:DISTANCE_CHUNK": ((4096,), ("numerics", "rows per distance block")),
    "discovery/predict.py:DIFFERENCE_BLOCK": ((18,), ("numerics", "elements per block "
                                                          "of feature differences")),
    "discovery/predict.py:LOG10_S_CM_TO_S_M": ((2.0,), ("unit", "1 S/cm = 100 S/m")),
    "discovery/predict.py:predict_arrays(level)": ((0.9,), INTERVAL),
    "discovery/predict.py:predict_conductivity(level)": ((0.9,), INTERVAL),
    "discovery/predict.py:predict_conductivity(neighbours)": ((3,), ("display", "shown")),
    "discovery/predict.py:predict_checked(level)": ((0.9,), INTERVAL),
    "discovery/predict.py:predict_checked(neighbours)": ((3,), ("display", "shown")),
    # --- interfaces ---------------------------------------------------------------------------
    "interfaces/compat.py:SMALL_DRIVING_FORCE": (
        (-0.02,), ("bib", ("solidcell_interface_conventions",))),
    "interfaces/compat.py:CHEMICAL_LIMIT": (
        (-0.15,), ("bib", ("solidcell_interface_conventions",))),
    "interfaces/compat.py:ANION_CHARGE": ((3, 3, 2, 2, 2), ("unit", "formal charges")),
    "interfaces/compat.py:STATUS_ORDER": ((2, 3), ("code", "order of verdicts")),
    # pymatgen's legacy MPCompatibility.yaml, SulfideCorrections (read, see the bib note)
    "interfaces/energies.py:MP_LEGACY_SULFIDE_CORRECTION": (
        (-0.66346,), ("bib", ("ong2013_pymatgen", "jain2011_gga_u_mixing"))),
    "interfaces/energies.py:HULL_TOL": ((1e-06,), ("numerics", "on the hull [eV/atom]")),
    "interfaces/energies.py:MAX_FORMATION_EV_ATOM": ((10.0,), ("limit", "user energies")),
    "interfaces/hull.py:AMOUNT_TOL": ((1e-09,), ("numerics", "LP amounts")),
    "interfaces/hull.py:WARM_BASES": ((8,), ("numerics", "LP warm starts")),
    "interfaces/hull.py:_BIG_M": ((1000000.0,), ("numerics", "LP big M")),
    "interfaces/reactivity.py:NO_REACTION_EV_ATOM": ((1e-06,), ("numerics", "LP round-off")),
    "interfaces/reactivity.py:interface_reaction(points)": (
        (41,), ("doc", "docs/interfaces.md", "tabulated on a grid (41 points)")),
    "interfaces/stability.py:MU_MIN": ((-10.0,), ("numerics", "search range [eV]")),
    "interfaces/stability.py:PRODUCT_STEP": ((0.002,), ("numerics", "step past a limit")),
    "interfaces/stability.py:POINT_WINDOW_V": ((0.0001,), ("numerics", "point window [V]")),
    "interfaces/stability.py:golden_max(iterations)": ((60,), ("numerics", "iterations")),
    "interfaces/stability.py:_edge(iterations)": ((34,), ("numerics", "bisections")),
    # --- manufacturing ------------------------------------------------------------------------
    "manufacturing/cost.py:cost_sensitivity(process_spread)": (
        (0.5,), ("doc", "docs/manufacturing.md", "each step cost +-50 %")),
    "manufacturing/cost.py:cost_sensitivity(yield_spread)": (
        (0.1,), ("doc", "docs/manufacturing.md", "total yield +-10 %")),
    "manufacturing/cost.py:cost_sensitivity(energy_spread)": (
        (0.1,), ("doc", "docs/manufacturing.md", "areal energy +-10 %")),
    "manufacturing/cost.py:cost_sensitivity(top)": ((12,), ("display", "bars kept")),
    "manufacturing/economics.py:SECONDS_PER_YEAR": ((365.25, 24, 3600.0),
                                                    ("unit", "Julian year")),
    "manufacturing/processes.py:_MONEY": ((1000.0, 1000000.0), ("unit", "kUSD, MUSD")),
    "manufacturing/economics.py:J_PER_KWH": ((3600000.0,), ("unit", "1 kWh = 3.6e6 J")),
    "manufacturing/routes.py:_MAX_ORDERS": ((4096,), ("numerics", "orders searched")),
    "manufacturing/cost.py:_ROUNDING": ((1e-12,), ("numerics", "slack on a bound")),
    "manufacturing/routes.py:_MAX_COMBINATIONS": ((4096,), ("numerics", "combinations")),
    "manufacturing/routes.py:plan_routes(max_routes)": ((5,), ("display", "routes shown")),
    # --- materials ----------------------------------------------------------------------------
    "materials/curated.py:ROOM_TEMPERATURE_K": ((298.15,), ROOM_T),
    "materials/curated.py:TEMPERATURE_TOLERANCE_K": (
        (5.0,), ("doc", "docs/database.md", "within 5 K of 298.15 K")),
    "materials/schema.py:(MAX_KEY, MAX_NAME, MAX_TEXT)": ((200, 200, 5000),
                                                          ("limit", "text lengths")),
    "materials/schema.py:MAX_TEMPERATURE_K": ((5000.0,), ("limit", "stored temperature")),
    "materials/schema.py:TRANSFERENCE_NUMBER_MIN": ((-0.8,),
                                                   ("bib", ("jes2018_transference_methods",))),
    "materials/schema.py:PROPERTIES": (
        (10000.0, 10000.0, 10000.0, 1000000000.0, 3.0, -0.5, 7.0, -0.5, 7.0, 30000.0,
         1000000000000.0, 1000000000000.0, 100000000000.0, 100000000.0, 10000.0, 10000.0,
         10000.0, -0.5, 7.0, -0.5, 7.0, -0.5, 7.0, 0.01, 10000000.0, -0.001, 0.001, 10.0),
        ("limit", "plausible range of each stored property")),
    "materials/schema.py:PropertyValue.year": ((1900, 2100), ("limit", "year of a price")),
    "materials/schema.py:OcpCurve.stoichiometry": ((2,), ("limit", "points of a curve")),
    "materials/schema.py:OcpCurve.voltage": ((2,), ("limit", "points of a curve")),
    "materials/store.py:MATERIALS": ((64, 16, 32, 32, 32), ("code", "column sizes")),
    "materials/store.py:PROPERTY_ROWS": ((64, 16, 16, 64, 32), ("code", "column sizes")),
    "materials/store.py:ELEMENTS": ((64, 3), ("code", "column sizes")),
    "materials/store.py:META": ((64,), ("code", "column sizes")),
    "materials/store.py:_MEASUREMENT_ORDER": ((40,), ("code", "row order offset")),
    "materials/store.py:_PG_WRITE_LOCK": ((8,), ("code", "advisory lock id")),
    "materials/store.py:_MAX_PK": ((2, 63, 2, 31), ("code", "integer key range")),
    "materials/store.py:BARE_TEMPERATURE_WARN_K": ((200.0,), ("limit", "warning threshold of "
                                                             "a temperature without unit")),
    "materials/store.py:_wal_mode(wait_s)": ((60.0,), ("numerics", "database lock wait")),
    "materials/store.py:_DEFAULT_STORES_OPEN": ((4,), ("code", "default stores kept open")),
    "materials/store.py:_WATCHED_FILES": ((4,), ("code", "database files whose version "
                                                   "connection stays open")),
    "materials/store.py:_READ_CACHE_SIZE": ((256,), ("code", "materials kept by "
                                                     "MaterialStore.get")),
    "materials/store.py:MAX_LISTED_PROBLEMS": ((50,), ("display", "problems an import's "
                                                        "refusal lists")),
    "materials/store.py:MAX_NAMED_UNTIMED": ((10,), ("display", "values without a "
                                                      "temperature an import's note names")),
    "materials/store.py:MAX_IMPORT_BYTES": ((8, 2, 20), ("limit", "import size cap, a safety "
                                                         "setting (docs/database.md)")),
    # --- mechanics ----------------------------------------------------------------------------
    "mechanics/dendrite.py:EDGE_CRACK_Y": ((1.12,), ("bib", ("tada2000_cracks",))),
    "mechanics/dendrite.py:ASR_PRESSURE_EXPONENT": (
        (-0.5,), ("bib", ("arxiv2501_00600_constriction",))),
    "mechanics/lithium.py:MONROE_NEWMAN_RATIO": ((2.0,), ("bib", ("monroe2005_dendrite",))),
    "mechanics/pressure.py:DOUX_STACK_PRESSURE_Pa": (
        (5000000.0,), ("bib", ("doux2020_stack_pressure",))),
    "mechanics/volume.py:LARGE_VOLUME_CHANGE": ((0.8,), ("bib", ("srivastava_review",))),
    "mechanics/stripping.py:MEASURED_STRIPPING": (
        (0.2, 0.2, 15.4, 0.3, 5.0, 0.3),
        ("bib", ("singh2022_lpscl_microstructure", "duan2023_lpscl_cracking"))),
    "mechanics/stripping.py:AT_TEST_RTOL": ((1e-09,), ("numerics", "relative tolerance of a "
                                                         "design's value at a test's (float "
                                                         "rounding)")),
    # --- report -------------------------------------------------------------------------------
    "report/demo_steps.py:DEMO_RATES": (
        (0.1, 0.5, 2.0), ("doc", "docs/report-and-app.md", "solves 0.1, 0.5, 1 and 2C")),
    "report/html.py:_fmt(digits)": ((4,), ("display", "digits")),
    "report/html.py:MAX_NAME_BYTES": ((200,), ("limit", "bytes of a design name in the "
                                                "report's file name (255 per name)")),
    "report/html.py:png_img(dpi)": ((110,), ("display", "figure resolution")),
    "report/html.py:DEFAULT_C_RATE": (
        (0.1,), ("doc", "docs/report-and-app.md", "`report.html.DEFAULT_C_RATE` = 0.1")),
    "report/html.py:stack_svg(width)": ((640,), ("display", "figure width")),
    "report/html.py:stability_svg(width)": ((720,), ("display", "figure width")),
    "report/materials.py:arrhenius_figure(t_min)": ((253.15,), ("display", "axis range")),
    "report/materials.py:arrhenius_figure(t_max)": ((373.15,), ("display", "axis range")),
    # --- screening ----------------------------------------------------------------------------
    "screening/screen.py:BASE_STAND_INS": ((8,), ("numerics", "stand-in designs")),
    "screening/screen.py:MAX_DESIGNS": ((10000000,), ("limit", "designs of a space")),
    "screening/screen.py:BYTES_PER_DESIGN": ((1046,), ("numerics", "memory estimate")),
    "screening/screen.py:STAND_IN_ROWS": ((4,), ("numerics", "stand-in rows")),
    "screening/screen.py:REPLAN_ROUNDS": ((4,), ("numerics", "re-plans of a cost")),
    "screening/screen.py:SWEEP_BLOCK": ((1024,), ("numerics", "Pareto sweep block")),
    "screening/screen.py:PIVOTS": ((8,), ("numerics", "Pareto pre-filter pivots")),
    "screening/screen.py:screen(chunk_size)": ((250000,), ("numerics", "designs per chunk")),
    # --- simulation ---------------------------------------------------------------------------
    "simulation/fast.py:OCP_POINTS": ((256,), ("numerics", "OCP table")),
    "simulation/fast.py:_N_TERMS": ((40,), ("numerics", "series terms")),
    "simulation/fast.py:MAX_POINTS": ((100000,), ("limit", "time points")),
    "simulation/fast.py:_FILM_TERMS": ((400,), ("numerics", "series terms")),
    "simulation/fast.py:fast_discharge(n_points)": ((240,), ("numerics", "time points")),
    "simulation/fast.py:fast_discharge(chunk)": ((512,), ("numerics", "designs per chunk")),
    "simulation/fast.py:film_fast_discharge(n_points)": ((2000,), ("numerics", "time points")),
    "simulation/parameters.py:SIMULATION_TEMPERATURE_RANGE_K": (
        (150.0, 600.0), ("doc", "docs/simulation.md", "(150, 600) K")),
    "simulation/parameters.py:T_REF": ((298.15,), ROOM_T),
    "simulation/parameters.py:LI_IN_POTENTIAL_V": ((0.62,), ("bib", ("santhosha2019",))),
    "simulation/parameters.py:BRUGGEMAN": ((1.5,), ("bib", ("bruggeman1935",))),
    "simulation/parameters.py:LI_METAL_J0_A_M2": (
        (3.5e-08, 1.3e-05, 0.7, 1000.0, 0.3), ("bib", ("xu2019", "sulzer2021"))),
    "simulation/parameters.py:LI_METAL_J0_ACTIVATION_ENERGY_J_MOL": (
        (0.37,), ("bib", ("eckhardt2023",))),
    "simulation/parameters.py:C_E": ((1000.0,), ("doc", "docs/simulation.md",
                                                 "`c_e = 1000 mol m-3` (no solid-electrolyte "
                                                 "value with a source was at hand)")),
    "simulation/parameters.py:DENSE_FILM_TOLERANCE": ((1e-06,), ("numerics", "dense film")),
    "simulation/parameters.py:CONDUCTIVITY_TABLE_SPAN_K": (
        (200.0,), ("numerics", "temperatures tabulated for the lumped model's conductivity")),
    "simulation/parameters.py:CONDUCTIVITY_TABLE_STEP_K": (
        (0.5,), ("numerics", "step of the lumped model's conductivity table")),
    "simulation/parameters.py:DIFFUSIVITY_NOTE_MIN_OFFSET_K": (
        (0.5,), ("display", "offset from 298.15 K above which the notes say how the solid "
                            "diffusivity was taken at T (the factor applies at every T)")),
    "simulation/parameters.py:(EO_MOLAR_MASS_KG_MOL, EO_MOLAR_VOLUME_M3_MOL)": (
        (0.04405, 3.92e-05), ("bib", ("wypych2016_peo",))),
    "simulation/parameters.py:PEO_SALT_EO_PER_LI": ((20.0,), ("bib", ("aenm2019_1900763",))),
    "simulation/parameters.py:PEO_LITFSI_TRANSFERENCE_RANGE": (
        (0.17, 0.6), ("bib", ("edman2000_peo_litfsi",))),
    "simulation/pybamm_adapter.py:MESHES": (
        (8, 6, 12, 10, 10, 20, 10, 30, 20, 20, 40, 20, 60, 40, 40), ("numerics", "mesh")),
    "simulation/pybamm_adapter.py:PARTICLE_MESH_STRETCH": ((3.0,), ("numerics", "mesh")),
    "simulation/pybamm_adapter.py:DEPLETION_FRACTION": (
        (0.01,), ("numerics", "end of a solve at the salt's limiting current")),
    "simulation/pybamm_adapter.py:_DUMMY_ELECTROLYTE_DIFFUSIVITY": (
        (1e-10,), ("numerics", "no effect with transference number 1")),
    "simulation/pybamm_adapter.py:_EVENT_MARGIN": ((1e-06,), ("numerics", "event margin")),
    "simulation/ocp.py:(WALL_SLOPE_V, WALL_SMOOTHING, WALL_OFFSET, WALL_WIDTH)": (
        (300.0, 0.001, 0.004, 0.016), ("numerics", "OCP wall beyond the data, measured in "
                                         "tests/simulation/test_sim_ocp_wall.py")),
    "simulation/pybamm_adapter.py:(RTOL, ATOL)": ((0.0001, 1e-05), ("numerics", "solver")),
    "simulation/pybamm_adapter.py:(WALL_RETRY_RTOL, WALL_RETRY_ATOL)": (
        (1e-06, 1e-06), ("numerics", "solver behind the OCP wall, measured in "
                                     "tests/simulation/test_sim_full_cell_wall.py")),
    "simulation/pybamm_adapter.py:_CACHE_SIZE": ((16,), ("numerics", "built models kept")),
    "simulation/pybamm_adapter.py:MAX_STEPS": ((2000,), ("limit", "experiment steps")),
    "simulation/pybamm_adapter.py:_YEAR_S": ((365.25, 24, 3600.0), ("unit", "Julian year")),
    "simulation/pybamm_adapter.py:FILM_MESH_POINTS": ((20, 40, 80), ("numerics", "mesh")),
    "simulation/pybamm_adapter.py:FILM_MESH_STRETCH": ((3.0,), ("numerics", "mesh")),
    "simulation/pybamm_adapter.py:BuiltCell.solve(n_points)": ((200,), ("numerics", "points")),
    "simulation/pybamm_adapter.py:BuiltCell.solve_with_steps(n_points)": (
        (200,), ("numerics", "points")),
    "simulation/runs.py:DEFAULT_RATES": (
        (0.1, 0.2, 0.5, 2.0, 5.0), ("doc", "docs/simulation.md", "[0.1, 0.2, 0.5, 1, 2, 5]")),
    "simulation/runs.py:_SOLVED_SIZE": ((64,), ("numerics", "solutions cached")),
    "simulation/runs.py:DEFAULT_CUTOFF_VS_LI_V": (
        (3.0,), ("doc", "docs/simulation.md", "until 3 V against Li/Li+")),
    "simulation/validation.py:FAST_MODEL_MAX_COMPOSITE_OHMIC_V": (
        (0.04,), ("doc", "docs/validation.md", "i L (1/kappa_eff + 1/sigma_eff) / 3 <= 0.04 V")),
    "simulation/validation.py:validation_designs(n)": ((12,), ("numerics", "sample size")),
    "simulation/validation.py:validation_designs(seed)": ((7,), ("numerics", "sample seed")),
    "simulation/validation.py:compare_fast_to_pybamm(c_rates)": (
        (0.1, 0.2, 0.5, 2.0), ("numerics", "rates compared")),
}

_KINDS = {"bib", "doc", "unit", "limit", "numerics", "display", "code"}


def _numbers(node: ast.AST, texts: bool) -> tuple[Any, ...]:
    """The numbers other than 0, 1 and -1 written in ``node`` (signed; with ``texts`` also
    texts that are numbers, as the CLI's option defaults)."""
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, (int, float))
            and not isinstance(node.operand.value, bool)):
        value = -node.operand.value
        return () if value in _TRIVIAL else (value,)
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return () if value in _TRIVIAL else (value,)
        if texts and isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
            parts = [float(x) for x in value.split(",")]
            return () if all(x in _TRIVIAL for x in parts) else (value,)
        return ()
    out: tuple[Any, ...] = ()
    for child in ast.iter_child_nodes(node):
        out += _numbers(child, texts)
    return out


def _defaults(rel: str, body: list[ast.stmt], prefix: str, found: dict[str, Any]) -> None:
    """Numbers of the defaults of every function and class field under ``body``."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = node.args
            pos = a.posonlyargs + a.args
            pairs = list(zip(pos[len(pos) - len(a.defaults):], a.defaults, strict=True))
            pairs += [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults, strict=True)
                      if d is not None]
            for arg, default in pairs:
                if nums := _numbers(default, texts=True):
                    found[f"{rel}:{prefix}{node.name}({arg.arg})"] = nums
            _defaults(rel, node.body, f"{prefix}{node.name}.", found)
        elif isinstance(node, ast.ClassDef):
            for st in node.body:
                if isinstance(st, (ast.AnnAssign, ast.Assign)) and st.value is not None:
                    target = st.target if isinstance(st, ast.AnnAssign) else st.targets[0]
                    if nums := _numbers(st.value, texts=False):
                        found[f"{rel}:{prefix}{node.name}.{ast.unparse(target)}"] = nums
            _defaults(rel, node.body, f"{prefix}{node.name}.", found)


def inventory(root: Path = PACKAGE) -> dict[str, tuple[Any, ...]]:
    """``module:NAME`` (or ``module:function(arg)``, ``module:Class.field``) -> the numbers it
    holds, for every module of the package outside ``app/``."""
    found: dict[str, tuple[Any, ...]] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("app/"):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if nums := _numbers(node.value, texts=False):
                    found[f"{rel}:{ast.unparse(target)}"] = nums
        _defaults(rel, tree.body, "", found)
    return found


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_every_number_of_the_package_is_registered_with_its_basis() -> None:
    found = inventory()
    new = {k: v for k, v in found.items() if k not in REGISTRY}
    assert not new, ("numbers without a registered basis (add each to REGISTRY with its bib "
                     f"key, or state the convention in the area doc first): {new}")
    changed = {k: (REGISTRY[k][0], v) for k, v in found.items() if REGISTRY[k][0] != v}
    assert not changed, f"registered numbers changed (registered, now): {changed}"


def test_the_registry_names_no_number_the_package_no_longer_holds() -> None:
    stale = sorted(set(REGISTRY) - set(inventory()))
    assert not stale, f"registered but gone from the code: {stale}"


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_each_basis_is_a_bibliography_key_or_a_stated_convention(key: str) -> None:
    basis = REGISTRY[key][1]
    assert basis[0] in _KINDS, f"{key}: unknown basis {basis[0]!r}"
    if basis[0] == "bib":
        missing = [k for k in basis[1] if k not in bibliography()]
        assert basis[1] and not missing, f"{key}: keys not in the bibliography: {missing}"
    elif basis[0] == "doc":
        doc = REPO / basis[1]
        assert _squash(basis[2]) in _squash(doc.read_text("utf-8")), (
            f"{key}: the convention {basis[2]!r} is not stated in {basis[1]}")
    else:
        assert isinstance(basis[1], str) and basis[1].strip(), f"{key}: say why"


def test_the_scanner_finds_a_new_unsourced_constant(tmp_path: Path) -> None:
    """The check can fail: a module with a new physical number (and a numeric CLI default)
    is reported, 0/1 and non-numeric texts are not."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "m.py").write_text(
        'TAB_MASS_KG = 0.002\nFLAG = 1\nNAME = "x"\nNEG = -0.5\n'
        'def f(a=0.0, b=298.15, *, c="0.2", d="abc"):\n    return a\n'
        "class C:\n    casing_m: float = 1e-4\n", "utf-8")
    assert inventory(pkg) == {"m.py:TAB_MASS_KG": (0.002,), "m.py:NEG": (-0.5,),
                              "m.py:f(b)": (298.15,), "m.py:f(c)": ("0.2",),
                              "m.py:C.casing_m": (0.0001,)}


def test_physical_constants_agree_with_codata_2018() -> None:
    """CODATA 2018 (codata2018): e, k_B and N_A are exact since the 2019 SI; F = N_A e,
    R = N_A k_B and k_B in eV/K = k_B / e, rounded as CODATA prints them."""
    from solidcell.chemistry import capacity, transport
    from solidcell.discovery import md
    from solidcell.simulation import parameters

    n_a = 6.02214076e23  # Avogadro constant [1/mol], exact (codata2018)
    assert transport.E_CHARGE == 1.602176634e-19 and transport.K_B == 1.380649e-23
    assert math.isclose(capacity.FARADAY, n_a * transport.E_CHARGE, rel_tol=1e-10)
    assert parameters.FARADAY is capacity.FARADAY  # one definition, imported
    assert math.isclose(parameters.GAS_CONSTANT, n_a * transport.K_B, rel_tol=1e-9)
    assert math.isclose(transport.K_B_EV, transport.K_B / transport.E_CHARGE, rel_tol=1e-9)
    assert md.K_B_EV == transport.K_B_EV


def test_li_metal_exchange_current_is_that_of_the_xu2019_parameter_set() -> None:
    """xu2019 as PyBaMM ships it (sulzer2021): m_ref 3.5e-8 F, c_Li = 1 / V_Li with the set's
    "Lithium metal partial molar volume [m3.mol-1]", at c_e = 1000 mol/m3."""
    pybamm = pytest.importorskip("pybamm")
    from pybamm.input.parameters.lithium_ion import Xu2019

    from solidcell.simulation.parameters import C_E, LI_METAL_J0_A_M2

    v_li = Xu2019.get_parameter_values()["Lithium metal partial molar volume [m3.mol-1]"]
    j0 = Xu2019.li_metal_electrolyte_exchange_current_density_Xu2019(
        pybamm.Scalar(C_E), pybamm.Scalar(1.0 / v_li), pybamm.Scalar(298.15)).evaluate()
    assert math.isclose(LI_METAL_J0_A_M2, float(j0), rel_tol=1e-9)


def test_the_zhu2015_scheme_names_the_source_of_the_correction_it_undoes() -> None:
    """The -0.66346 eV/S undone by ``zhu2015`` is pymatgen's (ong2013_pymatgen); the
    ``mp2019-legacy`` energies keep it and are not said to rest on it separately."""
    from solidcell.interfaces.energies import shipped_table

    zhu = shipped_table("zhu2015").subsystem(["Li", "P", "S"])
    legacy = shipped_table("mp2019-legacy").subsystem(["Li", "P", "S"])
    assert "ong2013_pymatgen" in zhu.sources and "zhu2015_stability" in zhu.sources
    assert "ong2013_pymatgen" not in legacy.sources


def test_an_activation_energy_in_ev_brings_the_boltzmann_constant_source() -> None:
    """k_B [eV/K] (codata2018) enters where Ea [eV] sets the Arrhenius slope: a one-point
    material with an activation energy; not a value interpolated between measured points."""
    from solidcell.chemistry.conductivity import conductivity_at
    from solidcell.materials import get

    single = [m for m in ("llzo", "li6ps5cl", "lipon")
              if len(get(m).values("ionic_conductivity")) == 1
              and get(m).get("activation_energy") is not None]
    assert single, "no one-point material with an activation energy among the examples"
    assert "codata2018" in conductivity_at(single[0], 350.0).sources
    peo = get("peo_litfsi")
    temps = sorted({v.temperature for v in peo.values("ionic_conductivity")
                    if v.temperature is not None})
    assert len(temps) >= 2
    inside = conductivity_at(peo, 0.5 * (temps[0] + temps[1]))
    assert "codata2018" not in inside.sources
