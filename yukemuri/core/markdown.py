"""Markdown for user text: rendered with markdown-it, then sanitised with nh3.

Raw HTML in the source is escaped by the renderer and anything that still gets through is
removed by nh3's allow-list, so user text can never carry script, styles or event handlers.
"""

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    "image"  # images would load third-party content on every reader's device
)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def _demote_headings(html: str) -> str:
    # A post's headings sit under the page's own h1/h2, so keep the outline valid.
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    return html


def render_markdown(text: str) -> str:
    """Return safe HTML for Markdown `text`."""
    html = _demote_headings(_md.render(text or ""))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow ugc",
    )

