"""`manage.py create_api_token USERNAME`: a personal API token for somebody, made by an
administrator (users make their own on the API tokens page). Replaces DRF's drf_create_token,
whose keys were stored in clear."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.forms import DEFAULT_LIFETIME, MAX_LIFETIME
from api.services import TokenRefused, api_token_create


class Command(BaseCommand):
    help = "Makes a personal API token for a user and prints its key (shown this once only)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Command line", help="What the token is for.")
        parser.add_argument(
            "--days", type=int, default=DEFAULT_LIFETIME.days,
            help=f"Days until it expires (1 to {MAX_LIFETIME.days}).",
        )  # fmt: skip

    def handle(self, *args, username, name, days, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user named {username!r}.")
        if not 1 <= days <= MAX_LIFETIME.days:
            raise CommandError(f"--days must be between 1 and {MAX_LIFETIME.days}.")
        expires_on = timezone.localdate() + timedelta(days=days)
        try:
            token, key = api_token_create(user=user, name=name, expires_on=expires_on)
        except TokenRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(key)
        self.stderr.write(f"Token {token.name!r} for {username}, valid until {expires_on}.")
