from django.contrib import admin

from .models import SDGGoal, Skill, Theme


@admin.register(SDGGoal)
class SDGGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name_ja", "name_en", "colour"]


@admin.register(Theme, Skill)
class TermAdmin(admin.ModelAdmin):
    search_fields = ["name"]
