from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "verified", "is_demo"]
    list_filter = ["kind", "verified", "is_demo"]
    search_fields = ["name"]
    readonly_fields = ["verified", "verified_by", "verified_at"]
    inlines = [MembershipInline]
    actions = ["verify"]

    @admin.action(description=_("Mark as verified"))
    def verify(self, request, queryset):
        for organisation in queryset:
            services.organisation_verify(organisation=organisation, by=request.user)
        messages.success(request, _("Verified."))
