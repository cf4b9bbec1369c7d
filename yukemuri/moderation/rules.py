import rules

from yukemuri.people.rules import is_administrator, is_coordinator, is_moderator, is_municipal_staff, is_signed_in

can_moderate = is_moderator | is_administrator | rules.is_staff

rules.add_perm("moderation.moderate", can_moderate)
rules.add_perm("moderation.report", is_signed_in)
# Those who act for the platform publish at once: their first posts are not held for review (HOLD_FIRST_POSTS).
rules.add_perm("moderation.publish_without_review", can_moderate | is_coordinator | is_municipal_staff)
