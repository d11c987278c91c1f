"""One example of every chart the site draws, for the pure tests and the browser test that
draws each with the plotly.js the pages load."""

import numpy as np
import pandas as pd

from charts import builders, specs

AREAS = ["6.1", "6.2", "6.3"]
AREA_TITLES = {"6.1": "Legal framework", "6.2": "Support", "6.3": "Environment"}


def group_areas_frame() -> pd.DataFrame:
    """The shape of scores.aggregate.group_means: pillar first, Asia suppressed (n=2)."""
    rows = []
    for round_, shift in (("2022", -5), ("2024", 0)):
        for group, name, n, base in (
            ("419", "LAC", 7, 23.0),
            ("002", "Africa", 5, 29.0),
            ("142", "Asia", 2, None),
        ):
            for k, code in enumerate(["pillar", *AREAS]):
                mean = np.nan if base is None else base + shift + 5 * k
                rows.append(
                    {"group": group, "group_name": name, "round": round_, "area_code": code,
                     "mean": mean, "n_countries": np.int64(n), "suppressed": base is None}
                )  # fmt: skip
    return pd.DataFrame(rows)


def trends_frame() -> pd.DataFrame:
    """The shape of scores.aggregate.trends: one row per group and round, wide."""
    rows = [
        ("419", "LAC", "2022", 18.0, 7, 10.0),
        ("419", "LAC", "2024", 21.0, 7, 12.5),
        ("419", "LAC", "2026", 23.0, 6, 15.0),
        ("002", "Africa", "2022", 25.0, 5, 20.0),
        ("002", "Africa", "2026", np.nan, 2, np.nan),
    ]
    return pd.DataFrame(
        rows, columns=["group", "group_name", "round", "pillar", "n_countries", "6.1"]
    )


def matrix_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [[75.0, np.nan, 62.5], [0.0, 100.0, 25.0]],
        index=pd.Index(["Senegal", "Côte d'Ivoire & <Co>"], name="country"),
        columns=["6.1.1", "6.1.2", "6.2.1"],
    )


def every_spec() -> dict[str, specs.Chart]:
    return {
        "area": builders.area_bars(AREAS, [23.4, 62.5, None], full_labels=list(AREA_TITLES.values())),
        "area_vs_region": builders.area_bars(AREAS, [40, 50, 60], name="Senegal", comparison=("Africa", [30, None, 20])),
        "recommendation": builders.recommendation_bars(["6.1.1", "6.1.2"], [10, None], name="Senegal"),
        "radar": builders.radar(AREAS, [45, 62.5, 30], [29, 35, None], ("Senegal", "Africa")),
        "groups": builders.group_area_bars(group_areas_frame(), area_labels=AREA_TITLES),
        "heatmap": builders.heatmap(matrix_frame(), column_labels={"6.1.1": "Laws"}),
        "trend": builders.trend_lines(trends_frame()),
        "map": builders.world_map({"SEN": 31, "mng": 38.5, "SUR": None}, names={"SEN": "Senegal", "MNG": "Mongolia", "SUR": "Suriname"}),
    }  # fmt: skip
