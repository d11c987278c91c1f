"""Every e-mail the application sends goes through here.

`send_email_on_commit` queues an e-mail once the transaction that asked for it commits,
never inside it: on SQLite a slow mail server would otherwise hold the write lock while
other people save. The task queue is django-tasks' database queue, the one the PDF reports
use (`manage.py db_worker`). The worker writes the message and sends it with EMAIL_TIMEOUT;
when the mail server fails it tries again later, EMAIL_MAX_ATTEMPTS times in all, waiting
1, 2, 4, ... minutes, and logs an error when it gives up.

The queue holds no secret: only which message to write (an `@email_writer` function of an
app) and plain arguments (ids, an address, a language, the site's address). The writer
makes the links with their tokens when the message is sent, so that the tasks table, like
the invitations table, never holds a working link.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)
FIRST_RETRY = timedelta(minutes=1)
_WRITERS: set[str] = set()


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    to: list[str]


def email_writer(function: Callable[..., Email | None]):
    """Mark a function that writes one kind of e-mail from plain arguments: it returns the
    Email, or None when there is nothing to send any more (e.g. a revoked invitation)."""
    _WRITERS.add(f"{function.__module__}.{function.__qualname__}")
    return function


def send_email_on_commit(writer: Callable[..., Email | None], **arguments) -> None:
    """Queue the e-mail that `writer` (an @email_writer) writes from `arguments` (JSON
    values), after the current transaction commits (at once when there is none)."""
    path = f"{writer.__module__}.{writer.__qualname__}"
    if path not in _WRITERS:
        raise ValueError(f"{path} is not an @email_writer")
    transaction.on_commit(lambda: send_email.enqueue(path, arguments))


@task()
def send_email(writer: str, arguments: dict, attempt: int = 1) -> None:
    """Write and send a queued e-mail; on failure queue it again, later, until the last
    attempt."""
    write = import_string(writer)
    if writer not in _WRITERS:  # only the application's own writers, whatever the queue holds
        raise ValueError(f"{writer} is not an @email_writer")
    email = write(**arguments)
    if email is None:
        return
    try:
        connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
        message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to,
                               connection=connection)  # fmt: skip
        message.send()
    except Exception as error:  # SMTP, network, DNS, timeouts: all worth another try
        if attempt >= settings.EMAIL_MAX_ATTEMPTS:
            logger.error("E-mail %s to %s not sent after %d attempts: %s", writer, email.to,
                         attempt, error)  # fmt: skip
            raise
        delay = FIRST_RETRY * 2 ** (attempt - 1)
        logger.warning("E-mail %s to %s failed (attempt %d), trying again in %s: %s", writer,
                       email.to, attempt, delay, error)  # fmt: skip
        backend_defers = getattr(send_email.get_backend(), "supports_defer", False)
        when = timezone.now() + delay if backend_defers else None
        send_email.using(run_after=when).enqueue(writer, arguments, attempt + 1)


def one_line(text: str) -> str:
    """A subject rendered from a template, on one line. Only line breaks and ASCII spaces
    are folded: the no-break space of French typography ("Sénégal 2026 : …") stays."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()
