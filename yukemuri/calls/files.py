"""The PDF files of calls and proposals: checked by what they hold, not by their names."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_FILE_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def check_pdf(upload, field: str = "file") -> None:
    """A PDF of at most 10 MB: its first bytes must be `%PDF-` whatever it is called (a renamed program or page
    is refused), and the size is read from the upload, not from what the browser claimed."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError({field: _("The file is larger than 10 MB.")})
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError({field: _("Attach a PDF file: this file is not a PDF.")})


def display_name(upload) -> str:
    """The uploaded name, kept only to offer it back on download (never as the stored name)."""
    name = (getattr(upload, "name", "") or "document.pdf").replace("/", "_").replace("\\", "_").strip()[-150:]
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"
