from django.contrib import admin

from .models import Area, Municipality, PopulationCount, Prefecture


@admin.register(Prefecture)
class PrefectureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "romaji"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "romaji", "prefecture", "sort_order"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kana", "romaji", "kind", "area"]
    list_filter = ["prefecture", "area", "kind"]
    search_fields = ["code", "name", "kana", "romaji"]


@admin.register(PopulationCount)
class PopulationCountAdmin(admin.ModelAdmin):
    """Loaded with `manage.py population_import`; shown to check what a file gave."""

    list_display = ["municipality", "as_of", "age_band", "count", "source"]
    list_filter = ["as_of", "age_band"]
    search_fields = ["municipality__name", "municipality__code"]
