"""The crosswalk of a framework version: what became of each indicator of an earlier version.

In a framework file:

    crosswalk:
      from_version: 1
      indicators:
        - {kind: same, from: "6.1.1.a", to: "6.1.1.a"}
        - {kind: split, from: "6.1.1.d", to: ["6.1.1.f", "6.1.1.g"], note: {en: "..."}}
        - {kind: merged, from: ["6.1.2.d", "6.3.1.d"], to: "6.3.1.f"}
        - {kind: new, to: "6.2.2.e"}
        - {kind: removed, from: "6.3.4.b"}

Every indicator of the earlier version is in the `from` of exactly one entry, and every
indicator of this version in the `to` of exactly one entry. Only "same" and "reworded"
indicators are comparable: a rating of one may be compared with a rating of the other.
`check_crosswalk` checks a crosswalk node for the loader (loading.py), reporting each problem
with its place; the earlier version must already be loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .formats import NodePath

if TYPE_CHECKING:
    from .loading import _Checker

KINDS = ("same", "reworded", "split", "merged", "new", "removed")
COMPARABLE_KINDS = ("same", "reworded")
# How many indicators each side of an entry of a kind holds: (from, to); None is "2 or more".
ARITY = {
    "same": (1, 1),
    "reworded": (1, 1),
    "split": (1, None),
    "merged": (None, 1),
    "new": (0, 1),
    "removed": (1, 0),
}

BAD_KIND = '"{value}" is not a kind of change: use {kinds}'
BAD_VERSION = '"{value}" is not a version number: use a whole number from 1'
PREVIOUS_NOT_LOADED = (
    'version {version} of "{slug}" is not loaded: load it first, the crosswalk maps from it'
)
UNKNOWN_PREVIOUS_INDICATOR = 'version {version} has no indicator "{code}"'
UNKNOWN_INDICATOR = 'this version has no indicator "{code}"'
MAPPED_TWICE = 'indicator "{code}" is already mapped by entry {entry}'
PREVIOUS_UNMAPPED = (
    'indicator "{code}" of version {version} is not in the crosswalk: say what became of it '
    "(same, reworded, split, merged or removed)"
)
UNMAPPED = (
    'indicator "{code}" is not in the crosswalk: say where it comes from '
    "(same, reworded, split, merged or new)"
)
WRONG_COUNT = 'a "{kind}" entry maps {expected}'
EXPECTED = {
    "same": "one indicator to one indicator",
    "reworded": "one indicator to one indicator",
    "split": "one indicator to two or more",
    "merged": "two or more indicators to one",
    "new": "no earlier indicator (no from) to one indicator",
    "removed": "one earlier indicator to none (no to)",
}

# (slug, version) -> the indicator codes of that version, None when it is not loaded.
PreviousCodes = Callable[[str, int], "list[str] | None"]


def check_crosswalk(
    checker: _Checker, value: Any, path: NodePath, slug: str | None, previous_codes: PreviousCodes
) -> dict | None:
    """The normalized crosswalk ({from_version, indicators: [{kind, from, to, note}]}), its
    problems reported through `checker`; None when the file has no crosswalk."""
    if value is None:
        return None
    node = checker.mapping(value, path, ("from_version", "indicators"), ("from_version",))
    version = _version(checker, node.get("from_version"), (*path, "from_version"))
    entries = checker.items(
        node.get("indicators"),
        (*path, "indicators"),
        lambda item, item_path: _entry(checker, item, item_path),
        "entry",
    )
    if version is not None and slug:
        codes = previous_codes(slug, version)
        if codes is None:
            checker.report((*path, "from_version"), PREVIOUS_NOT_LOADED, version=version, slug=slug)
        else:
            _check_coverage(checker, entries, (*path, "indicators"), version, codes)
    return {"from_version": version, "indicators": entries}


def _version(checker: _Checker, value: Any, path: NodePath) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        checker.report(path, BAD_VERSION, value=value)
        return None
    return value


def _entry(checker: _Checker, value: Any, path: NodePath) -> dict:
    node = checker.mapping(value, path, ("kind", "from", "to", "note"), ("kind",))
    kind = checker.string(node.get("kind"), (*path, "kind"))
    if kind is not None and kind not in KINDS:
        checker.report((*path, "kind"), BAD_KIND, value=kind, kinds=", ".join(KINDS))
        kind = None
    entry = {
        "kind": kind,
        "from": _codes(checker, node.get("from"), (*path, "from")),
        "to": _codes(checker, node.get("to"), (*path, "to")),
        "note": checker.text(node.get("note"), (*path, "note")),
    }
    if kind is not None and not _arity_fits(kind, len(entry["from"]), len(entry["to"])):
        checker.report((*path, "kind"), WRONG_COUNT, kind=kind, expected=EXPECTED[kind])
    return entry


def _codes(checker: _Checker, value: Any, path: NodePath) -> list[str]:
    """One code, or a list of codes, as a list."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    codes = []
    for index, code in enumerate(values):
        place = (*path, index) if isinstance(value, list) else path
        checked = checker.code(code, place)
        if checked:
            codes.append(checked)
    return codes


def _arity_fits(kind: str, n_from: int, n_to: int) -> bool:
    def fits(expected: int | None, count: int) -> bool:
        return count >= 2 if expected is None else count == expected

    expected_from, expected_to = ARITY[kind]
    return fits(expected_from, n_from) and fits(expected_to, n_to)


def _check_coverage(
    checker: _Checker, entries: list[dict], path: NodePath, version: int, previous: list[str]
) -> None:
    """Each code known and mapped once; every indicator of both versions mapped."""
    current = checker.codes["indicator"]
    sides = {
        "from": (set(previous), UNKNOWN_PREVIOUS_INDICATOR, {}),
        "to": (set(current), UNKNOWN_INDICATOR, {}),
    }
    for index, entry in enumerate(entries):
        for side, (known, unknown, seen) in sides.items():
            for code in entry[side]:
                if code not in known:
                    checker.report((*path, index, side), unknown, code=code, version=version)
                elif code in seen:
                    checker.report((*path, index, side), MAPPED_TWICE, code=code, entry=seen[code])
                else:
                    seen[code] = index + 1
    mapped_before, mapped_now = sides["from"][2], sides["to"][2]
    for code in previous:
        if code not in mapped_before:
            checker.report(path, PREVIOUS_UNMAPPED, code=code, version=version)
    for code, indicator_path in current.items():
        if code not in mapped_now:
            checker.report((*indicator_path, "code"), UNMAPPED, code=code)


def comparable_pairs(entries: list[dict]) -> dict[str, str]:
    """Code in this version -> code in the earlier version, for comparable indicators."""
    return {
        entry["to"][0]: entry["from"][0] for entry in entries if entry["kind"] in COMPARABLE_KINDS
    }
