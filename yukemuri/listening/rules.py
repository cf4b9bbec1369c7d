import rules

from yukemuri.moderation.rules import can_moderate
from yukemuri.people.rules import is_administrator, is_author, is_coordinator, is_municipal_staff, is_signed_in


@rules.predicate
def started_conversation(user, conversation) -> bool:
    return bool(conversation is not None and user.is_authenticated and conversation.created_by_id == user.pk)


can_organise = is_signed_in & (is_coordinator | is_municipal_staff | is_administrator)

rules.add_perm("listening.organise", can_organise)
# A conversation on an issue or idea (the object) may also be opened by the post's author.
rules.add_perm("listening.open_conversation", can_organise | (is_signed_in & is_author))
# Its statements are reviewed, comments imported and the conversation closed by whoever started it,
# the organisers and the moderators.
rules.add_perm("listening.moderate_conversation", is_signed_in & (started_conversation | can_organise | can_moderate))
# Paper ballots are printed and entered by whoever started the conversation and the organisers (not moderators:
# entering votes is not reviewing them).
rules.add_perm("listening.enter_ballots", is_signed_in & (started_conversation | can_organise))
