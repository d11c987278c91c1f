from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("csp-report/", views.csp_report, name="csp_report"),
    # The JSON API has no language prefix: it takes ?lang= or Accept-Language.
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("about/<slug:name>.txt", views.legal_text, name="legal_text"),
    path("accounts/", include("accounts.urls")),
    path("frameworks/", include("frameworks.urls")),
    path("countries/", include("countries.urls")),
    path("my-work/", include("assessment.my_work_urls")),
    path("results/", include("publications.urls")),
    path("assessments/", include("assessment.urls")),
    path("plans/", include("plans.urls")),
    path("reports/", include("reports.urls")),
    path("practices/", include("practices.urls")),
    path("audit/", include("audit.urls")),
    path("api/", include("api.page_urls")),
    path("", include("scores.urls")),
    # The admin signs in through the site's own sign-in: two-factor code, lockout, audit log.
    path("admin/login/", views.admin_sign_in),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
