"""What the accessibility and HTML checks look at: the demo data set (with a few additions
that only a user's action would create) and the main pages of every role.

A page is a URL built from the data set once it is loaded; some pages are what a button
on that URL leads to (a failed submit's list of missing answers).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, User
from accounts.roles import visibility_class
from api.services import api_token_create
from assessment.models import Assessment
from countries.models import Country
from demo.people import DEMO_PASSWORD
from frameworks.models import Framework
from plans.models import Action
from practices.models import CaseStudy
from reports.models import ReportFile
from scores.models import CountryGroup

PASSWORD = DEMO_PASSWORD
# Who signs in for each role (demo people); anonymous visitors do not sign in.
USERNAMES = {
    "anonymous": None,
    "contributor": "sen-contributor",
    "focal point": "sen-focal",
    "analyst": "analyst",
    "administrator": "admin",
}


@dataclass(frozen=True)
class DataSet:
    """The objects the pages are about."""

    framework: Framework
    sen_2024: Assessment  # published, with an action plan whose actions were followed up
    sen_2026: Assessment  # a draft about a third rated, an open question, an action plan
    ecu_2026: Assessment  # a draft returned once by the analyst
    dom_2026: Assessment  # submitted: the analyst may start the review
    kgz_2026: Assessment  # in review: the analyst may return or validate it
    action: Action  # of Senegal's 2026 plan, with a progress note and an analyst's question
    group: CountryGroup  # the analyst's saved group of countries
    invitation_tokens: dict[str, str]  # role -> raw token of an invitation shown to that role
    reports: dict[str, ReportFile]  # role -> a PDF report of theirs (done or still queued)


def load_data_set() -> DataSet:
    """The demo data (`manage.py load_demo`) and what the pages also need."""
    call_command("load_demo", stdout=StringIO())
    rounds = Assessment.objects.select_related("country", "framework")
    by_key = {(a.country.iso3, a.round): a for a in rounds.filter(is_demo=True)}
    sen_2024, sen_2026 = by_key["SEN", "2024"], by_key["SEN", "2026"]
    people = User.objects.in_bulk(["sen-focal", "analyst"], field_name="username")
    # Only the invited address's account may accept: the contributor's invitation is theirs.
    User.objects.filter(username="sen-contributor").update(email="sen-contributor@example.org")
    expires_on = timezone.localdate() + timedelta(days=30)
    api_token_create(user=people["analyst"], name="Regional notebook", expires_on=expires_on)
    return DataSet(
        framework=sen_2026.framework,
        sen_2024=sen_2024,
        sen_2026=sen_2026,
        ecu_2026=by_key["ECU", "2026"],
        dom_2026=by_key["DOM", "2026"],
        kgz_2026=by_key["KGZ", "2026"],
        action=Action.objects.filter(problem__plan__assessment=sen_2026).order_by("pk").first(),
        group=_analyst_group(people["analyst"]),
        invitation_tokens={
            "anonymous": _invitation("new.colleague@example.org", people["sen-focal"]),
            "contributor": _invitation("sen-contributor@example.org", people["sen-focal"]),
        },
        reports={
            "focal point": _report(people["sen-focal"], sen_2024, ReportFile.Status.DONE),
            "analyst": _report(people["analyst"], None, ReportFile.Status.QUEUED),
        },
    )


def _analyst_group(analyst: User) -> CountryGroup:
    group = CountryGroup.objects.create(name="Sahel and Andes", owner=analyst)
    group.countries.set(Country.objects.filter(iso3__in=["SEN", "MRT", "ECU", "PAN"]))
    return group


def _invitation(email: str, invited_by: User) -> str:
    senegal = invited_by.memberships.get().country
    invitation = Invitation(
        country=senegal, email=email, role=Membership.Role.CONTRIBUTOR, invited_by=invited_by
    )
    token = invitation.set_new_token()
    invitation.save()
    return token


def _report(user: User, assessment: Assessment | None, status: str) -> ReportFile:
    kind = ReportFile.Kind.COUNTRY if assessment else ReportFile.Kind.REGIONAL
    return ReportFile.objects.create(
        kind=kind, assessment=assessment, language="en", visibility=visibility_class(user),
        subject=f"a11y-{user.pk}", fingerprint=f"a11y-{user.pk}", status=status,
        filename=f"a11y-{kind}.pdf", created_by=user,
    )  # fmt: skip


@dataclass(frozen=True)
class AuditedPage:
    role: str
    name: str
    url: Callable[[DataSet], str]
    # A button (CSS selector) pressed once the URL is open: the page checked is its result.
    press: str = ""
    status: int = 200

    @property
    def id(self) -> str:
        return f"{self.role}: {self.name}"

    @property
    def test_id(self) -> str:
        return f"{self.role}/{self.name}".replace(" ", "_")


def _page(role: str, name: str, view: str, *args, query="", press: str = "", status=200):
    """A page at reverse(view, args) + query, where each arg and the query are constants
    or functions of the data set."""

    def url(data: DataSet) -> str:
        values = [arg(data) if callable(arg) else arg for arg in args]
        return reverse(view, args=values) + (query(data) if callable(query) else query)

    return AuditedPage(role, name, url, press, status)


def _pk(name: str) -> Callable[[DataSet], int]:
    return lambda data: getattr(data, name).pk


def _token(role: str) -> Callable[[DataSet], str]:
    return lambda data: data.invitation_tokens[role]


def _report_pk(role: str) -> Callable[[DataSet], int]:
    return lambda data: data.reports[role].pk


_framework_version = (lambda d: d.framework.slug, lambda d: d.framework.version)
_sen_2026, _sen_2024 = _pk("sen_2026"), _pk("sen_2024")


def _validated_pk(data: DataSet) -> int:
    """A validated round not published yet: Namibia's 2026 in the demo."""
    return Assessment.objects.get(country__iso3="NAM", round="2026").pk


_action = _pk("action")

PAGES = [
    _page("anonymous", "home", "home"),
    _page("anonymous", "frameworks", "frameworks:list"),
    _page("anonymous", "framework browser", "frameworks:detail", *_framework_version),
    _page("anonymous", "countries", "countries:list"),
    _page("anonymous", "a country", "countries:detail", "SEN"),
    _page("anonymous", "sign-in", "accounts:login"),
    _page("anonymous", "comparison", "scores:compare"),
    _page("anonymous", "published dashboard", "scores:dashboard", _sen_2024),
    _page("anonymous", "published results", "publications:landing"),
    _page("anonymous", "a country's published results", "publications:country", "SEN"),
    _page("anonymous", "a published assessment", "publications:assessment", "SEN", "2024"),
    _page("anonymous", "its public dashboard", "publications:dashboard", "SEN", "2024"),
    _page("anonymous", "its PDF editions", "publications:editions", "SEN", "2024"),
    _page("anonymous", "open data", "publications:open_data"),
    _page("anonymous", "invitation to sign up", "accounts:invitation_accept", _token("anonymous")),
    _page("anonymous", "page not found", "countries:detail", "XYZ", status=404),
    _page("anonymous", "forgot your password", "accounts:password_reset"),
    _page("anonymous", "password reset sent", "accounts:password_reset_done"),
    _page("anonymous", "licence and credits", "about"),
    _page("anonymous", "API documentation", "api_pages:docs"),
    _page("anonymous", "case studies", "practices:case_list", query="?region=419"),
    _page(
        "anonymous",
        "a case study in Portuguese",
        "practices:case",
        lambda d: CaseStudy.objects.filter(language="pt").first().pk,
    ),
    _page("anonymous", "search", "practices:search", query="?q=cooperativa"),
    _page("contributor", "my work", "workspace:my_work"),
    _page(
        "contributor",
        "filling area 6.1, unrated only",
        "assessment:area",
        _sen_2026,
        "6.1",
        query="?show=unrated",
    ),
    _page("contributor", "assessments", "assessment:list"),
    _page("contributor", "draft assessment", "assessment:detail", _sen_2026),
    _page("contributor", "filling area 6.1", "assessment:area", _sen_2026, "6.1"),
    _page("contributor", "filling area 6.2", "assessment:area", _sen_2026, "6.2"),
    _page("contributor", "filling area 6.3", "assessment:area", _sen_2026, "6.3"),
    _page("contributor", "team", "accounts:team", "SEN"),
    _page("contributor", "draft dashboard", "scores:dashboard", _sen_2026),
    _page("contributor", "ASM profile form", "assessment:profile", _sen_2026),
    _page(
        "contributor",
        "evidence form without JavaScript",
        "assessment:evidence_form",
        _sen_2026,
        lambda data: data.sen_2026.responses.order_by("pk").first().pk,
    ),  # fmt: skip
    _page("contributor", "workbook upload", "assessment:workbook_upload", _sen_2026),
    _page("contributor", "plan", "plans:detail", _sen_2026),
    _page("contributor", "plan gaps", "plans:gaps", _sen_2026),
    _page("contributor", "plan timeline", "plans:timeline", _sen_2026),
    _page("contributor", "plan action", "plans:action", _sen_2026, _action),
    _page("contributor", "invitation", "accounts:invitation_accept", _token("contributor")),
    _page(
        "contributor",
        "invitation for another account",
        "accounts:invitation_accept",
        _token("anonymous"),
        status=403,
    ),  # fmt: skip
    _page("contributor", "account", "accounts:account"),
    _page("contributor", "password change", "accounts:password_change"),
    _page("contributor", "e-mail address change", "accounts:email_change"),
    _page(
        "focal point",
        "missing answers after a failed submit",
        "assessment:detail",
        _sen_2026,
        press="form[action$='/transition/submit/'] button[type=submit]",
        status=400,
    ),
    _page("focal point", "team", "accounts:team", "SEN"),
    _page("focal point", "audit trail", "audit:list"),
    _page("focal point", "invite", "accounts:invite", "SEN"),
    _page("focal point", "new assessment", "assessment:new"),
    _page("focal point", "plan vision", "plans:vision", _sen_2026),
    _page("focal point", "new action", "plans:action_new", _sen_2026),
    _page("focal point", "edit action", "plans:action_edit", _sen_2026, _action),
    _page("focal point", "plan institutions", "plans:institutions", _sen_2026),
    _page("focal point", "plan import", "plans:import", _sen_2026),
    _page("focal point", "plan practices", "plans:practices", _sen_2026),
    _page("focal point", "peers who do it well", "practices:peers", _sen_2026, "6.1.2.a"),
    _page("focal point", "search", "practices:search", query="?q=permis"),
    _page("focal point", "published dashboard", "scores:dashboard", _sen_2024),
    _page("focal point", "plan followed up", "plans:detail", _sen_2024),
    _page("focal point", "country report preview", "reports:country_preview", _sen_2024),
    _page(
        "focal point",
        "country report across versions",
        "reports:country_preview",
        _sen_2026,
        query="?language=fr",
    ),
    _page("focal point", "report ready", "reports:status", _report_pk("focal point")),
    _page("analyst", "my work", "workspace:my_work"),
    _page(
        "analyst",
        "review queue: submitted, Africa",
        "workspace:my_work",
        query="?status=submitted&region=africa",
    ),
    _page("analyst", "assessments", "assessment:list"),
    _page(
        "analyst",
        "comparison with drafts",
        "scores:compare",
        query="?include_drafts=on&round=2024&round=2026",
    ),
    _page(
        "analyst",
        "comparison of a saved group",
        "scores:compare",
        query=lambda data: f"?grouping=group:{data.group.pk}",
    ),
    _page(
        "analyst",
        "comparison by a fact of the ASM profiles",
        "scores:compare",
        query="?profile=national_action_plan",
    ),
    _page("analyst", "ASM profile of a draft", "assessment:profile", _pk("ecu_2026")),
    _page(
        "analyst",
        "framework version 1",
        "frameworks:detail",
        lambda d: d.framework.slug,
        lambda d: d.framework.previous_version.version,
    ),
    _page("analyst", "new case study", "practices:case_new"),
    _page(
        "analyst",
        "edit a case study",
        "practices:case_edit",
        lambda d: CaseStudy.objects.filter(language="en").first().pk,
    ),
    _page("analyst", "groups", "scores:groups"),
    _page("analyst", "public page preview and schedule", "publications:preview", _validated_pk),
    _page("analyst", "regional reports to publish", "publications:regional_reports"),
    _page("analyst", "new group", "scores:group_create"),
    _page("analyst", "edit group", "scores:group_edit", _pk("group")),
    _page("analyst", "delete group", "scores:group_delete", _pk("group")),
    _page("analyst", "submitted assessment", "assessment:detail", _pk("dom_2026")),
    _page("analyst", "assessment in review", "assessment:detail", _pk("kgz_2026")),
    _page("analyst", "area in review", "assessment:area", _pk("kgz_2026"), "6.3"),
    _page("analyst", "returned draft", "assessment:detail", _pk("ecu_2026")),
    _page("analyst", "draft dashboard", "scores:dashboard", _pk("ecu_2026")),
    _page("analyst", "regional report preview", "reports:regional_preview"),
    _page("analyst", "report being written", "reports:status", _report_pk("analyst")),
    _page("analyst", "API tokens", "api_pages:tokens"),
    _page("administrator", "my work", "workspace:my_work"),
    _page("administrator", "assessments", "assessment:list"),
    _page("administrator", "teams", "accounts:team_index"),
    _page("administrator", "a team", "accounts:team", "ECU"),
    _page("administrator", "two-factor sign-in", "accounts:two_factor"),
    _page("administrator", "audit trail", "audit:list", query="?kinds=sign_in&kinds=workflow"),
]
ROLES = list(USERNAMES)
