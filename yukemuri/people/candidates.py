"""People who could help, until the matching engine ranks them: those who agreed to be suggested
(the `matching` consent) and whose skills, interests or home area fit."""

from django.db.models import Count, Q

from .models import ConsentPurpose, User


def could_help(*, skill_ids=(), sdg_numbers=(), theme_ids=(), area_id=None, exclude_ids=(), limit: int = 5):
    """Up to `limit` people, best fit first: each matching skill, interest and the same area count one."""
    fit = (Q(person_skills__skill_id__in=list(skill_ids)) | Q(interest_sdgs__number__in=list(sdg_numbers))
           | Q(interest_themes__id__in=list(theme_ids)))
    if area_id:
        fit |= Q(home_municipality__area_id=area_id)
    consented = Q(consents__purpose=ConsentPurpose.MATCHING, consents__withdrawn_at__isnull=True)
    people = (User.objects.filter(consented, is_active=True).filter(fit).exclude(pk__in=list(exclude_ids))
              .annotate(fit_skills=Count("person_skills", filter=Q(person_skills__skill_id__in=list(skill_ids)),
                                         distinct=True),
                        fit_interests=Count("interest_sdgs", filter=Q(interest_sdgs__number__in=list(sdg_numbers)),
                                            distinct=True))
              .select_related("home_municipality").distinct())
    return list(people.order_by("-fit_skills", "-fit_interests", "pk")[:limit])
