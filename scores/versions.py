"""What a comparison's figures rest on when it spans versions of a framework.

A comparison compares the assessments of one framework version. Its trends across rounds
may also take in the rounds rated against earlier versions (`ComparisonQuery.across_versions`),
linked to it by crosswalks: then every assessment, whatever its version, is scored on the
same indicators, those of the version compared on that each version in the comparison has a
comparable ("same" or "reworded") indicator for, and with that version's scoring method.
A comparison never mixes methods. `Basis` says what the figures rest on ("compared on 43 of
59 indicators").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assessment.scores import FrameworkIndex, comparable_codes, framework_index
from frameworks.models import Framework

_CHAINS: dict[tuple[int, str], tuple[Framework, ...]] = {}


@dataclass(frozen=True)
class Basis:
    """The indicators a comparison scores (`index`, the version compared on cut down to
    them: `compared_on` of its `total`), how the answers of other versions map onto them
    (`indicator_pks`, any version's indicator pk -> pk in `index`; `percentages`, any
    version's level pk -> percentage), and the versions compared."""

    index: FrameworkIndex
    indicator_pks: dict[int, int]
    percentages: dict[int, float]
    compared_on: int
    total: int
    versions: tuple[int, ...]

    @property
    def is_partial(self) -> bool:
        return self.compared_on < self.total


def version_chain(framework: Framework) -> tuple[Framework, ...]:
    """The version, then each version its crosswalks map from, the latest first."""
    key = (framework.pk, framework.content_hash)
    if key not in _CHAINS:
        chain, current = [framework], framework
        while current.previous_version_id is not None:
            current = Framework.objects.get(pk=current.previous_version_id)
            chain.append(current)
        _CHAINS[key] = tuple(chain)
    return _CHAINS[key]


def comparison_basis(framework: Framework, versions: list[Framework]) -> Basis:
    """The basis for comparing assessments of `versions` (from `version_chain(framework)`)
    on `framework`: every indicator when only `framework` itself is compared."""
    index = framework_index(framework)
    codes_by_version = [
        (version, comparable_codes(framework, version) or {})
        for version in versions
        if version.pk != framework.pk
    ]
    basis_codes = {row.code for row in index.indicators}
    for _version, codes in codes_by_version:
        basis_codes &= set(codes)
    rows = tuple(row for row in index.indicators if row.code in basis_codes)
    now_pks = {row.code: row.pk for row in rows}
    indicator_pks = {pk: pk for pk in now_pks.values()}
    percentages = _percentages(index)
    for version, codes in codes_by_version:
        other = framework_index(version)
        other_pks = {row.code: row.pk for row in other.indicators}
        for code in basis_codes:
            indicator_pks[other_pks[codes[code]]] = now_pks[code]
        percentages |= _percentages(other)
    return Basis(
        index=replace(index, indicators=rows),
        indicator_pks=indicator_pks,
        percentages=percentages,
        compared_on=len(rows),
        total=len(index.indicators),
        versions=tuple(sorted({framework.version, *(v.version for v, _ in codes_by_version)})),
    )


def _percentages(index: FrameworkIndex) -> dict[int, float]:
    return {pk: float(index.scale[code]) for pk, code in index.level_codes.items()}


def clear_version_chains() -> None:
    """Forget the memoised chains (tests that rebuild frameworks call this)."""
    _CHAINS.clear()
