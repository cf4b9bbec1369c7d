from django.contrib import admin

from .models import CreatorBrief, EvidenceLink, Issue


class EvidenceInline(admin.TabularInline):
    model = EvidenceLink
    extra = 0


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "area", "status", "visibility", "support_count", "created_at"]
    list_filter = ["status", "visibility", "area"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "organisation", "municipality"]
    readonly_fields = ["support_count", "visibility", "moderation_reason"]
    inlines = [EvidenceInline]


@admin.register(CreatorBrief)
class CreatorBriefAdmin(admin.ModelAdmin):
    list_display = ["issue", "status", "budget_yen", "updated_at"]
    list_filter = ["status"]
    search_fields = ["wanted", "issue__title"]
    raw_id_fields = ["issue", "set_by"]
