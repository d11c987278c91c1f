import pytest
from django.urls import reverse
from tests.accounts.test_invitations import invite
pytestmark = pytest.mark.django_db
def test_x(client, senegal, focal_a, contributor_a, django_assert_num_queries):
    inv, token = invite(senegal, invited_by=focal_a)
    client.force_login(focal_a)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(reverse("accounts:team", args=["SEN"]))
    print("QUERIES", len(ctx.captured_queries))
    for q in ctx.captured_queries: print("  ", q["sql"][:150])
    html = r.content.decode()
    print(html[html.index("<main"):html.index("</main>")])
    r = client.get(reverse("accounts:invite", args=["SEN"]))
    html = r.content.decode(); print(html[html.index("<main"):html.index("</main>")])
    client.logout()
    r = client.get(reverse("accounts:invitation_accept", args=[token]))
    html = r.content.decode(); print(html[html.index("<main"):html.index("</main>")])
    assert 0
