from django.dispatch import Signal

# Sent after a new idea is saved, with `idea`; the teams app makes its proposer the first team lead.
idea_proposed = Signal()
