"""An invoice as a PDF (WeasyPrint) and a month's invoices as CSV (core.csvexport: cells cannot start a formula).

The PDF embeds a Japanese font found at run time: the family `INVOICE_FONT_FAMILY` through fontconfig (`fc-list`),
or the file `INVOICE_FONT_FILE`. No path of one machine is assumed; without a font that covers Japanese the PDF is
refused with InvoiceFontMissing rather than printed with empty boxes.
"""

import io
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from yukemuri.core import csvexport


class InvoiceFontMissing(RuntimeError):
    """No font for Japanese text is configured or installed."""


def invoice_font() -> tuple[str, str]:
    """(CSS family, @font-face src or ""): the configured font file, else the fontconfig family covering Japanese."""
    file = settings.YUKEMURI.get("INVOICE_FONT_FILE", "")
    family = settings.YUKEMURI.get("INVOICE_FONT_FAMILY", "Noto Sans CJK JP")
    if file:
        path = Path(file)
        if not path.is_file():
            raise InvoiceFontMissing(f"INVOICE_FONT_FILE={file!r} is not a file")
        return "InvoiceFont", path.resolve().as_uri()
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise InvoiceFontMissing("fontconfig (fc-list) is not installed: set INVOICE_FONT_FILE to a Japanese font")
    found = subprocess.run([fc_list, f"{family}:lang=ja", "file"],  # noqa: S603  (our setting, not user input)
                           capture_output=True, text=True, timeout=20).stdout
    if not found.strip():
        raise InvoiceFontMissing(f"no font of the family {family!r} covering Japanese is installed (e.g. the "
                                 f"fonts-noto-cjk package): install one, or set INVOICE_FONT_FAMILY or INVOICE_FONT_FILE")
    return family, ""


def _no_fetching(url, *args, **kwargs):
    # The invoice has no images or style sheets to fetch; only the configured font file may be read.
    from weasyprint.urls import default_url_fetcher

    configured = settings.YUKEMURI.get("INVOICE_FONT_FILE", "")
    if configured and url == Path(configured).resolve().as_uri():
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"the invoice fetches nothing ({url})")


def invoice_pdf(invoice) -> bytes:
    from weasyprint import HTML

    family, src = invoice_font()
    html = render_to_string("membership/invoice_pdf.html", {
        "invoice": invoice, "lines": list(invoice.lines.all()), "font_family": family, "font_src": src})
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()


CSV_HEADER = ("invoice_number", "issued_on", "month", "issuer", "registration_number", "recipient", "plan",
              "line", "day", "quantity", "unit_price", "amount", "tax_rate", "tax_mode")


def invoices_csv(invoices) -> str:
    """One row per invoice line, then per rate a row of its subtotal and tax (what the 適格請求書 states)."""
    out = io.StringIO()
    writer = csvexport.writer(out)
    writer.writerow(CSV_HEADER)
    for invoice in invoices:
        head = (invoice.number, invoice.issued_on.isoformat(), invoice.month.strftime("%Y-%m"), invoice.issuer_name,
                invoice.registration_number, invoice.recipient, invoice.plan_name)
        for line in invoice.lines.all():
            writer.writerow((*head, line.description, line.day.isoformat() if line.day else "", line.quantity,
                             line.unit_price, line.amount, "" if invoice.tax_mode == "not_taxable" else line.rate,
                             invoice.tax_mode))
        for rate in invoice.per_rate:
            label = (_("Subtotal (not taxable)") if rate["rate"] is None
                     else _("Subtotal at %(rate)s %% (tax %(tax)s yen)") % {"rate": rate["rate"], "tax": rate["tax"]})
            writer.writerow((*head, label, "", "", "", rate["gross"], rate["rate"] or "", invoice.tax_mode))
    return out.getvalue()
