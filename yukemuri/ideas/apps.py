from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "yukemuri.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self):
        from django.db.models import Q
        from django.urls import reverse
        from django.utils.text import Truncator

        from yukemuri.core.pagecache import register_hole
        from yukemuri.core.views_helpers import register_support_hole
        from yukemuri.issues import answers
        from yukemuri.moderation import registry

        from . import (
            receivers,  # noqa: F401 — the followers' notices, after an action commits
            services,  # noqa: F401 — connects the comment-count receiver
        )
        from .models import Comment, Idea, IdeaSupport
        from .selectors import follow_controls, following_states, ideas_answering, with_idea_counts

        registry.register(Idea, key="idea", url=lambda o: reverse("idea_detail", args=[o.pk]),
                          excerpt=lambda o: o.title)
        registry.register(
            Comment, key="comment",
            url=lambda o: reverse("idea_detail", args=[o.idea_id]) + f"#comment-{o.pk}",
            excerpt=lambda o: Truncator(o.body).chars(80),
            # A guest's comment reaches the moderators only once its e-mail link is followed.
            awaiting=Q(author__isnull=True, guest_confirmed_at__isnull=True) & ~Q(guest_email=""),
        )
        from django.utils.translation import gettext_lazy as _

        from yukemuri.translations import registry as translations

        # Ideas and their comments can be translated (translations sits below ideas and asks here).
        translations.register(Idea, key="idea", label=lambda: _("Idea"), body_field="body",
                              url=lambda o: reverse("idea_detail", args=[o.pk]), public=Idea.objects.published,
                              detail_url_name="idea_detail")
        translations.register(
            Comment, key="comment", label=lambda: _("Comment"), title_field=None, body_field="body",
            url=lambda o: reverse("idea_detail", args=[o.idea_id]) + f"#comment-{o.pk}",
            public=lambda: Comment.objects.published().filter(idea__visibility="published"),
        )

        from yukemuri.attachments import registry as attachments

        from .selectors import idea_detail

        # Photos and files (docs/decisions/0037): served to exactly those who may read the idea.
        attachments.register(Idea, key="idea", visible=idea_detail, change_perm="ideas.change_idea",
                             url=lambda o: reverse("idea_detail", args=[o.pk]))

        from . import guests

        guests.connect()  # supports and comments without an account (notifications/guests.py)
        # The issue pages list the ideas answering an issue; issues sits below ideas and asks here.
        answers.provide(ideas_answering=ideas_answering, with_idea_counts=with_idea_counts)
        # The person's own state on pages shared between signed-in people (core/pagecache.py).
        register_support_hole("idea_support", IdeaSupport)
        register_hole("idea_follow", states=following_states, render=follow_controls)
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("ideas", personaldata.ideas)
        register_personal_data("comments", personaldata.comments)
        register_personal_data("idea_supports", personaldata.idea_supports)
        register_personal_data("idea_follows", personaldata.idea_follows)
