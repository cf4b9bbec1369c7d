from django.contrib import admin

from .models import FundingRound, Participation, Programme, ProgressUpdate, Startup


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["programme"]


class FundingRoundInline(admin.TabularInline):
    model = FundingRound
    extra = 0
    fields = ["date", "kind", "amount_yen", "source", "is_public"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "fiscal_year"]
    list_filter = ["kind", "fiscal_year"]
    search_fields = ["name"]


@admin.register(Startup)
class StartupAdmin(admin.ModelAdmin):
    list_display = ["organisation", "stage", "sector", "founded_on", "updated_at"]
    list_filter = ["stage", "sector", "programmes"]
    search_fields = ["organisation__name", "pitch"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    inlines = [ParticipationInline, FundingRoundInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["startup", "date", "author", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["text", "startup__organisation__name"]
    raw_id_fields = ["startup", "author"]
    readonly_fields = ["visibility", "moderation_reason"]
