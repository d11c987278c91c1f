"""The human side of the API: each user's personal tokens, and the API's documentation."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.compression import uncompressed
from frameworks.models import Framework

from .forms import ApiTokenForm
from .models import ApiToken
from .services import TokenRefused, api_token_create, api_token_revoke


def _example_url(request) -> str:
    """A comparison request to try a token with: the latest published framework's."""
    url = request.build_absolute_uri(reverse("api:comparison"))
    framework = Framework.objects.published().latest_versions().first()
    return f"{url}?framework={framework.slug}" if framework else url


def _get_token_for_user(user, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anybody else's."""
    return get_object_or_404(ApiToken.objects.owned_by(user), pk=pk)


@uncompressed  # the new key (config/compression.py)
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    """The user's tokens, and the form that makes one. The new key is shown in the answer
    to the POST itself, once: it is stored nowhere, not even in the session."""
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = api_token_create(user=request.user, **form.cleaned_data)
        except TokenRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "new_key": new_key,
        "tokens": ApiToken.objects.owned_by(request.user),
        "comparison_url": _example_url(request),
    }
    status = 400 if form.errors else 200
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request, pk):
    api_token_revoke(token=_get_token_for_user(request.user, pk))
    return redirect("api_pages:tokens")


@require_GET
def documentation(request):
    """How to sign in with a token, and every endpoint (Swagger UI, served from our own
    static files by drf-spectacular-sidecar, reading /api/schema/)."""
    context = {
        "schema_url": reverse("api:schema"),
        "comparison_url": _example_url(request),
    }
    return render(request, "api/documentation.html", context)
