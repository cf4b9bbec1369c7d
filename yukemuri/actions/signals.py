from django.dispatch import Signal

# Sent once the transaction that recorded the action has committed, with `action` (an Action) and `verb`
# (its verbs.Verb). Receivers may be slow or fail without undoing the write; none runs for a rollback.
action_committed = Signal()
