from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record

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
                                   "languages", "gender", "age_band", "portfolio_url", "interest_sdgs", "interest_themes",
                                   "profile_public", "is_demo"]}),
        (_("Roles and permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]
    filter_horizontal = ["groups", "interest_sdgs", "interest_themes"]

    # Staff edits here are writes under authority like any other: the admin's change view is one transaction,
    # and each change of access or roles is recorded in it with the old and new values.
    ACCESS_FIELDS = ("is_active", "is_staff", "is_superuser")

    def save_model(self, request, obj, form, change):
        old = User.objects.filter(pk=obj.pk).values(*self.ACCESS_FIELDS).first() if change else None
        super().save_model(request, obj, form, change)
        changed = {field: {"old": old[field], "new": getattr(obj, field)} for field in self.ACCESS_FIELDS
                   if old and old[field] != getattr(obj, field)}
        if changed:
            action_record(actor=request.user, verb=verbs.ACCESS_CHANGED, target=obj, data=changed)

    def save_related(self, request, form, formsets, change):
        person = form.instance
        old = sorted(person.groups.values_list("name", flat=True)) if change else []
        super().save_related(request, form, formsets, change)
        new = sorted(person.groups.values_list("name", flat=True))
        for role in sorted(set(new) - set(old)):
            action_record(actor=request.user, verb=verbs.ROLE_GRANTED, target=person,
                          data={"role": role, "old": old, "new": new, "via": "admin"})
        for role in sorted(set(old) - set(new)):
            action_record(actor=request.user, verb=verbs.ROLE_REVOKED, target=person,
                          data={"role": role, "old": old, "new": new, "via": "admin"})
