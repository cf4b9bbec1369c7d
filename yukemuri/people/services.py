"""Services for people: sign-up, profile, consents and roles. Each is one transaction."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core import pagecache
from yukemuri.topics.models import SDGGoal, Skill, Theme

from .models import Consent, ConsentPurpose, CreatorKind, PersonCreatorKind, PersonSkill, User
from .signals import person_leaving

EMAIL_TAKEN = gettext_lazy("An account with this email address exists already. Log in or reset your password.")


@transaction.atomic
def person_register(
    *,
    email: str,
    password: str | None,
    display_name: str,
    preferred_language: str = "ja",
    relation: str = "resident",
    home_municipality=None,
    consents=(),
    is_demo: bool = False,
) -> User:
    """Create an account. Agreeing to the terms is required; other consents are optional. No password (None):
    the account signs in only through a linked provider (yukemuri/oidc)."""
    consents = set(consents)
    if ConsentPurpose.TERMS not in consents:
        raise ValueError("Consent to the terms is required to register.")
    try:
        # A savepoint: two sign-ups with one address at the same moment both pass the form's check, and
        # the database's unique index refuses the second — answered like an address that exists already.
        with transaction.atomic():
            person = User.objects.create_user(
                email=email,
                password=password,
                display_name=display_name,
                preferred_language=preferred_language,
                relation=relation,
                home_municipality=home_municipality,
                is_demo=is_demo,
                # Demo people have no real mailbox; everyone else confirms theirs before we mail them.
                email_verified=is_demo,
            )
    except IntegrityError:
        if User.objects.filter(email__iexact=email.strip()).exists():
            raise ValidationError({"email": EMAIL_TAKEN}) from None
        raise
    for purpose in consents:
        consent_grant(person=person, purpose=purpose)
    if not person.email_verified:
        verification_request(person=person)
    return person


@transaction.atomic
def person_register_without_login(*, login_address: str, display_name: str, home_municipality=None) -> User:
    """An account nobody can sign in to yet, for a person without e-mail or a device whom a supporter helps
    (the support app): no usable password, and a login address the caller makes unique under a reserved domain
    that receives no mail. The person agreed to the terms through the supporter (the support app records how)."""
    person = User.objects.create_user(email=login_address, password=None, display_name=display_name,
                                      home_municipality=home_municipality)
    consent_grant(person=person, purpose=ConsentPurpose.TERMS)
    return person


@transaction.atomic
def login_claim(*, person: User, email: str, password: str) -> User:
    """The person of an account made without a login takes it over: their own address (confirmed by the link
    we then send) and password. Everything entered for them stays theirs."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exclude(pk=person.pk).exists():
        raise ValidationError({"email": EMAIL_TAKEN})
    person.email, person.email_verified = email, False
    person.set_password(password)
    person.save(update_fields=["email", "email_verified", "password"])
    verification_request(person=person)
    return person


def verification_request(*, person: User) -> None:
    """Send (again) the link that confirms the person's address, once the transaction commits."""
    from .verification import send_verification

    transaction.on_commit(lambda: send_verification.enqueue(person.pk))


@transaction.atomic
def email_verify(*, person: User) -> bool:
    """The person opened the link we sent: their address is theirs. Returns whether it was news."""
    changed = User.objects.filter(pk=person.pk, email_verified=False).update(email_verified=True)
    person.email_verified = True
    if changed:
        pagecache.bump()  # an update() sends no signal: the person's row is kept by the page cache (decision 0039)
    if changed:
        action_record(actor=person, verb=verbs.EMAIL_VERIFIED, target=person, data={"old": False, "new": True})
    return bool(changed)


@transaction.atomic
def consent_grant(*, person: User, purpose: str) -> Consent:
    """Record consent for `purpose`; granting what is already granted keeps the earlier record."""
    consent = Consent.objects.filter(person=person, purpose=purpose, withdrawn_at__isnull=True).first()
    if consent is None:
        consent = Consent.objects.create(person=person, purpose=purpose)
    _sync_flags(person)
    return consent


@transaction.atomic
def consent_withdraw(*, person: User, purpose: str) -> None:
    """Withdraw consent; from now on what it allowed stops (e.g. the name disappears from posts)."""
    if purpose == ConsentPurpose.TERMS:
        raise ValueError("Consent to the terms can only be withdrawn by closing the account.")
    for consent in Consent.objects.filter(person=person, purpose=purpose, withdrawn_at__isnull=True):
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])  # a save, so listeners (the page cache) hear of it
    _sync_flags(person)


def consent_purposes(person: User) -> set[str]:
    return set(
        Consent.objects.filter(person=person, withdrawn_at__isnull=True).values_list("purpose", flat=True)
    )


def _sync_flags(person: User) -> None:
    # The flag is denormalised so lists can show names without one consent query per author.
    public = Consent.objects.filter(
        person=person, purpose=ConsentPurpose.PUBLIC_PROFILE, withdrawn_at__isnull=True
    ).exists()
    if person.profile_public != public:
        person.profile_public = public
        User.objects.filter(pk=person.pk).update(profile_public=public)
        pagecache.bump()  # an update() sends no signal (names on pages, the person kept by the page cache)


@transaction.atomic
def profile_update(
    *,
    person: User,
    display_name: str,
    preferred_language: str,
    relation: str,
    home_municipality=None,
    bio: str = "",
    gender: str = "",
    age_band: str | None = None,
    languages=(),
    skill_names=(),
    theme_names=(),
    sdg_numbers=(),
    creator_kinds=None,
    portfolio_url=None,
    email_digest: bool | None = None,
    show_contributions: bool | None = None,
) -> User:
    """Save the profile. `creator_kinds`, `portfolio_url`, `email_digest` and `show_contributions` stay as they
    are when not given (None)."""
    person.display_name = display_name
    person.preferred_language = preferred_language
    person.relation = relation
    person.home_municipality = home_municipality
    person.bio = bio
    person.gender = gender
    if age_band is not None:
        person.age_band = age_band
    person.languages = list(dict.fromkeys(languages))
    if portfolio_url is not None:
        person.portfolio_url = portfolio_url.strip()
    if email_digest is not None:
        person.email_digest = email_digest
    if show_contributions is not None:
        person.show_contributions = show_contributions
    person.save()
    if creator_kinds is not None:
        creator_kinds_set(person=person, kinds=creator_kinds)
    skills = Skill.objects.get_or_create_many(skill_names)
    PersonSkill.objects.filter(person=person).exclude(skill__in=skills).delete()
    existing = set(PersonSkill.objects.filter(person=person).values_list("skill_id", flat=True))
    PersonSkill.objects.bulk_create(
        [PersonSkill(person=person, skill=s) for s in skills if s.id not in existing]
    )
    person.interest_themes.set(Theme.objects.get_or_create_many(theme_names))
    person.interest_sdgs.set(SDGGoal.objects.filter(number__in=sdg_numbers))
    return person


def email_digest_set(*, person: User, enabled: bool) -> None:
    """Turn the e-mail digest of notices on or off (the notices stay on the site either way)."""
    User.objects.filter(pk=person.pk).update(email_digest=enabled)
    pagecache.bump()  # an update() sends no signal: /me/ and the person kept by the page cache show it
    person.email_digest = enabled


@transaction.atomic
def creator_kinds_set(*, person: User, kinds) -> list[str]:
    """Mark a person as a creator of these kinds (none: not a creator). Unknown kinds are refused."""
    kinds = list(dict.fromkeys(kinds))
    unknown = set(kinds) - set(CreatorKind.values)
    if unknown:
        raise ValidationError({"creator_kinds": _("Choose kinds of creator from the list.")})
    PersonCreatorKind.objects.filter(person=person).exclude(kind__in=kinds).delete()
    existing = set(PersonCreatorKind.objects.filter(person=person).values_list("kind", flat=True))
    for kind in kinds:
        if kind not in existing:
            PersonCreatorKind.objects.create(person=person, kind=kind)  # a save, so the page cache hears of it
    return kinds


@transaction.atomic
def person_delete(*, person: User) -> None:
    """Close an account and erase its personal data (APPI). What the person posted stays, shown as
    written by a deleted account; their supports and follows are withdrawn, consents removed."""
    person_leaving.send(sender=User, person=person)
    person.delete()


def _group_names(person: User) -> list[str]:
    return sorted(person.groups.values_list("name", flat=True))


@transaction.atomic
def role_assign(*, person: User, role: str, by: User | None = None) -> None:
    """Give a person a role (a Django group of the same name); `by` is who granted it (None: the system).
    Granting a role the person holds already changes and records nothing."""
    old = _group_names(person)
    if role in old:
        return
    group, _created = Group.objects.get_or_create(name=role)
    person.groups.add(group)
    person.__dict__.pop("role_names", None)
    action_record(actor=by, verb=verbs.ROLE_GRANTED, target=person,
                  data={"role": role, "old": old, "new": sorted([*old, role])})


@transaction.atomic
def role_revoke(*, person: User, role: str, by: User | None = None) -> None:
    """Take a role away; revoking a role the person does not hold changes and records nothing."""
    old = _group_names(person)
    if role not in old:
        return
    person.groups.remove(Group.objects.get(name=role))
    person.__dict__.pop("role_names", None)
    action_record(actor=by, verb=verbs.ROLE_REVOKED, target=person,
                  data={"role": role, "old": old, "new": [name for name in old if name != role]})
