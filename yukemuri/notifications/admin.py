from django.contrib import admin

from .models import Notification, OutgoingEmail


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["person", "message", "created_at", "read_at", "emailed_at"]
    raw_id_fields = ["person"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """What went out, and what waits for the mail server (last_error says why)."""

    list_display = ["key", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["key"]
    readonly_fields = ["key", "task_path", "args", "created_at", "claimed_at", "sent_at", "attempts", "last_error"]
