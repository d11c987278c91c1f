"""E-mail backends for tests/accounts/test_email_delivery.py: a mail server that fails the
first attempts, and one that is down."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

failures_left = {"count": 0}


class FlakyBackend(BaseEmailBackend):
    """Fails while failures_left["count"] > 0, then delivers to mail.outbox."""

    def __init__(self, *args, timeout=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.timeout = timeout

    def send_messages(self, messages):
        if failures_left["count"] > 0:
            failures_left["count"] -= 1
            raise TimeoutError(f"the mail server did not answer within {self.timeout} s")
        mail.outbox.extend(messages)
        return len(messages)
