from django.conf import settings
from django.urls import translate_url


def site(request):
    """Links to this page in every language, for the switcher and hreflang."""
    path = request.get_full_path()
    return {
        "site_name": settings.SITE_NAME,
        "alternates": [
            {"code": code, "name": name, "url": (url := translate_url(path, code)),
             "absolute": request.build_absolute_uri(url)}
            for code, name in settings.LANGUAGES
        ],
    }
