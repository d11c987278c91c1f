"""What the audit trail records, by kind, with the names the audit page shows.

The events are named where they happen (config.security.audit("sign_in", ...)); an event
missing here is still recorded and shown under its own name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SIGN_IN = "sign_in", _("Sign-ins and sign-outs")
    ACCOUNT = "account", _("Passwords, e-mail addresses and two-factor sign-in")
    TEAM = "team", _("Teams, invitations and roles")
    WORKFLOW = "workflow", _("Workflow transitions")
    EXPORT = "export", _("Exports and reports of unpublished data")
    REFUSAL = "refusal", _("Refusals")


EVENTS = {
    "sign_in": (Kind.SIGN_IN, _("Signed in")),
    "sign_in_failed": (Kind.SIGN_IN, _("Failed sign-in")),
    "sign_in_locked_out": (Kind.SIGN_IN, _("Locked out after failed sign-ins")),
    "sign_in_recovery_code": (Kind.SIGN_IN, _("Signed in with a recovery code")),
    "sign_out": (Kind.SIGN_IN, _("Signed out")),
    "session_expired": (Kind.SIGN_IN, _("Session ended")),
    "password_changed": (Kind.ACCOUNT, _("Password changed")),
    "password_reset_requested": (Kind.ACCOUNT, _("Password reset asked for")),
    "password_reset_done": (Kind.ACCOUNT, _("Password reset")),
    "email_change_requested": (Kind.ACCOUNT, _("E-mail address change asked for")),
    "email_changed": (Kind.ACCOUNT, _("E-mail address changed")),
    "two_factor_enabled": (Kind.ACCOUNT, _("Two-factor sign-in switched on")),
    "two_factor_disabled": (Kind.ACCOUNT, _("Two-factor sign-in switched off")),
    "recovery_codes_created": (Kind.ACCOUNT, _("New recovery codes")),
    "invitation_sent": (Kind.TEAM, _("Invitation sent")),
    "invitation_resent": (Kind.TEAM, _("Invitation sent again")),
    "invitation_revoked": (Kind.TEAM, _("Invitation revoked")),
    "invitation_accepted": (Kind.TEAM, _("Invitation accepted")),
    "invitation_refused": (Kind.TEAM, _("Invitation refused to another account")),
    "role_changed": (Kind.TEAM, _("Role changed")),
    "member_removed": (Kind.TEAM, _("Member removed")),
    "staff_role_changed": (Kind.TEAM, _("IGF role changed")),
    "workflow_transition": (Kind.WORKFLOW, _("Workflow transition")),
    "publication_scheduled": (Kind.WORKFLOW, _("Publication scheduled")),
    "publication_cancelled": (Kind.WORKFLOW, _("Scheduled publication cancelled")),
    "edition_issued": (Kind.WORKFLOW, _("PDF edition issued")),
    "edition_correction_requested": (Kind.WORKFLOW, _("Corrected PDF edition asked for")),
    "regional_report_published": (Kind.WORKFLOW, _("Regional report published")),
    "export_unpublished": (Kind.EXPORT, _("Export of unpublished data")),
    "report_downloaded": (Kind.EXPORT, _("Report of unpublished data downloaded")),
    "api_token_read_unpublished": (Kind.EXPORT, _("API token read unpublished data")),
    "access_refused": (Kind.REFUSAL, _("Access refused")),
    "access_not_found": (Kind.REFUSAL, _("Not found or not allowed")),
    "api_refused": (Kind.REFUSAL, _("API request refused")),
    "rate_limited": (Kind.REFUSAL, _("Too many requests")),
}


def events_of(kinds) -> list[str]:
    """The names of the events of these kinds."""
    return [name for name, (kind, _label) in EVENTS.items() if kind in kinds]


def label_of(event: str) -> str:
    return str(EVENTS[event][1]) if event in EVENTS else event.replace("_", " ")
