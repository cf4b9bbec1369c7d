from django.contrib import admin

from .models import ModerationAction, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["content_type", "object_id", "reason", "reporter", "created_at", "resolved_at"]
    list_filter = ["reason", "content_type"]


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The log is append-only: readable here, never edited."""

    list_display = ["created_at", "moderator", "action", "content_type", "object_id", "reason"]
    list_filter = ["action", "content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
