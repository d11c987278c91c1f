from django.shortcuts import render
from django.views.decorators.http import require_GET

from .search import search as search_everything


@require_GET
def search(request):
    results = search_everything(request.user, request.GET.get("q", ""))
    return render(request, "practices/search.html", {"results": results})
