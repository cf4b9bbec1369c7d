from django.contrib import admin

from .models import PublicFacility


@admin.register(PublicFacility)
class PublicFacilityAdmin(admin.ModelAdmin):
    """Staff keep facilities here, or import the standard CSV (`manage.py facilities_import`)."""

    list_display = ["name", "category", "municipality", "owner_code", "source_id", "updated_at"]
    list_filter = ["category", "municipality"]
    search_fields = ["name", "name_kana", "name_en", "address", "source_id"]
    autocomplete_fields = ["municipality"]
    readonly_fields = ["created_at", "updated_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # a typed “www.…” is a web page on https, as the site's forms assume
        return super().formfield_for_dbfield(db_field, request, **kwargs)
