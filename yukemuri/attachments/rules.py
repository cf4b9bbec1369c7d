import rules

from yukemuri.moderation.rules import can_moderate

# Hiding one photo is moderation: the same people who hide posts.
rules.add_perm("attachments.moderate", can_moderate)
