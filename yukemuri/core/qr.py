"""QR codes as inline SVG (segno): a ticket's check-in, a wallet's or a merchant's points code. No JavaScript,
no image request; the text code is always printed beside it for people who type it instead."""

import segno


def qr_svg(content: str, title: str) -> str:
    """An inline <svg> of `content` with an accessible title (the caller marks it safe in the template)."""
    return segno.make(content, error="m").svg_inline(scale=5, dark="#000", light="#fff", title=title)
