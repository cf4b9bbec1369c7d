from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url


def _absolute(request, url):
    """The full address for hreflang, or the path alone when the Host header is not one of ours: the 400
    page for a bad Host renders through here too, and must not fail on the same header."""
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:
        return url


def html_lang(code: str) -> str:
    return settings.HTML_LANG.get(code, code)


def site(request):
    """Links to this page in every language, for the switcher and hreflang."""
    path = request.get_full_path()
    return {
        "site_name": settings.SITE_NAME,
        # The BCP 47 tag of the page's language for lang= (やさしい日本語 is the private-use ja-x-easy).
        "html_lang": html_lang(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)),
        "alternates": [
            {"code": code, "tag": html_lang(code), "name": name, "url": (url := translate_url(path, code)),
             "absolute": _absolute(request, url)}
            for code, name in settings.LANGUAGES
        ],
    }
