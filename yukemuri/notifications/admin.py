from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["person", "message", "created_at", "read_at", "emailed_at"]
    raw_id_fields = ["person"]
