import rules

from yukemuri.people.rules import is_administrator, is_moderator, is_signed_in

can_moderate = is_moderator | is_administrator | rules.is_staff

rules.add_perm("moderation.moderate", can_moderate)
rules.add_perm("moderation.report", is_signed_in)
