"""Peers who do it well and the search box, on generated data: 200 countries × 10 rounds
of the Pillar 6 framework (about 55 % published), every justification filled in."""

from django.conf import settings
from django.db import connection
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, Mod
from django.test import Client

from bench.timing import time_get

TARGET_PEERS_MS = 300
TARGET_SEARCH_MS = 500
SIZE = (200, 10)
WORDS = ["permis délivrés par les communes", "licencias otorgadas por los municipios",
         "licences issued by district offices", "licenças emitidas pelos municípios"]  # fmt: skip


def run() -> list[str]:
    from accounts.models import Membership, User
    from assessment.models import Assessment, Response
    from bench.synthetic import generate

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    generated = generate(countries=SIZE[0], rounds=SIZE[1])
    # Four languages of justification, one per response in turn, each naming its response.
    for index, words in enumerate(WORDS):
        turn = Response.objects.annotate(turn=Mod(F("pk"), 4)).filter(turn=index)
        turn.update(justification=Concat(Value(f"{words} "), Cast(F("pk"), CharField())))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum would make
            cursor.execute("ANALYZE")
    assessment = Assessment.objects.filter(round=generated.rounds[-1]).order_by("pk").first()
    user, _ = User.objects.get_or_create(username="bench-focal")
    Membership.objects.get_or_create(user=user, country=assessment.country,
                                     defaults={"role": Membership.Role.FOCAL_POINT})  # fmt: skip
    client = Client()
    client.force_login(user)
    peers = f"/en/practices/peers/{assessment.pk}/6.1.1.a/"
    timings = {
        "bare": time_get(client, "bare Django view", "/bench/bare/"),
        "peers": time_get(client, "peers of one indicator (page)", peers),
        "search_fr": time_get(
            client, "search, French words", "/fr/practices/search/?q=permis+d%C3%A9livr%C3%A9"
        ),  # fmt: skip
        "search_pt": time_get(
            client,
            "search, Portuguese words",
            "/pt/practices/search/?q=licen%C3%A7a+munic%C3%ADpio",
        ),  # fmt: skip
    }
    return _report(timings, Response.objects.count())


def _report(timings, responses: int) -> list[str]:
    bare = timings["bare"]
    rows = [
        f"| {t.name} | {t.status} | {t.median_ms:.1f} | {t.p90_ms:.1f} | "
        f"{'1' if key == 'bare' else f'{t.ratio_to(bare):.0f}×'} | {t.queries} |"
        for key, t in timings.items()
    ]
    search = max(timings["search_fr"].median_ms, timings["search_pt"].median_ms)
    return [
        "## Peers and search",
        "",
        f"Generated data: {SIZE[0]} countries × {SIZE[1]} rounds ({responses} responses, every "
        f"justification filled in, in four languages in turn), {connection.vendor}. Signed in "
        "as a focal point. Median and 90th percentile of 15 requests after 2 warm-up requests.",
        "",
        "| Request | Status | Median (ms) | p90 (ms) | × bare view | Queries |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"- Target: peers of an indicator under {TARGET_PEERS_MS} ms median: "
        f"**{'met' if timings['peers'].median_ms < TARGET_PEERS_MS else 'NOT met'}** "
        f"({timings['peers'].median_ms:.0f} ms).",
        f"- Target: a search under {TARGET_SEARCH_MS} ms median: "
        f"**{'met' if search < TARGET_SEARCH_MS else 'NOT met'}** ({search:.0f} ms).",
        "",
    ]
