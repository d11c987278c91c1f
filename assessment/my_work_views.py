"""The "My work" page: where a signed-in person lands, and what they should do next."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Invitation
from countries.models import Country

from . import my_work
from .models import Assessment, Notification, NotificationPreference

PREFERENCES_SAVED = _("Your e-mail preferences are saved.")


class QueueFilterForm(forms.Form):
    """The review queue's filters, read from the query string."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    round = forms.ChoiceField(label=_("Round"), required=False)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Waiting for review (submitted or in review)")),
            *Assessment.Status.choices,
        ]
        self.fields["region"].choices = [("", _("All regions")), *Country.IgfRegion.choices]
        self.fields["round"].choices = [("", _("All rounds")), *[(r, r) for r in rounds]]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status")
        return {
            "statuses": [status] if status else my_work.QUEUE_DEFAULT_STATUSES,
            "region": data.get("region", ""),
            "round": data.get("round", ""),
        }


@login_required
@require_GET
def my_work_page(request):
    user = request.user
    context = {"countries": my_work.country_work(user)}
    if user.is_igf_staff:
        form = QueueFilterForm(request.GET or None, rounds=my_work.queue_rounds(user))
        filters = form.filters()
        context |= {
            "queue_form": form,
            "queue": list(my_work.review_queue(user, **filters)),
            "queue_counts": my_work.queue_counts(
                user, region=filters["region"], round=filters["round"]
            ),
            "status_choices": Assessment.Status.choices,
        }
    if user.is_superuser:
        context |= {
            "invitations": Invitation.objects.pending()
            .select_related("country", "invited_by")
            .order_by("expires_at"),
            "locked": list(my_work.locked_accounts()[:50]),
        }
    return render(request, "assessment/my_work.html", context)


class NotificationPreferenceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("E-mail me when"), required=False, choices=Notification.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )  # fmt: skip
    daily_digest = forms.BooleanField(
        label=_("One e-mail a day"), required=False,
        help_text=_("Gather the day's notifications into one e-mail instead of one each."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )  # fmt: skip
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    user = request.user
    preference = NotificationPreference.objects.filter(user=user).first()
    switched_off = set(preference.switched_off) if preference else set()
    initial = {
        "kinds": [kind for kind in Notification.values if kind not in switched_off],
        "daily_digest": bool(preference and preference.daily_digest),
        "language": user.preferred_language or request.LANGUAGE_CODE,
    }
    form = NotificationPreferenceForm(request.POST or None, initial=initial)
    if form.is_valid():
        chosen = set(form.cleaned_data["kinds"])
        NotificationPreference.objects.update_or_create(
            user=user,
            defaults={
                "switched_off": [kind for kind in Notification.values if kind not in chosen],
                "daily_digest": form.cleaned_data["daily_digest"],
            },
        )
        user.preferred_language = form.cleaned_data["language"]
        user.save(update_fields=["preferred_language"])
        messages.success(request, PREFERENCES_SAVED)
        return redirect("workspace:notifications")
    return render(request, "assessment/notifications.html", {"form": form})
