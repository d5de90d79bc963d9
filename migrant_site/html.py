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
    cleaned = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    # nh3 writes U+00A0 as "&nbsp;": keep the character, so French typography stays characters
    # and a second save gives the same text (no other entity names a character we keep).
    return cleaned.replace("&nbsp;", "\u00a0")
