"""E-mails that tell people what happened to their assessments, in each person's language.

`notify()` decides who is told (never the person who did it), honours each person's
preferences (a kind switched off; a daily digest instead of one e-mail each) and queues the
e-mails through the task queue (`config/mail.py`). The writers run in the task worker: they
read the assessment again through the visibility policy, so a person who may no longer read
it is told nothing, and they make the links then.

`send_daily()` (`manage.py send_daily_notifications`, once a day) queues the digests and the
reminders 14 and 3 days before a round's submission deadline and an assignment's due date.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from config.mail import Email, email_writer, one_line, send_email_on_commit

from .models import (
    Assessment,
    Notification,
    NotificationPreference,
    PendingNotification,
    Response,
    RoundDeadline,
    SentReminder,
)

REMINDER_DAYS = (14, 3)
# The workflow actions that tell somebody, and what they are called in e-mails.
ACTION_NOTIFICATIONS = {
    "submit": Notification.SUBMITTED,
    "return": Notification.RETURNED,
    "validate": Notification.VALIDATED,
    "publish": Notification.PUBLISHED,
}


def language_of(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def team_of(assessment: Assessment):
    """The country's team: its focal points and contributors."""
    return User.objects.filter(memberships__country=assessment.country_id, is_active=True)


def notify(*, kind: str, recipients, assessment: Assessment, actor=None, response=None,
           base_url: str) -> int:  # fmt: skip
    """Tell `recipients` (users) about `kind`, except `actor`; returns how many are told."""
    people = {user.pk: user for user in recipients if user.is_active and user.email}
    people.pop(getattr(actor, "pk", None), None)
    preferences = NotificationPreference.objects.in_bulk(list(people), field_name="user_id")
    told = 0
    for user in people.values():
        preference = preferences.get(user.pk)
        if preference and kind in preference.switched_off:
            continue
        told += 1
        if preference and preference.daily_digest:
            PendingNotification.objects.create(
                user=user, kind=kind, assessment=assessment, response=response
            )
            continue
        send_email_on_commit(
            notification_email, user_id=user.pk, kind=kind, assessment_id=assessment.pk,
            response_id=getattr(response, "pk", None), base_url=base_url,
            language=language_of(user),
        )  # fmt: skip
    return told


def notify_transition(*, transition, base_url: str) -> int:
    """A submission tells the IGF analysts and the team; a return, a validation or a
    publication tells the team."""
    kind = ACTION_NOTIFICATIONS.get(transition.action)
    if kind is None:
        return 0
    assessment = transition.assessment
    recipients = list(team_of(assessment))
    if kind == Notification.SUBMITTED:
        recipients += list(User.objects.filter(is_analyst=True, is_active=True))
    return notify(kind=kind, recipients=recipients, assessment=assessment,
                  actor=transition.user, base_url=base_url)  # fmt: skip


def notify_comment(*, comment, base_url: str) -> int:
    """A new comment tells the person the indicator is assigned to, the person who last
    answered it and everybody who commented on it before."""
    response = comment.response
    # Who created the round "saved" every empty answer (version 0): not an author.
    ids = {response.assignee_id, response.updated_by_id if response.version else None}
    ids |= set(response.comments.exclude(pk=comment.pk).values_list("author_id", flat=True))
    recipients = User.objects.filter(pk__in=[pk for pk in ids if pk])
    return notify(kind=Notification.COMMENT, recipients=recipients,
                  assessment=response.assessment, response=response, actor=comment.author,
                  base_url=base_url)  # fmt: skip


def _item(user, kind: str, assessment_id: int, response_id, base_url: str) -> dict | None:
    """What an e-mail says of one notification, or None when the person may not read it."""
    readable = Assessment.objects.readable_by(user).select_related("country")
    assessment = readable.filter(pk=assessment_id).first()
    if assessment is None:
        return None
    url = base_url + assessment.get_absolute_url()
    response = None
    if response_id:
        response = (
            Response.objects.select_related("indicator__recommendation__area")
            .filter(pk=response_id, assessment=assessment)
            .first()
        )
        if response:
            area = response.indicator.recommendation.area.code
            path = reverse("assessment:area", args=[assessment.pk, area])
            url = f"{base_url}{path}#{response.indicator.anchor}"
    item = {"kind": kind, "assessment": assessment, "response": response, "url": url}
    if kind == Notification.COMMENT and response:
        item["comment"] = response.comments.select_related("author").order_by("-pk").first()
    elif kind == Notification.REMINDER:
        item |= deadlines_of(assessment, user)
    else:
        item["transition"] = assessment.transitions.select_related("user").order_by("-pk").first()
    return item


@email_writer
def notification_email(*, user_id: int, kind: str, assessment_id: int, response_id=None,
                       base_url: str, language: str) -> Email | None:  # fmt: skip
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return None
    with translation.override(language):
        item = _item(user, kind, assessment_id, response_id, base_url)
        if item is None:
            return None
        context = {"user": user, "item": item, "settings_url": _settings_url(base_url)}
        subject = render_to_string("assessment/email/notification_subject.txt", context)
        body = render_to_string("assessment/email/notification.txt", context)
    return Email(one_line(subject), body, [user.email])


@email_writer
def digest_email(*, user_id: int, base_url: str, language: str) -> Email | None:
    """The day's notifications of one person, in one e-mail; they are then forgotten."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    pending = PendingNotification.objects.filter(user_id=user_id).order_by("created_at", "pk")
    rows = list(pending.values_list("pk", "kind", "assessment_id", "response_id"))
    PendingNotification.objects.filter(pk__in=[row[0] for row in rows]).delete()
    if user is None or not user.email:
        return None
    with translation.override(language):
        items = [_item(user, kind, a, r, base_url) for _pk, kind, a, r in rows]
        items = [item for item in items if item]
        if not items:
            return None
        context = {"user": user, "items": items, "settings_url": _settings_url(base_url)}
        subject = render_to_string("assessment/email/digest_subject.txt", context)
        body = render_to_string("assessment/email/digest.txt", context)
    return Email(one_line(subject), body, [user.email])


def _settings_url(base_url: str) -> str:
    return base_url + reverse("workspace:notifications")


# Once a day


def send_daily(*, today: datetime.date | None = None, base_url: str) -> dict:
    """Queue the digests and the deadline reminders due today; safe to run twice a day."""
    today = today or timezone.localdate()
    digests = 0
    for user_id in set(PendingNotification.objects.values_list("user_id", flat=True)):
        user = User.objects.get(pk=user_id)
        send_email_on_commit(digest_email, user_id=user_id, base_url=base_url,
                             language=language_of(user))  # fmt: skip
        digests += 1
    return {"digests": digests, "reminders": _remind(today, base_url)}


def _remind(today: datetime.date, base_url: str) -> int:
    """Round deadlines: the team of every unsubmitted assessment of the round. Due dates:
    the person each unanswered indicator is assigned to (once per assessment and date)."""
    reminded = 0
    dates = [today + datetime.timedelta(days=days) for days in REMINDER_DAYS]
    for deadline in RoundDeadline.objects.filter(submission_deadline__in=dates):
        days = (deadline.submission_deadline - today).days
        drafts = Assessment.objects.filter(round=deadline.round, status=Assessment.Status.DRAFT)
        for assessment in drafts.select_related("country"):
            for user in team_of(assessment):
                key = f"round:{assessment.pk}:{deadline.submission_deadline}:{days}:{user.pk}"
                reminded += _remind_once(key, user, assessment, base_url)
    due = Response.objects.filter(
        due_date__in=dates, assignee__isnull=False,
        assessment__status=Assessment.Status.DRAFT, level__isnull=True, not_applicable=False,
    ).select_related("assessment", "assignee")  # fmt: skip
    for response in due:
        days = (response.due_date - today).days
        key = f"due:{response.assessment_id}:{response.due_date}:{days}:{response.assignee_id}"
        reminded += _remind_once(key, response.assignee, response.assessment, base_url)
    return reminded


def _remind_once(key: str, user, assessment, base_url: str) -> int:
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key)
    except IntegrityError:
        return 0
    return notify(kind=Notification.REMINDER, recipients=[user], assessment=assessment,
                  base_url=base_url)  # fmt: skip


def deadlines_of(assessment: Assessment, user) -> dict:
    """The round's submission deadline and the person's nearest due date, for reminders."""
    deadline = RoundDeadline.objects.filter(round=assessment.round).first()
    mine = assessment.responses.filter(assignee=user, due_date__isnull=False, level__isnull=True,
                                       not_applicable=False)  # fmt: skip
    nearest = mine.order_by("due_date").values_list("due_date", flat=True).first()
    count = mine.filter(due_date=nearest).count() if nearest else 0
    return {"deadline": deadline.submission_deadline if deadline else None,
            "due_date": nearest, "due_count": count}  # fmt: skip
