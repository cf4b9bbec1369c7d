from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    """コミュニティ — standing groups of 官民共創 (docs/decisions/0033-communities.md)."""

    name = "yukemuri.communities"
    label = "communities"
    verbose_name = _("Communities")

    def ready(self):
        from django.urls import reverse

        from yukemuri.core.personaldata import register_personal_data
        from yukemuri.moderation import registry

        from . import personaldata, receivers, rules  # noqa: F401  (connect the receivers, declare the permissions)
        from .models import ThreadPost

        # The thread is reported and hidden like comments, but only its community's members may see a post, so
        # only they may report one (the report page shows its text).
        registry.register(ThreadPost, key="community_post",
                          url=lambda o: reverse("community_thread", args=[o.community_id]) + f"#post-{o.pk}",
                          excerpt=lambda o: o.body[:120],
                          visible_to=lambda person, o: person.has_perm("communities.read_thread", o.community))
        register_personal_data("community_places", personaldata.community_places)
