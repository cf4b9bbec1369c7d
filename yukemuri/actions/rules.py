import rules

from yukemuri.people.rules import is_administrator, is_moderator

# The whole stream names people and private changes (roles, payments, check-ins): moderators and staff only.
rules.add_perm("actions.view_all", is_moderator | is_administrator | rules.is_staff)
