from django.contrib import admin

from .models import Opening, Profile, Suggestion, VolunteerDay, VolunteerTask


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "travel_km", "online_only", "capacity"]
    raw_id_fields = ["person"]


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "count", "is_open", "created_at"]
    list_filter = ["kind", "is_open"]
    raw_id_fields = ["role", "brief", "task", "municipality"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["opening", "person", "score", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["opening", "person"]


class TaskInline(admin.TabularInline):
    model = VolunteerTask
    extra = 0


@admin.register(VolunteerDay)
class VolunteerDayAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "municipality"]
    inlines = [TaskInline]
