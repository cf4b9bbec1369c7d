"""Similar posts before posting (似た投稿): while someone writes an issue or an idea, the closest published ones.

The finder lives in the site layer (`site/similar.py`: it reads issues and ideas and tokenises with the listening
engine, both above the apps whose forms ask), and hands itself over with `provide()` from `SiteConfig.ready`;
the forms of issues and ideas ask `similar_to()` (docs/decisions/0038-official-answers-and-similar-posts.md).
"""

from dataclasses import dataclass

from django.forms.utils import ErrorDict

PROVIDERS = {}
CHECK = "check_similar"  # the name of the no-JS form's "check for similar posts" button


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "issue" or "idea"
    pk: int
    title: str
    url: str
    support_url: str
    support_count: int
    score: float


def provide(finder) -> None:
    PROVIDERS["finder"] = finder


def similar_to(title: str, body: str = "", *, kinds=("issue", "idea"), limit: int = 5,
               language: str = "ja") -> list[Suggestion]:
    """The published posts closest to what is being written, best first (none without a finder)."""
    finder = PROVIDERS.get("finder")
    if finder is None or (not (title or "").strip() and not (body or "").strip()):
        return []
    return finder(title=title or "", body=body or "", kinds=tuple(kinds), limit=limit, language=language or "ja")


def checking(request) -> bool:
    """The POST is the no-JS "check for similar posts" step, not a submission."""
    return request.method == "POST" and CHECK in request.POST


def check_exempt(request, *args, **kwargs) -> bool:
    """For the rate limit: a check writes nothing, so it does not count as a post."""
    return checking(request)


def suggestions_for(form, kinds) -> list[Suggestion]:
    """The suggestions for a bound post form, which keeps what was typed; its errors stay unsaid, since the
    person only asked to see similar posts (it is validated when they publish)."""
    form._errors = ErrorDict()
    data = form.data
    return similar_to(str(data.get("title", ""))[:120], str(data.get("body", ""))[:20000], kinds=kinds,
                      language=str(data.get("language", ""))[:12])
