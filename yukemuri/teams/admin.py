from django.contrib import admin

from .models import Application, RoleWanted, TeamMember


@admin.register(RoleWanted)
class RoleWantedAdmin(admin.ModelAdmin):
    list_display = ["idea", "kind", "count", "filled", "opened_at", "closed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["idea"]


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["idea", "person", "role", "is_lead", "joined_at"]
    raw_id_fields = ["idea", "person"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["role", "person", "direction", "status", "created_at"]
    list_filter = ["status", "direction"]
    raw_id_fields = ["role", "person", "decided_by"]
