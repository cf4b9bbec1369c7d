"""Reads about people: their own posts, public profiles."""

from django.db.models import Exists, OuterRef, Prefetch

from .models import PersonCreatorKind, PersonSkill, User


def public_profile(pk: int):
    """A person's profile if they agreed to show it, else None."""
    return (
        User.objects.filter(pk=pk, is_active=True, profile_public=True)
        .select_related("home_municipality")
        .prefetch_related(
            Prefetch("person_skills", queryset=PersonSkill.objects.select_related("skill")),
            "interest_sdgs",
            "interest_themes",
            "creator_kinds",
        )
        .first()
    )


def creator_list():
    """People who mark themselves as creators and agreed to a public profile (no consent, no listing),
    with their place, kinds and skills in three queries per page."""
    return (
        User.objects.filter(is_active=True, profile_public=True)
        .filter(Exists(PersonCreatorKind.objects.filter(person=OuterRef("pk"))))
        .select_related("home_municipality__area")
        .prefetch_related("creator_kinds", Prefetch("person_skills", queryset=PersonSkill.objects.select_related("skill")))
        .order_by("display_name", "pk")
    )


def may_email(person) -> bool:
    """Whether we may send this person e-mail other than the link that confirms their address: only to a
    confirmed address of an active account. Every place that e-mails a person asks this first."""
    return bool(person is not None and person.is_active and person.email and person.email_verified)


def email_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def verified_person_with_email(email: str):
    """The active account whose confirmed address this is (guests: docs/decisions/0027), or None."""
    email = (email or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, email_verified=True, is_active=True).first()


def homes_and_bands(person_ids) -> dict[int, tuple[str, str]]:
    """{person id: (home municipality code or "", age band or "")} (for kpi's participation per 1,000)."""
    ids, found = list(person_ids), {}
    for start in range(0, len(ids), 1000):
        for pk, code, band in User.objects.filter(pk__in=ids[start:start + 1000]).values_list(
                "pk", "home_municipality__code", "age_band"):
            found[pk] = (code or "", band or "")
    return found


def site_staff():
    """The site's staff (is_staff), active: who hears of what concerns the whole site (a reported barrier)."""
    from .models import User

    return User.objects.filter(is_staff=True, is_active=True)


def residents(municipality_ids, age_bands):
    """Active people whose home municipality and age band (both on their profile) are among those given:
    whom a survey invites by area and age band."""
    return (User.objects.filter(is_active=True, home_municipality_id__in=list(municipality_ids),
                                age_band__in=list(age_bands))
            .select_related("home_municipality").order_by("pk"))


def holding_role(role: str):
    """Active people assigned `role` (a Django group named after it): e.g. whom an operator may make a coordinator."""
    return User.objects.filter(is_active=True, groups__name=role).distinct().order_by("pk")
