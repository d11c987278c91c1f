from django.conf import settings


def site(request):
    """Values every page needs: the demo banner and the language switcher."""
    return {"DEMO_MODE": settings.DEMO_MODE}
