"""Each assessment's roll-up scores, stored (`StoredScores`) so that a comparison of 2,000
countries over 10 rounds reads 20,000 rows instead of a million responses.

The scores are those of the scoring engine (`scoring.score_assessment`, the one definition):
this module only stores what the engine gives, and checks what is stored against it. They are
written when a rating changes, by the service that saves it (`services.response_save`), and
all at once by `manage.py rebuild_scores`; `manage.py verify_scores` compares every stored row
with the engine. An assessment without stored scores, or whose framework changed since, is
scored from its responses by whoever reads it (scores/comparison.py): the stored row is only a
faster source, never the only one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .models import Assessment, StoredScores
from .scores import framework_index, ratings_of, ratings_of_many
from .scoring import PillarScore, score_assessment

BATCH = 500
TOLERANCE = 1e-6  # percentage points: stored floats against the engine's


def stored_fields(score: PillarScore) -> dict:
    """The columns of a StoredScores row for one engine result. Areas and recommendations are
    stored as columns (a list per field, in the framework's order), so that a comparison turns
    thousands of rows into arrays without a loop per score."""
    recommendations = [(area, r) for area in score.children for r in area.children]
    return {
        "pillar": score.score,
        "rated": score.counts.rated,
        "not_applicable": score.counts.not_applicable,
        "missing": score.counts.missing,
        "areas": _columns(score.children),
        "recommendations": {
            "area_codes": [area.code for area, _r in recommendations],
            **_columns([r for _area, r in recommendations]),
        },
    }


def _columns(nodes) -> dict[str, list]:
    return {
        "codes": [node.code for node in nodes],
        "score": [node.score for node in nodes],
        "rated": [node.counts.rated for node in nodes],
        "not_applicable": [node.counts.not_applicable for node in nodes],
        "missing": [node.counts.missing for node in nodes],
    }


def engine_score(assessment: Assessment, ratings=None) -> PillarScore:
    index = framework_index(assessment.framework)
    ratings = ratings_of(assessment) if ratings is None else ratings
    return score_assessment(index.tree, index.scale, ratings, index.method)


def stored_scores_refresh(*, assessment: Assessment) -> StoredScores:
    """Store the assessment's scores as they are now (its framework loaded)."""
    fields = stored_fields(engine_score(assessment))
    stored, _created = StoredScores.objects.update_or_create(
        assessment=assessment,
        defaults={**fields, "framework_hash": assessment.framework.content_hash},
    )
    return stored


def stored_scores_rebuild(*, assessments: Iterable[Assessment] | None = None) -> int:
    """Store the scores of every assessment (or of `assessments`), in batches. Returns how
    many were written."""
    queryset = Assessment.objects.select_related("framework").order_by("pk")
    if assessments is not None:
        queryset = queryset.filter(pk__in=[a.pk for a in assessments])
    written = 0
    batch: list[Assessment] = []
    for assessment in queryset.iterator(chunk_size=BATCH):
        batch.append(assessment)
        if len(batch) == BATCH:
            written += _store(batch)
            batch = []
    if batch:
        written += _store(batch)
    return written


def _store(assessments: list[Assessment]) -> int:
    ratings = ratings_of_many(assessments)
    rows = [
        StoredScores(
            assessment_id=a.pk,
            framework_hash=a.framework.content_hash,
            **stored_fields(engine_score(a, ratings[a.pk])),
        )
        for a in assessments
    ]
    StoredScores.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["assessment"],
        update_fields=[
            "framework_hash", "pillar", "rated", "not_applicable", "missing", "areas",
            "recommendations", "updated_at",
        ],
    )  # fmt: skip
    return len(rows)


def stored_scores_problems(*, assessments: Iterable[Assessment] | None = None) -> list[str]:
    """What differs between the stored scores and the engine's, one line per assessment
    (an assessment without stored scores is not a problem: it is scored from its responses).
    """
    queryset = Assessment.objects.select_related("framework", "stored_scores").order_by("pk")
    if assessments is not None:
        queryset = queryset.filter(pk__in=[a.pk for a in assessments])
    problems = []
    batch: list[Assessment] = []
    for assessment in queryset.filter(stored_scores__isnull=False).iterator(chunk_size=BATCH):
        batch.append(assessment)
        if len(batch) == BATCH:
            problems += _check(batch)
            batch = []
    if batch:
        problems += _check(batch)
    return problems


def _check(assessments: list[Assessment]) -> list[str]:
    ratings = ratings_of_many(assessments)
    problems = []
    for assessment in assessments:
        stored = assessment.stored_scores
        if stored.framework_hash != assessment.framework.content_hash:
            problems.append(f"{assessment.pk} {assessment}: framework changed since stored")
            continue
        expected = stored_fields(engine_score(assessment, ratings[assessment.pk]))
        for name, value in expected.items():
            if not _same(getattr(stored, name), value):
                problems.append(f"{assessment.pk} {assessment}: {name} differs")
                break
    return problems


def _same(stored, expected) -> bool:
    if isinstance(expected, dict):
        return (
            isinstance(stored, dict)
            and stored.keys() == expected.keys()
            and all(_same(stored[key], value) for key, value in expected.items())
        )
    if isinstance(expected, list):
        return (
            isinstance(stored, list)
            and len(stored) == len(expected)
            and all(_same(a, b) for a, b in zip(stored, expected, strict=True))
        )
    if isinstance(expected, float) or isinstance(stored, float):
        if stored is None or expected is None:
            return stored is expected
        return math.isclose(stored, expected, abs_tol=TOLERANCE)
    return stored == expected
