"""Reads about people: their own posts, public profiles."""

from django.db.models import Prefetch

from .models import PersonSkill, User


def public_profile(pk: int):
    """A person's profile if they agreed to show it, else None."""
    return (
        User.objects.filter(pk=pk, is_active=True, profile_public=True)
        .select_related("home_municipality")
        .prefetch_related(
            Prefetch("person_skills", queryset=PersonSkill.objects.select_related("skill")),
            "interest_sdgs",
            "interest_themes",
        )
        .first()
    )
