from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """Django's renderer with our field layout: labels without a colon, a 'required' mark,
    checkboxes beside their label (core/templates/core/forms/field.html)."""

    field_template_name = "core/forms/field.html"
