"""The audit page: what happened, who did it, when; filtered by kind, country, user and day."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from countries.models import Country

from .forms import AuditFilterForm
from .models import AuditEvent, focal_point_countries, may_read_audit, retention_days

PER_PAGE = 50
ONLY_ADMINS_AND_FOCAL_POINTS = _(
    "The audit trail is for administrators, and for focal points about their country."
)


@login_required
@require_GET
def event_list(request):
    if not may_read_audit(request.user):
        raise PermissionDenied(ONLY_ADMINS_AND_FOCAL_POINTS)
    events = AuditEvent.objects.readable_by(request.user).select_related("country", "user")
    form = AuditFilterForm(request.GET or None, countries=_countries_for(request.user))
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "show_addresses": request.user.is_superuser,
        "retention_days": retention_days(),
    }
    return render(request, "audit/list.html", context)


def _countries_for(user):
    """The countries in the country filter: every one for administrators, else the user's."""
    if user.is_superuser:
        return Country.objects.all()
    return Country.objects.filter(pk__in=focal_point_countries(user))
