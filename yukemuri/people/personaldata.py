"""The people app's part of "download your data": the profile and every consent, with its history."""

from .models import Consent


def profile(person) -> list[dict]:
    return [{
        "email": person.email, "display_name": person.display_name, "preferred_language": person.preferred_language,
        "relation": person.relation, "home_municipality": person.home_municipality.name if person.home_municipality else "",
        "bio": person.bio, "skills": " / ".join(str(s) for s in person.skills.all()),
        "interest_sdgs": " / ".join(str(s) for s in person.interest_sdgs.all()),
        "interest_themes": " / ".join(str(t) for t in person.interest_themes.all()),
        "languages": " / ".join(person.languages or []), "gender": person.gender, "age_band": person.age_band,
        "portfolio_url": person.portfolio_url,
        "profile_public": person.profile_public, "show_contributions": person.show_contributions,
        "email_digest": person.email_digest, "email_verified": person.email_verified,
        "date_joined": person.date_joined,
    }]


def consents(person) -> list[dict]:
    return [{"purpose": c.purpose, "granted_at": c.granted_at, "withdrawn_at": c.withdrawn_at,
             "policy_version": c.policy_version}
            for c in Consent.objects.filter(person=person).order_by("granted_at", "id")]
