"""The upload fields a post's form adds (create and edit), the post page's own upload form, and the moderator's
hiding form. Uploads are checked in the form (processing.prepare), so a refusal shows on the field and the rest
of what was typed stays; the service stores what the form prepared."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import OneLineField

from . import services
from .processing import limits, prepare

UPLOAD_FIELDS = ("upload", "upload_alt", "upload_place")
ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"


def _upload_help():
    mb = round(limits()["bytes"] / 1024 / 1024, 1)
    return _("A photo (JPEG, PNG or WebP) or a PDF, up to %(mb)s MB. The place where a photo was taken and "
             "everything else your camera wrote into it are removed, unless you choose to share the place.") % {
        "mb": f"{mb:g}"}


class UploadFields(forms.Form):
    """One photo or file, with its description and the choice to share where the photo was taken."""

    upload = forms.FileField(label=_("Photo or PDF file (optional)"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
    upload_alt = OneLineField(label=_("Describe the photo"), max_length=300, required=False,
                              help_text=_("What the photo shows, for people who cannot see it. "
                                          "Needed for a photo; for a PDF, its title."))
    upload_place = forms.BooleanField(label=_("Share the place where the photo was taken"), required=False,
                                      help_text=_("Keeps the position your camera recorded, to show the post on "
                                                  "a map. Leave it unticked to remove it."))

    prepared = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _upload_help()
        # Last on the post's form, whatever the form's own fields are.
        self.order_fields([name for name in self.fields if name not in UPLOAD_FIELDS])

    def without_upload(self) -> dict:
        """The cleaned data but the upload's fields: for the post's own service."""
        return {name: value for name, value in self.cleaned_data.items() if name not in UPLOAD_FIELDS}

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            try:
                self.prepared = prepare(upload, alt=data.get("upload_alt") or "",
                                        share_place=bool(data.get("upload_place")))
            except ValidationError as error:
                self.add_error("upload_alt" if error.code == "alt_required" else "upload", error)
        return data


class UploadForm(UploadFields):
    """The post page's form: add one photo or file to a post already published."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].required = True
        self.fields["upload"].label = _("Photo or PDF file")


class HideForm(forms.Form):
    reason = OneLineField(label=_("Why is it hidden?"), max_length=500,
                          help_text=_("Its author will read this."))


def then_attach(form, action, *, by):
    """Wrap a post's create or update service for submit_form: write the post, then add the form's prepared
    upload to it, in one transaction (a refused upload leaves no post behind)."""

    def run(**kwargs):
        with transaction.atomic():
            post = action(**kwargs)
            if form.prepared is not None:
                services.attach(post=post, by=by, prepared=form.prepared)
        return post

    return run
