from django.conf import settings


def site(request):
    """Values every page needs: the demo banner, the footer's source code link and the
    licence of the published data."""
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "SOURCE_CODE_URL": settings.SOURCE_CODE_URL,
        "OPEN_DATA_LICENCE": settings.OPEN_DATA_LICENCE,
        "OPEN_DATA_LICENCE_URL": settings.OPEN_DATA_LICENCE_URL,
    }
