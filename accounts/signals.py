"""Audit log of signing in and out, from Django's (and django-axes') signals; the start of
the inactivity clock (accounts/middleware.py)."""

import logging
import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from config.security import audit

from .middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def log_sign_in(sender, request, user, **kwargs):
    audit("sign_in", request, user=user)


@receiver(user_logged_in, dispatch_uid="start_idle_clock")
def start_idle_clock(sender, request, user, **kwargs):
    """The inactivity clock and the session's lifetime start at the sign-in."""
    if hasattr(request, "session"):
        now = int(time.time())
        request.session[LAST_SEEN_KEY] = now
        request.session[SIGNED_IN_AT_KEY] = now


@receiver(user_logged_in, dispatch_uid="remember_language")
def remember_language(sender, request, user, **kwargs):
    """E-mails are written in the language a person signs in with, until they choose one
    (My work, E-mail notifications)."""
    language = getattr(request, "LANGUAGE_CODE", "")
    if language and not user.preferred_language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    # `credentials` comes cleansed (no password); the reason is "password" unless the
    # second step (the two-factor code) set another on the request.
    audit(
        "sign_in_failed",
        request,
        level=logging.WARNING,
        username=credentials.get("username", ""),
        reason=getattr(request, "sign_in_failure", "password"),
    )


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def log_sign_out(sender, request, user, **kwargs):
    audit("sign_out", request, user=user, reason=getattr(request, "sign_out_reason", "user"))


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def log_lockout(sender, request, username, ip_address, **kwargs):
    audit("sign_in_locked_out", request, level=logging.WARNING, username=username or "")
