"""Reads: the providers this site is configured for, and a person's linked accounts."""

from dataclasses import dataclass

from allauth.socialaccount.adapter import get_adapter

from .models import LinkedAccount


@dataclass(frozen=True)
class ProviderChoice:
    key: str  # what LinkedAccount.provider holds: "line", or the provider_id of an OpenID Connect provider
    name: str
    login_url: str


def providers(request) -> list[ProviderChoice]:
    """Every configured provider (settings: SOCIALACCOUNT_PROVIDERS, made from the OIDC_* variables); none: []."""
    return [ProviderChoice(p.sub_id, p.name, p.get_login_url(request))
            for p in get_adapter().list_providers(request)]


def provider_names(request) -> dict[str, str]:
    return {choice.key: choice.name for choice in providers(request)}


def person_of(*, provider: str, subject: str):
    """The person who linked this provider account, or None."""
    link = LinkedAccount.objects.select_related("person").filter(provider=provider, subject=subject).first()
    return link.person if link else None


def links_of(person) -> list[LinkedAccount]:
    return list(LinkedAccount.objects.filter(person=person).order_by("provider"))
