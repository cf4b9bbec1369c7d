from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Event list (CSV)"),
                           help_text=_("自治体標準オープンデータセット「イベント一覧」, current or older header; "
                                       "UTF-8 or Shift_JIS; at most 5 MB."))
    dry_run = forms.BooleanField(label=_("Only check the file, import nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload
