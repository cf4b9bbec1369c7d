from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Consent, PersonCreatorKind, PersonSkill, User


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    readonly_fields = ["purpose", "granted_at", "withdrawn_at", "policy_version"]
    can_delete = False


class SkillInline(admin.TabularInline):
    model = PersonSkill
    extra = 0
    autocomplete_fields = ["skill"]


class CreatorKindInline(admin.TabularInline):
    model = PersonCreatorKind
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "relation", "home_municipality", "is_demo", "is_staff"]
    list_filter = ["relation", "is_demo", "is_staff", "groups"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["profile_public", "date_joined", "last_login"]
    inlines = [SkillInline, CreatorKindInline, ConsentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "preferred_language", "relation", "home_municipality", "bio",
                                   "languages", "gender", "portfolio_url", "interest_sdgs", "interest_themes",
                                   "profile_public", "is_demo"]}),
        (_("Roles and permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]
    filter_horizontal = ["groups", "interest_sdgs", "interest_themes"]
