"""Published results draw on the same hand-checkable assessments as the scores' tests."""

from tests.scores.conftest import (  # noqa: F401 - fixtures and helpers shared with scores
    LEVELS_2024,
    Status,
    five_countries,
    fresh_caches,
    make_assessment,
)
