from django.conf import settings


def site(request):
    """Values every page needs: the demo banner and the footer's source code link."""
    return {"DEMO_MODE": settings.DEMO_MODE, "SOURCE_CODE_URL": settings.SOURCE_CODE_URL}
