from django.contrib import admin

from .models import Campaign, Pledge


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    """Read-mostly: totals and states change only through the funding services."""

    list_display = ["title", "idea", "status", "mode", "goal_yen", "confirmed_yen", "pledged_yen", "deadline"]
    list_filter = ["status", "mode"]
    raw_id_fields = ["idea", "created_by"]
    readonly_fields = ["status", "pledged_yen", "confirmed_yen", "pledge_count", "settled_at"]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["reference", "campaign", "amount_yen", "status", "corporate", "created_at"]
    list_filter = ["status", "corporate"]
    search_fields = ["reference"]
    raw_id_fields = ["campaign", "supporter", "organisation", "changed_by"]
    readonly_fields = ["amount_yen", "status", "reference", "changed_at", "changed_by"]
