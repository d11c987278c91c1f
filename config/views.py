from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from frameworks.models import Framework


def home(request):
    frameworks = Framework.objects.published().latest_versions()
    return render(request, "home.html", {"frameworks": frameworks})


@never_cache
def health(request):
    """For the load balancer: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
