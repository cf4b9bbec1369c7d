from django.dispatch import Signal

# Sent (sender=User, person=…) inside the transaction that deletes an account, before the row goes:
# apps undo what the person's rows count (supports, follows) so counters stay exact.
person_leaving = Signal()
