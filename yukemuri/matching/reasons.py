"""Turn the engine's reasons (`why`: components with details) into sentences in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yukemuri.people.models import CreatorKind
from yukemuri.topics.models import Skill

from .forms import DAYS, PARTS


def skill_names(whys) -> dict:
    ids = {m["skill"] for why in whys for c in why if c["key"] == "skills" for m in c["details"].get("matched", [])
           if isinstance(m["skill"], int)}
    names = dict(Skill.objects.filter(pk__in=ids).values_list("pk", "name"))
    kinds = dict(CreatorKind.choices)
    for why in whys:
        for c in why:
            for m in c["details"].get("matched", []) if c["key"] == "skills" else []:
                if isinstance(m["skill"], str) and m["skill"].startswith("creator:"):
                    names[m["skill"]] = str(kinds.get(m["skill"][8:], m["skill"]))
    return names


def _slot(slot: str) -> str:
    day, part = slot.split("-")
    return f"{dict(DAYS)[day]} {dict(PARTS)[part]}"


def sentence(component: dict, names: dict) -> str | None:
    key, details = component["key"], component["details"]
    if component["value"] <= 0:
        return None
    if key == "skills":
        matched = [names.get(m["skill"]) for m in details.get("matched", []) if names.get(m["skill"])]
        return _("Your skills fit: %(skills)s") % {"skills": "、".join(matched)} if matched else None
    if key == "interests":
        goals = details.get("sdgs", [])
        return _("You care about the same SDGs: %(goals)s") % {"goals": ", ".join(map(str, goals))} if goals else None
    if key == "distance":
        if details.get("online"):
            return _("It happens online.")
        km = details.get("km")
        if km is None:
            return None
        if km < 1:
            return _("It is where you live.")
        return ngettext("About %(km)s km from your home.", "About %(km)s km from your home.", round(km)) % {
            "km": f"{km:.0f}"}
    if key == "language":
        return _("You speak the language it uses.")
    if key == "availability":
        slots = details.get("slots", [])
        return _("You are free then: %(slots)s") % {"slots": "、".join(_slot(s) for s in slots)} if slots else None
    return None


def sentences(why: list, names: dict, top: int = 3) -> list[str]:
    """The top reasons as sentences, largest contribution first."""
    out = [sentence(c, names) for c in sorted(why, key=lambda c: -c["value"])]
    return [s for s in out if s][:top]
