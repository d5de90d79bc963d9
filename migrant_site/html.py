"""Sanitising of editor-supplied rich text: what may reach a public page.

One list decides what formatting exists: RICH_TEXT_EXTENSIONS, the rich-text editor's
configuration (django-prose-editor). The sanitiser's allowed tags and attributes are derived from
it, so the toolbar offers exactly what a save keeps.
"""

from html.parser import HTMLParser

import nh3
from django_prose_editor.config import allowlist_from_extensions

URL_SCHEMES = ["http", "https", "mailto", "tel"]
# Outgoing links carry this rel; the editor writes it too, so an untouched text saves unchanged.
LINK_REL = "noopener noreferrer"

RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,  # Shift+Enter
    "Link": {"enableTarget": False, "protocols": URL_SCHEMES},
    # Editing aids that produce no markup.
    "NoSpellCheck": False,
}


def _allowlist():
    allowed = allowlist_from_extensions(RICH_TEXT_EXTENSIONS)
    attributes = {tag: set(names) for tag, names in allowed["attributes"].items()}
    # nh3 sets rel itself (link_rel) and refuses to also allow it as an attribute.
    attributes["a"] -= {"rel", "target"}
    return frozenset(allowed["tags"]), attributes


ALLOWED_TAGS, ALLOWED_ATTRIBUTES = _allowlist()


def clean_html(value):
    """Keep formatting and links; drop scripts, event handlers, javascript: URLs, unknown tags."""
    cleaned = nh3.clean(
        value or "",
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
    )
    # nh3 writes U+00A0 as "&nbsp;": keep the character, so French typography stays characters
    # and a second save gives the same text (no other entity names a character we keep).
    return cleaned.replace("&nbsp;", "\u00a0")


# Removed without a word: they only carry presentation (pasted from a word processor) or
# hold nothing a reader sees.
_SILENT = {"html", "head", "body", "meta", "title", "span", "div", "font", "o:p"}


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS and tag not in _SILENT and tag not in self.tags:
            self.tags.append(tag)


def removed_tags(value):
    """The tags of `value` that clean_html removes (with their content or not), in order."""
    collector = _TagCollector()
    collector.feed(value or "")
    collector.close()
    return collector.tags
