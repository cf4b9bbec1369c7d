from django.contrib import admin

from .models import Area, Municipality, Prefecture


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
