"""The ideas answering an issue, known to the ideas app above issues (docs/decisions/0010-layers.md).

Ideas are built on issues (an idea names the issues it answers), so issues does not import ideas. The issue page
lists the ideas answering an issue and the issue cards show how many there are: `IdeasConfig.ready` hands over
its selectors with `provide(ideas_answering=..., with_idea_counts=...)`.
"""

from django.core.exceptions import ImproperlyConfigured

PROVIDERS = {}


def provide(**providers) -> None:
    """Called by the ideas app when Django is ready."""
    PROVIDERS.update(providers)


def _provider(name: str):
    try:
        return PROVIDERS[name]
    except KeyError:
        raise ImproperlyConfigured("The issue pages need the ideas app (yukemuri.ideas in INSTALLED_APPS).") from None


def ideas_answering(issue):
    """The published ideas answering `issue`, as cards, most supported first."""
    return _provider("ideas_answering")(issue)


def with_idea_counts(issues) -> list:
    """The issues as a list, each with `idea_count` set (one query), for the issue cards."""
    return _provider("with_idea_counts")(issues)
