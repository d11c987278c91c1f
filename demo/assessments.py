"""The demo's assessments: rounds 2022 and 2024 validated or published, on version 1 of the
framework, and a 2026 round in every state of the workflow, on version 2: started from the
country's 2024 round, it carries over what the crosswalk calls the same or reworded. Synthetic (every text starts with "[Demo] ", links go to
example.org), the same on every run (random generators seeded per country and round) and
safe to run again (a country's round that exists is skipped).

Ratings, transitions and comments go through the services as the demo people, so history and
workflow look like real use (evidence and Senegal's fresh start are bulk writes that record
their history too); the dates are then moved back, in office hours, to when the round would
have been worked on. The 2024 levels are calibrated so that the regional averages match IGF's global
analysis (Latin America and the Caribbean 23%, Africa 29%, Asia 38%): IGF's figures cover
every thematic area of the MPF; the demo's Pillar 6 figures are synthetic values set to the
same levels, for illustration only.
"""

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from assessment import scoring
from assessment.models import Assessment, Comment, Evidence, Response
from assessment.services import (
    ResponseChange,
    assessment_create,
    assessment_transition,
    comment_add,
    comment_resolve,
    response_save,
)
from countries.models import Country
from frameworks.models import Framework

from . import texts
from .people import GLOBAL_ANALYSIS_COUNTRIES

FRAMEWORK_SLUG = "mpf-pillar-6"
Status = Assessment.Status
# The framework version each round was rated against.
VERSION_OF_ROUND = {"2022": 1, "2024": 1, "2026": 2}

# 2024 implementation (%) per country: regional means 23 (LAC), 29 (Africa), 38 (Asia).
IMPLEMENTATION_2024 = {
    "DOM": 26, "ECU": 30, "JAM": 16, "SUR": 19, "HND": 22, "PAN": 25,
    "SEN": 34, "MDG": 24, "RWA": 36, "UGA": 30, "NAM": 27, "MRT": 22,
    "MNG": 42, "KGZ": 34,
}  # fmt: skip

# Points above or below the country's mean: laws ahead of practice, finance and child-labour
# enforcement behind.
RECOMMENDATION_OFFSET = {
    "6.1.1": 18, "6.1.2": 8, "6.1.3": 2, "6.2.1": -2, "6.2.2": -14, "6.2.3": 2,
    "6.2.4": -6, "6.2.5": -10, "6.3.1": 4, "6.3.2": -8, "6.3.3": -6, "6.3.4": -2,
}  # fmt: skip
INDICATOR_OFFSET = {
    "6.1.1.a": 10, "6.1.2.a": 12, "6.1.3.d": -8, "6.2.2.d": -6, "6.2.5.c": -8,
    "6.3.1.b": 10, "6.3.3.a": 40, "6.3.3.b": -8, "6.3.3.c": -12, "6.3.3.d": -14,
    "6.3.4.a": 30, "6.3.4.d": -6,
}  # fmt: skip

ROUNDS = {
    "2022": {
        "MNG": Status.PUBLISHED, "SEN": Status.PUBLISHED, "KGZ": Status.CONFIDENTIAL,
        "DOM": Status.VALIDATED, "ECU": Status.PUBLISHED, "RWA": Status.PUBLISHED,
        "UGA": Status.VALIDATED, "JAM": Status.PUBLISHED,
    },
    "2024": {
        **{iso3: Status.PUBLISHED for iso3 in GLOBAL_ANALYSIS_COUNTRIES},
        "HND": Status.CONFIDENTIAL, "MRT": Status.CONFIDENTIAL,
        "MDG": Status.VALIDATED, "SUR": Status.VALIDATED,
    },
    "2026": {
        "SEN": Status.DRAFT, "ECU": Status.DRAFT, "UGA": Status.DRAFT,
        "DOM": Status.SUBMITTED, "KGZ": Status.IN_REVIEW, "NAM": Status.VALIDATED,
        "RWA": Status.PUBLISHED, "PAN": Status.CONFIDENTIAL,
    },
}  # fmt: skip
CURRENT_ROUND = "2026"
# Rounds that were returned once with comments before going on (or staying a draft).
RETURNED = {("SEN", "2024"), ("MDG", "2024"), ("ECU", "2026")}
# Senegal's 2026 draft: the team started afresh and has rated about a third so far.
PARTLY_FILLED = {("SEN", "2026")}
# The indicator the analyst asks about when returning a round (named in RETURN_COMMENTS).
RETURN_QUESTION_ON = "6.3.3.b"
# Rounds where the analyst has an open question on an indicator.
OPEN_QUESTION = {("SEN", "2026"), ("UGA", "2026"), ("KGZ", "2026")}

_REVIEW = ["submit", "start_review"]
ACTIONS_TO = {
    Status.DRAFT: [],
    Status.SUBMITTED: ["submit"],
    Status.IN_REVIEW: _REVIEW,
    Status.VALIDATED: [*_REVIEW, "validate"],
    Status.PUBLISHED: [*_REVIEW, "validate", "publish"],
    Status.CONFIDENTIAL: [*_REVIEW, "validate", "keep_confidential"],
}


@dataclass
class Team:
    """The demo people working on one country's assessments, and what they write."""

    iso3: str
    contributor: User
    focal: User
    analyst: User
    language: str
    instruments: dict
    vocab: dict


@transaction.atomic
def create_demo_assessments() -> list[Assessment]:
    """Create the demo rounds that do not exist yet; return those created."""
    versions = Framework.objects.published().filter(slug=FRAMEWORK_SLUG)
    frameworks = {v: versions.get(version=v) for v in set(VERSION_OF_ROUND.values())}
    countries = Country.objects.in_bulk(GLOBAL_ANALYSIS_COUNTRIES, field_name="iso3")
    analyst = User.objects.get(username="analyst")
    created = []
    for iso3 in GLOBAL_ANALYSIS_COUNTRIES:
        team = _team(iso3, analyst)
        for round_, statuses in ROUNDS.items():
            exists = Assessment.objects.filter(country=countries[iso3], round=round_).exists()
            if iso3 in statuses and not exists:
                framework = frameworks[VERSION_OF_ROUND[round_]]
                levels = round_levels(iso3, round_, framework, frameworks[1])
                created.append(
                    _create_round(countries[iso3], round_, statuses[iso3], framework, team, levels)
                )
    return created


def round_levels(iso3: str, round_: str, framework: Framework, first: Framework) -> dict:
    """The planned levels of a round on `framework`: version 1's plan, carried onto a later
    version through its crosswalk before the round's own progress."""
    tree, scale = framework_tree(first), framework_scale(first)
    if framework.pk == first.pk:
        return planned_levels(iso3, round_, tree, scale)
    levels = levels_on_version(planned_levels(iso3, "2024", tree, scale), framework, first)
    return _progressed(levels, random.Random(f"{iso3}:{round_}"))


def levels_on_version(levels: dict, framework: Framework, earlier: Framework) -> dict:
    """Version 1 levels as the country would rate `framework`: the same level for a same or
    reworded indicator, the mean of its sources for a split or merged one, the country's
    mean level for a new one."""
    comparable = framework.comparable_codes(earlier)
    sources = framework.crosswalk_sources()
    rated = [level for level in levels.values() if level is not None]
    typical = round(sum(rated) / len(rated)) if rated else 0
    result = {}
    for indicator in framework_tree(framework).indicators():
        code = indicator.code
        if code in comparable:
            result[code] = levels.get(comparable[code])
            continue
        known = [levels[s] for s in sources.get(code, []) if levels.get(s) is not None]
        result[code] = round(sum(known) / len(known)) if known else typical
    return result


def framework_tree(framework: Framework) -> scoring.FrameworkTree:
    areas = framework.areas.prefetch_related("recommendations__indicators")
    return scoring.FrameworkTree(
        tuple(
            scoring.AreaNode(area.code, area.weight, tuple(
                scoring.RecommendationNode(rec.code, rec.weight, tuple(
                    scoring.IndicatorNode(indicator.code, indicator.weight)
                    for indicator in rec.indicators.all()
                ))
                for rec in area.recommendations.all()
            ))
            for area in areas
        )
    )  # fmt: skip


def framework_scale(framework: Framework) -> dict[int, float]:
    return {level.code: float(level.percentage) for level in framework.levels.all()}


def implementation(levels: dict[str, int | None], tree: scoring.FrameworkTree, scale) -> float:
    """The pillar score of planned levels (None is not applicable)."""
    ratings = {
        code: scoring.Rating(level, not_applicable=level is None) for code, level in levels.items()
    }
    return scoring.score_assessment(tree, scale, ratings).score


# Levels: pure functions of the country, the round and the framework.


def planned_levels(
    iso3: str, round_: str, tree: scoring.FrameworkTree, scale
) -> dict[str, int | None]:
    """Indicator code -> level code (None: not applicable) for a country's round."""
    levels = _levels_2024(iso3, tree, scale)
    rng = random.Random(f"{iso3}:{round_}")
    if round_ == "2022":
        return {code: _lowered(level, rng, 0.3) for code, level in levels.items()}
    if round_ == CURRENT_ROUND:
        return _progressed(levels, rng)
    return levels


def _levels_2024(iso3: str, tree: scoring.FrameworkTree, scale) -> dict[str, int | None]:
    rng = random.Random(iso3)
    target = IMPLEMENTATION_2024[iso3]
    wanted, levels = {}, {}
    for area in tree.areas:
        shift = rng.uniform(-8, 8)
        for rec in area.recommendations:
            for indicator in rec.indicators:
                code = indicator.code
                if (iso3, code) in texts.NOT_APPLICABLE_REASONS:
                    levels[code] = None
                    continue
                offset = RECOMMENDATION_OFFSET.get(rec.code, 0) + INDICATOR_OFFSET.get(code, 0)
                wanted[code] = (target + shift + offset) / 25
                levels[code] = min(4, max(0, round(wanted[code] + rng.gauss(0, 0.6))))
    return _calibrated(levels, wanted, target, tree, scale)


def _calibrated(levels, wanted, target, tree, scale) -> dict[str, int | None]:
    """Move single levels, where they are furthest from what was wanted, to hit the target."""
    for _ in range(200):
        gap = target - implementation(levels, tree, scale)
        if abs(gap) <= 0.75:
            break
        step = 1 if gap > 0 else -1
        movable = [code for code in wanted if 0 <= levels[code] + step <= 4]
        code = max(movable, key=lambda c: ((wanted[c] - levels[c]) * step, c))
        levels[code] += step
    return levels


def _lowered(level: int | None, rng: random.Random, share: float) -> int | None:
    return level - 1 if level and rng.random() < share else level


def _progressed(levels: dict[str, int | None], rng: random.Random) -> dict[str, int | None]:
    """Two years on: a few indicators one level up, one down."""
    levels = dict(levels)
    rated = [code for code, level in levels.items() if level is not None]
    for code in rng.sample([c for c in rated if levels[c] < 4], 4):
        levels[code] += 1
    for code in rng.sample([c for c in rated if levels[c] > 0], 1):
        levels[code] -= 1
    return levels


# Writing a round through the services.


def _team(iso3: str, analyst: User) -> Team:
    users = User.objects.in_bulk([f"{iso3.lower()}-contributor", f"{iso3.lower()}-focal"],
                                 field_name="username")  # fmt: skip
    language = texts.language_of(iso3)
    return Team(
        iso3=iso3, contributor=users[f"{iso3.lower()}-contributor"],
        focal=users[f"{iso3.lower()}-focal"], analyst=analyst, language=language,
        instruments=texts.country_instruments(iso3, language), vocab=texts.vocabulary(iso3),
    )  # fmt: skip


def _create_round(country, round_, status, framework, team: Team, levels) -> Assessment:
    rng = random.Random(f"{team.iso3}:{round_}:work")
    assessment = assessment_create(
        country=country, round=round_, framework=framework, user=team.focal, is_demo=True
    )
    responses = _responses(assessment)
    if (team.iso3, round_) in PARTLY_FILLED:
        responses = _start_afresh(assessment, responses, team)
        levels = {code: level for code, level in list(levels.items())[: len(levels) // 3]}
    _rate(responses, levels, team, rng, int(round_), framework)
    _add_evidence(assessment, team, rng, int(round_), share=0.25 if status == Status.DRAFT else 0.5)
    if (team.iso3, round_) in OPEN_QUESTION:
        _ask(assessment, team, rng)
    _move(assessment, status, team, rng, returned=(team.iso3, round_) in RETURNED)
    _backdate(assessment, rng, current=round_ == CURRENT_ROUND)
    assessment.refresh_from_db()
    return assessment


def _responses(assessment: Assessment) -> list[Response]:
    return list(
        assessment.responses.select_related("indicator__recommendation", "level", "target_level")
    )


def _start_afresh(assessment, responses, team: Team) -> list[Response]:
    """Clear the copied ratings and share the indicators out, as a team starting over would."""
    for response in responses:
        area = response.indicator.recommendation.code[:3]
        response.assignee = team.focal if area == "6.3" else team.contributor
        response.level = response.target_level = None
        response.justification = response.not_applicable_reason = ""
        response.not_applicable = False
        response.version += 1
        response.updated_by = team.focal
    fields = ["assignee", "level", "target_level", "justification", "not_applicable",
              "not_applicable_reason", "version", "updated_by"]  # fmt: skip
    bulk_update_with_history(
        responses, Response, fields, default_user=team.focal, default_date=timezone.now()
    )
    return _responses(assessment)


def _rate(responses, levels, team: Team, rng, year: int, framework) -> None:
    """Save each response whose rating differs from the plan, with a fresh justification."""
    by_code = {level.code: level for level in framework.levels.all()}
    partly = len(levels) < len(responses)
    for response in responses:
        code = response.indicator.code
        if code not in levels or _level_code(response) == levels[code]:
            continue
        change = _change_for(response, levels[code], team, rng, year, by_code)
        if partly and rng.random() < 0.35:
            change = replace(change, justification="")
        user = team.contributor if rng.random() < 0.7 else team.focal
        response_save(response=response, change=change, base_version=response.version, user=user)


def _level_code(response: Response) -> int | None | str:
    if response.not_applicable:
        return None
    return response.level.code if response.level else "unrated"


def _change_for(response, level, team: Team, rng, year, by_code) -> ResponseChange:
    base = ResponseChange(
        level_id=None, not_applicable=False, not_applicable_reason="", justification="",
        target_level_id=None, assignee_id=response.assignee_id,
    )  # fmt: skip
    if level is None:
        reason = texts.NOT_APPLICABLE_REASONS[(team.iso3, response.indicator.code)]
        return replace(base, not_applicable=True, not_applicable_reason=texts.demo(reason))
    justification = texts.justification(
        response.indicator.code, level, language=team.language,
        instruments=team.instruments, rng=rng, year=year, vocab=team.vocab,
    )  # fmt: skip
    target = min(4, level + rng.choice([1, 1, 2])) if level < 4 and rng.random() < 0.2 else None
    return replace(
        base, level_id=by_code[level].pk, justification=justification,
        target_level_id=by_code[target].pk if target is not None else None,
    )  # fmt: skip


def _add_evidence(assessment, team: Team, rng, year: int, share: float) -> None:
    """Legal references and web links on a share of the rated responses."""
    evidence = []
    rated = assessment.responses.filter(level__isnull=False).select_related(
        "indicator__recommendation"
    )
    for response in rated:
        if rng.random() < share:
            fields = texts.legal_reference(
                response.indicator.recommendation.code, language=team.language,
                instruments=team.instruments, rng=rng, iso3=team.iso3,
            )  # fmt: skip
            evidence.append(Evidence(response=response, kind=Evidence.Kind.LEGAL, **fields))
        if rng.random() < share / 2:
            fields = texts.web_link(language=team.language, rng=rng, iso3=team.iso3, year=year)
            evidence.append(Evidence(response=response, kind=Evidence.Kind.LINK, **fields))
    for item in evidence:
        item.created_by = team.contributor
    bulk_create_with_history(evidence, Evidence, default_user=team.contributor)


def _ask(assessment, team: Team, rng, *, code: str = "") -> Comment:
    """The analyst's question on an indicator (`code`, or a rated one picked at random)."""
    if code:
        response = assessment.responses.get(indicator__code=code)
        question = texts.RATING_QUESTIONS[team.language].format(**team.vocab)
    else:
        response = rng.choice(list(assessment.responses.filter(level__isnull=False).order_by("pk")))
        question = rng.choice(texts.ANALYST_QUESTIONS[team.language])
    return comment_add(response=response, user=team.analyst, body=texts.demo(question))


def _answer(comment: Comment, team: Team, rng, year: int) -> None:
    """The team's reply, with the inspection report attached; the analyst resolves the thread."""
    reply = texts.demo(texts.TEAM_REPLIES[team.language].format(y=year - 1, **team.vocab))
    comment_add(response=comment.response, user=team.contributor, body=reply)
    report = texts.inspection_report(language=team.language, iso3=team.iso3, year=year - 1)
    bulk_create_with_history(
        [Evidence(response=comment.response, kind=Evidence.Kind.LINK, created_by=team.contributor,
                  **report)],
        Evidence, default_user=team.contributor,
    )  # fmt: skip
    comment_resolve(comment=comment, user=team.analyst)


def _move(assessment, status, team: Team, rng, *, returned: bool) -> None:
    """Take the workflow to `status`; a returned round goes round the loop once first."""
    actions = [*_REVIEW, "return", *ACTIONS_TO[status]] if returned else ACTIONS_TO[status]
    question = None
    for action in actions:
        comment = ""
        if action == "return":
            question = _ask(assessment, team, rng, code=RETURN_QUESTION_ON)
            comment = texts.demo(texts.RETURN_COMMENTS[team.language])
        elif action == "submit" and question is not None:
            _answer(question, team, rng, int(assessment.round))  # before resubmitting
        user = team.focal if action == "submit" else team.analyst
        assessment_transition(assessment=assessment, action_name=action, user=user, comment=comment)


# Dates: each event moved back in time, in the order it happened, with plausible gaps.

# Office hours between one event and the next, by kind of event.
_GAP_HOURS = {"edit": (0.1, 6), "evidence": (0.05, 1), "comment": (1, 16), "transition": (8, 50)}


def _backdate(assessment: Assessment, rng: random.Random, *, current: bool) -> None:
    events = _events(assessment)
    gaps = [
        timedelta(hours=rng.uniform(*_GAP_HOURS[kind]))
        if index == 0 or when != events[index - 1][0]  # one bulk change stays one moment
        else timedelta(0)
        for index, (when, kind, _, _) in enumerate(events)
    ]
    if current:
        start = timezone.now() - 4 * sum(gaps, timedelta(days=1))
    else:
        start = datetime(int(assessment.round), rng.randint(2, 6), rng.randint(1, 28), tzinfo=UTC)
    start = start.replace(hour=rng.randint(8, 15), minute=rng.randint(0, 59))
    while start.weekday() >= 5:
        start += timedelta(days=1)
    if current:  # under way: moved by whole weeks (same office hours) to end in the last week
        weeks = (timezone.now() - timedelta(hours=2) - _timeline(start, gaps)[-1]) // timedelta(7)
        start += timedelta(weeks=weeks)
    moments = _timeline(start, gaps)
    for moment, (_, _, obj, field) in zip(moments[1:], events, strict=True):
        setattr(obj, field, moment)
    _save_dates(assessment, events, moments[0], moments[-1])


def _timeline(start: datetime, gaps: list[timedelta]) -> list[datetime]:
    """The start, then each event after its gap counted in office hours (8 to 18, weekdays)."""
    moments = [start if _in_office(start) else _next_morning(start)]
    for gap in gaps:
        moment = moments[-1]
        while moment + gap > (closing := moment.replace(hour=18, minute=0, second=0)):
            gap -= closing - moment
            moment = _next_morning(moment)
        moments.append(moment + gap)
    return moments


def _in_office(moment: datetime) -> bool:
    return moment.weekday() < 5 and 8 <= moment.hour < 18


def _next_morning(moment: datetime) -> datetime:
    moment = (moment + timedelta(days=1)).replace(hour=8, minute=0, second=0)
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    return moment


def _events(assessment: Assessment) -> list[tuple]:
    """(real time, kind, object, date field) of what was done on the round after creating it."""
    pk = assessment.pk
    events = [(r.history_date, "edit", r, "history_date")
              for r in Response.history.filter(assessment_id=pk).exclude(history_type="+")]  # fmt: skip
    events += [(r.history_date, "evidence", r, "history_date")
               for r in Evidence.history.filter(response__assessment_id=pk)]  # fmt: skip
    for comment in Comment.objects.filter(response__assessment_id=pk):
        events.append((comment.created_at, "comment", comment, "created_at"))
        if comment.resolved_at:
            events.append((comment.resolved_at, "comment", comment, "resolved_at"))
    events += [(t.created_at, "transition", t, "created_at") for t in assessment.transitions.all()]
    return sorted(events, key=lambda event: event[0])


def _save_dates(assessment: Assessment, events, start, end) -> None:
    by_model: dict[type, dict] = {}
    for _, _, obj, field in events:
        by_model.setdefault(type(obj), {"objects": {}, "fields": set()})
        by_model[type(obj)]["objects"][obj.pk] = obj
        by_model[type(obj)]["fields"].add(field)
    for model, changed in by_model.items():
        model.objects.bulk_update(changed["objects"].values(), sorted(changed["fields"]))
    # The assessment's own history: created at the start (by the focal point, whom
    # assessment_create does not name to the history), then one record per transition.
    records = list(Assessment.history.filter(id=assessment.pk).order_by("history_id"))
    transitions = [obj for _, kind, obj, _ in events if kind == "transition"]
    records[0].history_date, records[0].history_user_id = start, assessment.created_by_id
    for record, transition in zip(records[1:], transitions, strict=False):
        record.history_date = transition.created_at
    Assessment.history.model.objects.bulk_update(records, ["history_date", "history_user"])
    Assessment.objects.filter(pk=assessment.pk).update(created_at=start, updated_at=end)
    Response.history.filter(assessment_id=assessment.pk, history_type="+").update(
        history_date=start
    )
    assessment.responses.update(updated_at=start)
    last_edit = {obj.id: obj.history_date for _, kind, obj, _ in events if kind == "edit"}
    responses = list(assessment.responses.filter(pk__in=last_edit))
    for response in responses:
        response.updated_at = last_edit[response.pk]
    Response.objects.bulk_update(responses, ["updated_at"])
    added = {obj.id: obj.history_date for _, kind, obj, _ in events if kind == "evidence"}
    evidence = list(Evidence.objects.filter(pk__in=added))
    for item in evidence:
        item.created_at = added[item.pk]
    Evidence.objects.bulk_update(evidence, ["created_at"])
