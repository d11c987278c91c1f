"""The people and draft assessments that `make load` needs, in the serving database.

Run as `python -m load.prepare --users 50 --out PATH` with the server's environment. Each
simulated user is a contributor of one of a few countries outside the demo's 14 and owns a
block of indicators of its country's draft: nobody else edits them, so an optimistic-lock
conflict (409) can only come from a bug, not from two people typing in the same answer.

Safe to run again: users, memberships and drafts are reused; only the password is new
(one random password per run, hashed once for every user).
"""

import argparse
import json
import math
import os
import secrets
import sys
from pathlib import Path

USERNAME_PREFIX = "load-"
USERS_PER_COUNTRY = 10
DRAFT_ROUND = "2026"
REPORT_ASSESSMENTS = 2


def prepare(users: int) -> dict:
    """Create or reuse what the scenario needs; returns the plan that locustfile.py reads."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from accounts.models import Membership, User
    from assessment.models import Assessment, Response
    from assessment.services import assessment_create
    from frameworks.models import Framework

    framework = (
        Framework.objects.published().filter(slug="mpf-pillar-6").order_by("-version").first()
    )
    if framework is None:
        raise SystemExit("No published Pillar 6 framework: load the demo data first.")
    password = secrets.token_urlsafe(18)
    countries = _load_countries(math.ceil(users / USERS_PER_COUNTRY))
    plan_users = []
    with transaction.atomic():
        drafts = {}
        for country in countries:
            draft = Assessment.objects.filter(country=country, round=DRAFT_ROUND).first()
            if draft is None:
                draft = assessment_create(country=country, round=DRAFT_ROUND, framework=framework)
            if draft.status != Assessment.Status.DRAFT:
                Assessment.objects.filter(pk=draft.pk).update(status=Assessment.Status.DRAFT)
            drafts[country.pk] = draft
        hashed = make_password(password)
        for number in range(users):
            country = countries[number // USERS_PER_COUNTRY]
            username = f"{USERNAME_PREFIX}{number + 1:02d}"
            user, _created = User.objects.get_or_create(
                username=username, defaults={"first_name": "Load", "last_name": f"{number + 1}"}
            )
            User.objects.filter(pk=user.pk).update(password=hashed, is_active=True)
            Membership.objects.update_or_create(
                user=user, country=country, defaults={"role": Membership.Role.CONTRIBUTOR}
            )
            draft = drafts[country.pk]
            responses = list(
                Response.objects.filter(assessment=draft)
                .select_related("indicator__recommendation__area")
                .order_by(*Response._meta.ordering)
            )
            share = _share(responses, number % USERS_PER_COUNTRY, USERS_PER_COUNTRY)
            plan_users.append(
                {
                    "username": username,
                    "assessment": draft.pk,
                    "responses": [
                        {"pk": r.pk, "area": r.indicator.recommendation.area.code} for r in share
                    ],
                }
            )
    reports = _report_assessments(framework)
    _forget_built_reports(reports)
    levels = list(framework.levels.order_by("code").values_list("pk", flat=True))
    return {
        "password": password,
        "users": plan_users,
        "levels": levels,
        "framework": {"pk": framework.pk, "slug": framework.slug},
        "rounds": _countable_rounds(framework),
        "reports": reports,
    }


def _load_countries(count: int) -> list:
    """Countries without the demo's data: the ones a previous load run used first, then
    the first others by ISO code that have no assessment at all."""
    from assessment.models import Assessment
    from countries.models import Country
    from demo.people import GLOBAL_ANALYSIS_COUNTRIES

    used = list(
        Country.objects.filter(memberships__user__username__startswith=USERNAME_PREFIX)
        .distinct()
        .order_by("iso3")
    )
    if len(used) < count:
        busy = Assessment.objects.values("country_id")
        free = (
            Country.objects.exclude(iso3__in=GLOBAL_ANALYSIS_COUNTRIES)
            .exclude(pk__in=busy)
            .exclude(pk__in=[c.pk for c in used])
            .order_by("iso3")
        )
        used += list(free[: count - len(used)])
    if len(used) < count:
        raise SystemExit(f"Not enough countries without assessments for {count} load teams.")
    return used[:count]


def _share(responses: list, index: int, parts: int) -> list:
    """The index-th of `parts` contiguous, disjoint blocks of the responses (framework
    order), so that a user's indicators sit mostly in one area, as a person's would."""
    start, end = index * len(responses) // parts, (index + 1) * len(responses) // parts
    return responses[start:end]


def _countable_rounds(framework) -> list[str]:
    from assessment.models import Assessment

    rounds = Assessment.objects.published().filter(framework=framework)
    return sorted(set(rounds.values_list("round", flat=True)))


def _report_assessments(framework) -> list[int]:
    """A few published assessments whose country reports everybody may download: their
    reports do not change while the load's drafts are saved (other countries and round)."""
    from assessment.models import Assessment

    published = (
        Assessment.objects.published().filter(framework=framework).exclude(round=DRAFT_ROUND)
    )
    return list(published.order_by("-round", "country__iso3").values_list("pk", flat=True))[
        :REPORT_ASSESSMENTS
    ]


def _forget_built_reports(assessment_ids: list[int]) -> None:
    """Every run builds its reports again (each of the 5 countries' users sees its own
    version of a report): the scenario then polls real builds, not reports of a past run."""
    from reports.models import ReportFile

    for report in ReportFile.objects.filter(assessment_id__in=assessment_ids):
        if report.file:
            report.file.delete(save=False)
        report.delete()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    plan = prepare(args.users)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(plan, indent=1), encoding="utf-8")
    args.out.chmod(0o600)
    print(
        f"Prepared {len(plan['users'])} load users in "
        f"{len({u['assessment'] for u in plan['users']})} draft assessments."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
