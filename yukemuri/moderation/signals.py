from django.dispatch import Signal

# Sent after a post's visibility changed: sender=model class, instance, old, new.
visibility_changed = Signal()
