"""Sanitising of editor-supplied rich text: what may reach a public page."""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "a",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "abbr",
    "q",
    "cite",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "abbr": {"title"},
    "p": {"lang"},
    "q": {"lang"},
}


def clean_html(value):
    """Keep formatting and links; drop scripts, event handlers, javascript: URLs, unknown tags."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
