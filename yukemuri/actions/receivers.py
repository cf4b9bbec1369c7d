"""What listens to the action stream. Each receiver runs after the action's transaction committed."""

from django.dispatch import receiver

from yukemuri.core import pagecache

from .signals import action_committed


@receiver(action_committed, dispatch_uid="actions-pagecache")
def empty_page_cache(sender, action, verb, **kwargs):
    """A public verb changed what anonymous visitors see: the cached pages are stale now."""
    if verb.public:
        pagecache.bump_now()
