"""Settings, all read from the environment, with safe defaults for a developer's machine.

Production sets DEBUG=0 (the default when DJANGO_ENV=production), SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL (PostgreSQL) and optionally REDIS_URL. See the configuration table in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from countries.names import igf_names

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the application refuses to start without "
            "a secret key: set the SECRET_KEY environment variable to a long random string "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    # Only with DEBUG on (a developer's machine): refused above otherwise.
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The AGPL asks that users over a network be offered the source code of the version that
# runs: the footer's "Source code" link. Set it to where this deployment's code can be
# downloaded (a repository or an archive, with any local changes); without it the link leads
# to the About page, and `check --deploy` warns.
SOURCE_CODE_URL = os.environ.get("SOURCE_CODE_URL", "")
# The site's public address, for the links of e-mails written without a request (the daily
# digests and deadline reminders of `manage.py send_daily_notifications`).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The organisation that issues the PDF reports, on their cover (none by default, nor in the
# demo): its name, and its logo as a path under static/ (PNG or SVG), e.g. "img/logo.svg".
REPORT_ORGANISATION_NAME = os.environ.get("REPORT_ORGANISATION_NAME", "")
REPORT_ORGANISATION_LOGO = os.environ.get("REPORT_ORGANISATION_LOGO", "")

# Demo mode loads synthetic data and shows a banner; it can never be on in production.
DEMO_MODE = env_bool("DEMO_MODE", False) and not PRODUCTION

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from static/: no CDN
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "config",  # management commands: `manage.py doctor`
    "accounts",
    "countries",
    "frameworks",
    "assessment",
    "audit",
    "charts",
    "scores",
    "plans",
    "reports",
    "practices",
    "publications",
    "demo",
    "api",
]

MIDDLEWARE = [
    # First: it compresses the finished answer, after every other middleware has written it.
    "config.compression.CompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files keep their long cache), and first to see the finished
    # response of everything else: private, no-store for signed-in users.
    "config.caching.CacheControlMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.NulInPathMiddleware",  # after the language: its 404 page is translated
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.security.RefusedAccessLogMiddleware",
    "config.ratelimit.RateLimitMiddleware",
    # Last, as django-axes asks: it turns a flagged sign-in attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "config.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Several people save at once: WAL lets readers go on during a write, IMMEDIATE
    # transactions take the write lock up front (no upgrade deadlock), and a busy
    # timeout makes a writer wait for the lock instead of failing at once.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    # A file (not memory) so tests see WAL and locking as production does; one per test
    # process so parallel runs do not collide.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["TEST"] = {"NAME": f"test_mpf_{os.getpid()}"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:my_work"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source language and the fallback for model text.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Country names as IGF writes them ("Kyrgyz Republic"), in the four languages, over
# django-countries' names: fixtures/countries.yaml keeps them with the reason for each.
COUNTRIES_OVERRIDE = igf_names()
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
# One date and time format per language (config/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Outside production WhiteNoise serves straight from static/, no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EVIDENCE_MAX_UPLOAD_BYTES = int(os.environ.get("EVIDENCE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
# Django holds bigger request bodies on disk rather than in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
        # The rate limits' counters (config/ratelimit.py), shared by every app server. Its
        # errors are not ignored: when Redis is down the limits are counted per process
        # instead, and the error is logged (README, Rate limits).
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ratelimit",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        },
    }

# Background work (PDF reports) with django-tasks and its database backend: the worker
# (`manage.py db_worker`) needs nothing but the application's own database.
# The licence of the published open data (results pages, CSV and Excel files, public API).
OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = os.environ.get(
    "OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# The read-only JSON API (api/): token or session sign-in, anonymous readers welcome (they
# see published figures only), JSON only, and a modest rate for anonymous callers.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "60/min"),
        "user": os.environ.get("API_USER_RATE", "600/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # DRF's answers, plus refusals written to the audit trail.
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MPF Pillar 6 self-assessment API",
    "DESCRIPTION": (
        "Read-only figures of the Mining Policy Framework Pillar 6 self-assessments: "
        "frameworks, countries, assessments' scores and regional comparisons. Anonymous "
        "callers see published assessments only; sign in with a session or send "
        "`Authorization: Token <key>` with a personal API token (made on the site's API tokens "
        "page) to see what your account may see. Labels follow "
        "`?lang=` (en, fr, es, pt) or the Accept-Language header."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AssessmentStatusEnum": "assessment.models.Assessment.Status",
        "FrameworkStatusEnum": "frameworks.models.Framework.Status",
        "RatingStatusEnum": "assessment.scoring.RatingStatus",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")
# Every e-mail is sent by the task worker after the transaction that asked for it commits
# (config/mail.py): a slow mail server never holds a request or a database lock. A failed
# send is tried again EMAIL_MAX_ATTEMPTS times in all, waiting longer each time.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", 5))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 60 * 60))

# --- Security -------------------------------------------------------------------------
# Behind TRUSTED_PROXY_COUNT reverse proxies the client's address is taken from
# X-Forwarded-For (that many entries from the right); with 0 it is REMOTE_ADDR and the header
# is ignored, so nobody can choose the address that sign-in lockouts and logs record.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    # TLS ends at the reverse proxy, which says so in X-Forwarded-Proto. The SSL redirect
    # stays on behind the proxy; `make serve` turns it off for plain HTTP on loopback.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Browsers accept a __Host- cookie only when it is Secure, with Path=/ and no Domain:
    # Django's defaults (*_COOKIE_PATH "/", *_COOKIE_DOMAIN None) are exactly that.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"

LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Sessions: signed out after SESSION_IDLE_TIMEOUT seconds without a request
# (accounts.middleware.SessionIdleTimeoutMiddleware, which writes the session at most once a
# minute rather than on every request); the cookie itself lasts 8 hours from the last write.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", 60 * 60))
# However active, a session ends SESSION_ABSOLUTE_TIMEOUT seconds after its sign-in: a
# stolen session cookie works for at most that long.
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60))

# Sign-in brute force (django-axes): 5 failed sign-ins for one username from one address
# lock that pair out for 15 minutes; a wrong two-factor code counts as a failure too.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"
AXES_VERBOSE = False  # the audit log (accounts/signals.py) records sign-ins and lockouts

# Optional two-factor sign-in (TOTP) for IGF analysts and administrators:
# accounts/two_factor.py.
OTP_TOTP_ISSUER = "MPF Pillar 6"

# Rate limits on what costs the server work or sends e-mail (config/ratelimit.py): "count/
# period" with a period of s, min, hour or day (e.g. "20/hour"), each overridable with
# RATE_LIMIT_<NAME> (RATE_LIMIT_PDF=60/hour). Counted per user, or per address when nobody
# is signed in; password resets per e-mail address typed and per client address.
RATE_LIMITS = {
    name: os.environ.get(f"RATE_LIMIT_{name.upper()}", default)
    for name, default in {
        "invitation": "20/hour",
        "pdf": "30/hour",
        "workbook_upload": "30/hour",
        "password_reset_email": "3/hour",
        "password_reset_address": "10/hour",
        "password_check": "10/hour",
        "email_change": "5/hour",
        "csp_report": "60/min",
    }.items()
}

# The audit trail (audit/) keeps events this many days; `manage.py prune_audit_events`
# deletes older ones.
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", 2 * 365))

# No page of this application uses these browser features.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# Content-Security-Policy, in every environment so that the tests see what production sends.
# No 'unsafe-inline' anywhere: no inline <script>, no style="" attribute, no <style> element.
# What the libraries would otherwise do, and how templates/base.html prevents it:
# - htmx adds a <style> element for its indicators: off with <meta name="htmx-config"
#   content='{"includeIndicatorStyles":false}'>;
# - plotly.js adds its own rules as a <style> element: they are served as a file,
#   static/vendor/plotly/plotly.css, linked as <link id="plotly.js-style-global"
#   class="no-inline-styles">, the marker plotly.js 3 checks first (a nonce cannot help: the
#   library creates that element itself and takes no nonce);
# - our plotly.js bundle (tools/plotly-bundle.js) holds no map tile traces, so it never adds
#   MapLibre's stylesheet;
# - plotly.js (d3) calls setAttribute("style", ...) on colour bars: static/js/app.js routes
#   that through the CSSOM (element.style.cssText), which CSP allows, with the same effect.
# Styles set through the CSSOM (element.style.x = ..., as plotly.js, d3 and Bootstrap do) are
# not inline styles for CSP. json_script's <script type="application/json"> is data, not
# script. blob: images: plotly's "download as PNG" draws the chart through an object URL.
# tests/browser/test_content_security_policy.py fails on any violation in Chromium.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        # Violations are reported to config.views.csp_report, which logs them (rate-limited).
        "report-uri": "/csp-report/",
        "report-to": "csp",
    }
}
# The endpoint named by report-to (sent by config.middleware.SecurityHeadersMiddleware).
CSP_REPORT_ENDPOINT = "/csp-report/"

# Logs go to standard output, as JSON lines in production (config/logging.py) for the log
# collector; LOG_FORMAT=plain (the development default) is easier on the eye in a terminal.
# The "audit" logger records sign-ins, failed sign-ins, lockouts, sign-outs, refused access
# and workflow transitions.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "audit": {"level": "INFO"},
        "csp": {"level": "INFO"},  # Content-Security-Policy violations the browsers report
        "django.db.backends": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
