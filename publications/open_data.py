"""Open data: every published assessment's scores of a round, one row per figure (the
pillar, each area, recommendation and indicator), with a data dictionary and the licence.
The same rows feed the CSV, the Excel workbook and the public API; the column names are
fixed (English, machine-readable) whatever the page's language.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from scores.country import country_scores
from scores.exports import Export, csv_export, xlsx_export

from .public import public_assessments

PERCENT_DECIMALS = 2

# Column -> what it holds. The files' columns are exactly these, in this order.
DATA_DICTIONARY = {
    "iso3": _("ISO 3166-1 alpha-3 code of the country."),
    "country": _("Name of the country, in English."),
    "m49_region": _("UN M49 region of the country."),
    "igf_region": _("IGF region of the country."),
    "round": _("Assessment round."),
    "framework": _("Framework (slug) the assessment was made against."),
    "framework_version": _("Version of the framework and of its rating scale."),
    "level": _("What the row describes: pillar, area, recommendation or indicator."),
    "code": _("Code of the area, recommendation or indicator (empty for the pillar)."),
    "title": _("Title of the area or recommendation, or the indicator's statement, in English."),
    "rating": _(
        "Indicator rows: the level of the scale (0 to 4 on the default scale); empty when "
        "not applicable."
    ),
    "rating_label": _("Indicator rows: the rating in words, in English, or “Not applicable”."),
    "percent": _(
        "Implementation in percent (0 to 100): the rating's percentage for an indicator, the "
        "roll-up of the indicators below for the others; empty when nothing can be computed."
    ),
    "published_on": _("Date the assessment was published (UTC)."),
    "licence": _("Licence of the data."),
}


def open_data_rounds() -> list[str]:
    """The rounds with at least one published assessment, newest first."""
    rounds = public_assessments().values_list("round", flat=True).distinct()
    return sorted(set(rounds), reverse=True)


def open_data_rows(round_: str) -> list[dict]:
    """Every published assessment's figures in `round_`, as DATA_DICTIONARY describes."""
    from django.utils import translation

    rows = []
    assessments = public_assessments().filter(round=round_)
    assessments = assessments.select_related("country", "framework").order_by("country__iso3")
    with translation.override("en"):
        for assessment in assessments:
            rows += _assessment_rows(assessment)
    return rows


def _assessment_rows(assessment) -> list[dict]:
    scores = country_scores(assessment, None)
    country = assessment.country
    common = {
        "iso3": country.iso3,
        "country": str(country.name),
        "m49_region": str(country.m49_region_name()),
        "igf_region": str(country.get_igf_region_display()),
        "round": assessment.round,
        "framework": assessment.framework.slug,
        "framework_version": assessment.framework.version,
    }
    published_on = _published_on(assessment)
    tail = {"published_on": published_on, "licence": settings.OPEN_DATA_LICENCE}
    rows = [
        _row(common, "pillar", "", str(assessment.framework.title), None, "", scores.pillar, tail)
    ]
    for area in scores.areas.to_dict("records"):
        rows.append(_row(common, "area", area["area_code"], area["title"], None, "",
                         area["score"], tail))  # fmt: skip
    for rec in scores.recommendations.to_dict("records"):
        rows.append(_row(common, "recommendation", rec["recommendation_code"], rec["title"],
                         None, "", rec["score"], tail))  # fmt: skip
    for ind in scores.indicators.to_dict("records"):
        rating, label = _rating(ind)
        rows.append(_row(common, "indicator", ind["indicator_code"], ind["statement"], rating,
                         label, ind["score"], tail))  # fmt: skip
    return rows


def _row(common, level, code, title, rating, label, score, tail) -> dict:
    return {**common, "level": level, "code": code, "title": title, "rating": rating,
            "rating_label": label, "percent": _percent(score), **tail}  # fmt: skip


def _rating(indicator: dict) -> tuple[int | None, str]:
    if indicator["status"] == "not_applicable":
        return None, "Not applicable"
    if indicator["status"] == "missing" or indicator["level"] is None:
        return None, ""
    level = indicator["level"]
    if level != level:  # NaN
        return None, ""
    return int(level), str(indicator["level_label"])


def _percent(value) -> float | None:
    if value is None or value != value:  # None or NaN
        return None
    return round(float(value), PERCENT_DECIMALS)


def _published_on(assessment) -> str:
    moment = (
        assessment.transitions.filter(to_status="published")
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return moment.date().isoformat() if moment else ""


def licence_text() -> str:
    return f"{settings.OPEN_DATA_LICENCE} ({settings.OPEN_DATA_LICENCE_URL})"


def open_data_csv(round_: str) -> Export:
    columns = list(DATA_DICTIONARY)
    rows = [[row[column] for column in columns] for row in open_data_rows(round_)]
    return csv_export((columns, rows), f"mpf-pillar6-open-data-{round_}.csv")


def open_data_xlsx(round_: str) -> Export:
    """The data, the data dictionary and the licence, one sheet each."""
    from django.utils import translation

    columns = list(DATA_DICTIONARY)
    rows = [[row[column] for column in columns] for row in open_data_rows(round_)]
    with translation.override("en"):
        dictionary = [[column, str(text)] for column, text in DATA_DICTIONARY.items()]
    tables = {
        "Data": (columns, rows),
        "Data dictionary": (["column", "description"], dictionary),
        "Licence": (
            ["licence", "url"],
            [[settings.OPEN_DATA_LICENCE, settings.OPEN_DATA_LICENCE_URL]],
        ),  # fmt: skip
    }
    return xlsx_export(tables, f"mpf-pillar6-open-data-{round_}.xlsx")


def data_dictionary_csv() -> Export:
    from django.utils import translation

    with translation.override("en"):
        rows = [[column, str(text)] for column, text in DATA_DICTIONARY.items()]
    return csv_export((["column", "description"], rows), "mpf-pillar6-open-data-dictionary.csv")
