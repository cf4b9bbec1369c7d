from django.contrib import admin

from .models import Comment, Idea


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "area", "stage", "visibility", "support_count", "comment_count"]
    list_filter = ["stage", "visibility", "area"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "organisation", "municipality", "issues"]
    # Stage and status move only through ideas.stages, which checks the rules and keeps the history.
    readonly_fields = ["support_count", "comment_count", "follower_count", "visibility", "moderation_reason", "stage",
                       "status", "stage_changed_at"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "idea", "author", "visibility", "created_at"]
    list_filter = ["visibility"]
    raw_id_fields = ["idea", "author", "parent", "root"]
    readonly_fields = ["visibility", "moderation_reason"]
