"""Who may translate (翻訳): any signed-in person is a volunteer translator."""

import rules

from yukemuri.moderation.rules import can_moderate
from yukemuri.people.rules import is_signed_in

from . import registry


@rules.predicate
def is_post_author(user, post):
    """The person who wrote the post (its translations are theirs to correct)."""
    return post is not None and user.is_authenticated and registry.for_model(post).author_id(post) == user.pk


@rules.predicate
def is_translator(user, translation):
    return translation is not None and translation.author_id is not None and translation.author_id == user.pk


@rules.predicate
def is_machine_draft(user, translation):
    """A machine translation no person has taken on yet: any volunteer may improve it."""
    return translation is not None and translation.author_id is None


@rules.predicate
def wrote_translated_post(user, translation):
    if translation is None or translation.target is None:
        return False
    return is_post_author(user, translation.target)


@rules.predicate
def provider_configured(user):
    from .providers import configured

    return configured() is not None


# obj: the post. Translations by others than the author go through moderation's hold (services.py).
rules.add_perm("translations.translate", is_signed_in)
# obj: the translation. Its translator, the post's author, any volunteer for a machine draft, moderators.
rules.add_perm("translations.change_translation",
               is_signed_in & (is_translator | is_machine_draft | wrote_translated_post) | can_moderate)
# obj: the post. Asking for a machine draft spends the operator's service: signed-in people, only when one is set.
rules.add_perm("translations.request_machine_draft", is_signed_in & provider_configured)
