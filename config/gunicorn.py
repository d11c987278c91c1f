"""gunicorn's settings for `make serve` and production: `gunicorn -c config/gunicorn.py config.wsgi`.

Environment: PORT (8000), GUNICORN_BIND (127.0.0.1:$PORT: only the reverse proxy on the
same machine reaches the app), WEB_CONCURRENCY (worker processes; default 2 × cores + 1, at
most 8), GUNICORN_THREADS (threads per worker, default 1), GUNICORN_TIMEOUT (seconds, 60).
"""

import multiprocessing
import os

MAX_DEFAULT_WORKERS = 8  # each worker holds pandas and a database connection


def _default_workers() -> int:
    return min(2 * multiprocessing.cpu_count() + 1, MAX_DEFAULT_WORKERS)


bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or _default_workers())
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30
# Load Django (and pandas) once in the master: workers start at once and share that memory.
preload_app = True
# No runtime control socket: a fixed path under $HOME that two servers on one host would share.
control_socket_disable = True
# Recycle a worker now and then so that slow leaks (pandas, WeasyPrint) stay bounded.
max_requests = 2000
max_requests_jitter = 200

# Access and error logs on standard output, as JSON lines like the application's own logs.
accesslog = "-"
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}


def when_ready(server):
    """Before the workers fork: import every view (and pandas with them) by resolving the
    URLconf once, and WeasyPrint when its libraries are installed, so that no worker's first
    request waits for them."""
    from django.urls import get_resolver

    from config.system import pdf_engine_problem

    get_resolver().url_patterns  # noqa: B018
    pdf_engine_problem()
