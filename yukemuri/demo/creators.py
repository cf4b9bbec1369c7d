"""Demo creators (クリエイター) and one issue asking for them, on top of the demo loader's people."""

from django.db import transaction

from yukemuri.issues.models import CreatorBrief
from yukemuri.issues.services import creator_brief_set
from yukemuri.people.models import PersonCreatorKind
from yukemuri.people.services import creator_kinds_set

# person key, creator kinds, portfolio
CREATORS = [
    ("p-misaki", ["design", "illustration"], "https://example.jp/demo-misaki"),
    ("p-haruto", ["photography", "video"], ""),
]
# issue key, what is wanted, kinds, budget in yen (the issue's author sets it)
BRIEFS = [
    ("i-akiya", "空き家の魅力が伝わる写真と、1分ほどの紹介動画を作ってくれる方を探しています。"
                "物件オーナーへの取材にも同行してください。",
     ["photography", "video"], 100_000),
]


@transaction.atomic
def load_creator_demo(get) -> int:
    """Mark demo people as creators and ask for creators on a demo issue; `get(key)` returns demo
    objects by their loader key. Returns how many things it created (0 the second time)."""
    created = 0
    for key, kinds, portfolio in CREATORS:
        person = get(key)
        if person is None or PersonCreatorKind.objects.filter(person=person).exists():
            continue
        creator_kinds_set(person=person, kinds=kinds)
        if portfolio:
            person.portfolio_url = portfolio
            person.save(update_fields=["portfolio_url"])
        created += 1
    for key, wanted, kinds, budget in BRIEFS:
        issue = get(key)
        if issue is None or CreatorBrief.objects.filter(issue=issue).exists():
            continue
        creator_brief_set(issue=issue, by=issue.author, wanted=wanted, kinds=kinds, budget_yen=budget)
        created += 1
    return created
