"""Which files the dashboard may open: only YAML/JSON designs inside its allowed folders.

A path typed in a form is resolved (symlinks followed) and must lie inside one of the roots
(the examples folder, the workspace); anything else is refused with a
:class:`~solidcell.errors.ValidationError` before a file is opened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from solidcell.errors import ValidationError

DESIGN_SUFFIXES = (".yaml", ".yml", ".json")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\Z")


def default_examples_dir() -> Path | None:
    """``examples/`` of a source checkout (the package is installed editable), if there."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples"
        if candidate.is_dir() and (parent / "pyproject.toml").is_file():
            return candidate
    return None


def default_workspace_dir() -> Path:
    """``<user data dir>/solidcell/workspace`` (created on first save)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("solidcell")) / "workspace"


def safe_design_path(text: str, roots: Sequence[Path], field: str = "path") -> Path:
    """The design file ``text`` (a name or path) if it lies inside one of ``roots``.

    A bare file name is looked up in each root in turn; ``<root folder name>/<name>`` (how the
    dashboard lists designs, e.g. ``examples/cell.yaml``) in that root. Refused: empty input,
    NUL bytes, suffixes other than .yaml/.yml/.json, anything resolving outside the roots,
    missing files, names too long for the file system.
    """
    return safe_path(text, roots, DESIGN_SUFFIXES, "design", field)


def safe_path(text: str, roots: Sequence[Path], suffixes: Sequence[str], kind: str,
              field: str = "path") -> Path:
    """The file ``text`` names if it lies inside one of ``roots`` and ends in one of
    ``suffixes`` (``kind`` names such a file in the message), as :func:`safe_design_path`
    describes; anything else raises a ValidationError naming ``field``."""
    raw = (text or "").strip()
    allowed = f"a {'/'.join(suffixes)} {kind} inside " + ", ".join(str(r) for r in roots)
    if not raw or "\x00" in raw:
        raise ValidationError(field, text, f"must name {allowed}")
    if Path(raw).is_absolute():
        candidates = [Path(raw)]
    else:
        # a name inside a root, or the dropdown's label "<root folder>/<name>"
        candidates = [r / raw for r in roots]
        first = Path(raw).parts[0] if Path(raw).parts else ""
        candidates += [r.parent / raw for r in roots if first == r.name]
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            continue
        if not _inside(resolved, roots):
            continue
        if resolved.suffix.lower() not in suffixes:
            raise ValidationError(field, text, f"must name {allowed}")
        try:
            if resolved.is_file():
                return resolved
        except OSError:  # a name too long for the file system (ENAMETOOLONG): no such file
            continue
    raise ValidationError(field, text, f"must name an existing file, {allowed}")


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether the resolved ``path`` lies inside one of ``roots`` (resolved too)."""
    return any(path.is_relative_to(r.resolve()) for r in roots)


def safe_save_name(name: str, field: str = "save_name") -> str:
    """A plain file name for a design saved into the workspace (``.yaml`` appended)."""
    raw = (name or "").strip()
    if raw.lower().endswith((".yaml", ".yml")):
        raw = raw.rsplit(".", 1)[0]
    if not _NAME.match(raw) or ".." in raw:
        raise ValidationError(field, name, "must be a plain file name of letters, digits, "
                              "'_', '-', '.' (no folders), e.g. 'my-cell'")
    return raw + ".yaml"


def list_designs(roots: Sequence[Path]) -> list[tuple[str, Path]]:
    """(label, path) of every design file directly inside the roots, sorted by label. The
    path is the file's own (in the resolved root, a link not followed): a link in the
    workspace to an example is listed as itself, not as the example it opens (two entries of
    one path, the example showed the link's name); :func:`safe_design_path` resolves it
    again before it is opened."""
    out: list[tuple[str, Path]] = []
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.iterdir()):
            # a link out of the folders is not listed: opening it would be refused
            if path.suffix.lower() in DESIGN_SUFFIXES and path.is_file() \
                    and _inside(path.resolve(), roots):
                out.append((f"{root.name}/{path.name}", root.resolve() / path.name))
    return out


def listed_design(text: str, resolved: Path, listed: Sequence[tuple[str, Path]]) -> Path | None:
    """The entry of ``listed`` (:func:`list_designs`) the design ``text`` (picked or typed)
    names, or None: the entry itself, its label, else the first entry of the same file name
    opening ``resolved`` (the file :func:`safe_design_path` opens for ``text``), else the
    first opening ``resolved``."""
    raw = (text or "").strip()
    for label, path in listed:
        if raw in (str(path), label):
            return path
    same = [path for _label, path in listed if path.resolve() == resolved]
    named = [path for path in same if path.name == Path(raw).name]
    return (named or same or [None])[0]


__all__ = ["DESIGN_SUFFIXES", "default_examples_dir", "default_workspace_dir", "list_designs",
           "listed_design", "safe_design_path", "safe_path", "safe_save_name"]
