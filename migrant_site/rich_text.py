"""The admin's rich-text editor (django-prose-editor) for formatted fields, in every language.

The editor offers what migrant_site.html.RICH_TEXT_EXTENSIONS lists; the sanitiser keeps the
same and stays the authority on save. The assets come from the package, loaded by our own
module (static/js/rich_text.js): no import map, so no inline script for the CSP to allow.
"""

import json

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.text import get_text_list, normalize_newlines
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from django_prose_editor.config import expand_extensions

from migrant_site.html import (
    ALLOWED_TAGS,
    LINK_REL,
    RICH_TEXT_EXTENSIONS,
    URL_SCHEMES,
    clean_html,
    removed_tags,
)

# One row of buttons, no drop-down (its opener cannot be reached with the keyboard).
MENU_GROUPS = [
    {"group": "blockType -lists"},
    {"group": "lists"},
    {"group": "nodes -blockType -lists"},
    {"group": "marks"},
    {"group": "link"},
    {"group": "history"},
]

# The toolbar's buttons by their django-prose-editor name, named in the admin's language.
BUTTON_LABELS = {
    "heading2": _("Heading"),
    "heading3": _("Subheading"),
    "paragraph": _("Paragraph"),
    "bulletList": _("Bulleted list"),
    "orderedList": _("Numbered list"),
    "orderedListProperties": _("Numbering style"),
    "blockquote": _("Quotation"),
    "bold": _("Bold"),
    "italic": _("Italic"),
    "link": _("Link"),
    "unlink": _("Remove link"),
    "history:undo": _("Undo"),
    "history:redo": _("Redo"),
}
# What a paste may bring that the text cannot hold, named for the editor's warning.
PASTE_LABELS = {
    "img": _("images"),
    "picture": _("images"),
    "svg": _("images"),
    "table": _("tables"),
    **dict.fromkeys(["caption", "thead", "tbody", "tfoot", "tr", "th", "td", "col"], _("tables")),
    "figure": _("images"),
    "figcaption": _("images"),
    "h1": _("level 1 headings"),
    "h4": _("level 4 to 6 headings"),
    "h5": _("level 4 to 6 headings"),
    "h6": _("level 4 to 6 headings"),
    "iframe": _("embedded content"),
    "video": _("embedded content"),
    "audio": _("embedded content"),
    "object": _("embedded content"),
    "embed": _("embedded content"),
    "u": _("underlining"),
    "s": _("strikethrough"),
    "del": _("strikethrough"),
    "sub": _("subscript and superscript"),
    "sup": _("subscript and superscript"),
    "pre": _("code blocks"),
    "code": _("code"),
    "hr": _("horizontal lines"),
    "form": _("form fields"),
    "input": _("form fields"),
    "button": _("form fields"),
}
# Kept by the editor under another name (<b> becomes <strong>), or mere wrappers.
PASTE_CONVERTED = ["b", "i", "span", "div", "font", "html", "head", "body", "meta", "style"]
HINT = _(
    "Keyboard: Ctrl+B bold, Ctrl+I italic, Ctrl+K link, Ctrl+Alt+2 heading, "
    "Ctrl+Alt+3 subheading, Ctrl+Shift+8 bulleted list, Ctrl+Shift+7 numbered list, "
    "Ctrl+Shift+B quotation, Shift+Enter line break; in a list, Tab indents the item."
)


def editor_config():
    """What static/js/rich_text.js builds the editor from (JSON in a data- attribute)."""
    extensions = expand_extensions(RICH_TEXT_EXTENSIONS)
    extensions["Menu"] = {"groups": MENU_GROUPS}
    extensions["Link"] = {
        key: value for key, value in extensions["Link"].items() if key != "protocols"
    }
    return {
        "extensions": extensions,
        "schemes": URL_SCHEMES,
        "rel": LINK_REL,
        "allowed": sorted(ALLOWED_TAGS) + PASTE_CONVERTED,
        "buttons": BUTTON_LABELS,
        "toolbar": _("Formatting"),
        "hint": HINT,
        "paste": PASTE_LABELS,
        "pasteNotice": _("Not kept from the pasted text: %(parts)s."),
    }


class RichTextWidget(forms.Textarea):
    """A textarea the editor replaces; without JavaScript it stays a plain textarea."""

    @property
    def media(self):
        prose = "django_prose_editor/"
        return forms.Media(
            css={
                "all": [
                    f"{prose}material-icons.css",
                    f"{prose}editor.css",
                    f"{prose}overrides.css",
                    "css/rich_text.css",
                ]
            },
            js=[
                # The editor's own strings (the link dialog) in the admin's language.
                reverse("rich-text-i18n"),
                forms.Script("js/rich_text.js", type="module"),
            ],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-rich-text"] = json.dumps(
            editor_config(), separators=(",", ":"), cls=DjangoJSONEncoder
        )
        return context

    def use_required_attribute(self, initial):
        # The textarea is hidden behind the editor: the browser could not point at it.
        return False


def canonical(value):
    """The text as a save would store it, for telling a real change from a round trip."""
    return clean_html(normalize_newlines(value or "")).replace("\u00a0", "&nbsp;")


class RichTextFormField(forms.CharField):
    widget = RichTextWidget

    def to_python(self, value):
        # Browsers send a textarea's line ends as CRLF.
        return normalize_newlines(super().to_python(value))

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return canonical(initial) != canonical(self.to_python(data))


class RichTextAdminMixin:
    """Formatted fields (`rich_text_fields`, every language of them) get the editor."""

    rich_text_fields = ()

    def _is_rich_text(self, db_field):
        original = getattr(db_field, "translated_field", db_field)
        return original.name in self.rich_text_fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if self._is_rich_text(db_field):
            kwargs.update(form_class=RichTextFormField, widget=RichTextWidget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The sanitiser has the last word; say what it takes out, rather than losing it quietly.
        for name in form.changed_data:
            field = form.fields[name]
            if isinstance(field, RichTextFormField):
                removed = removed_tags(form.cleaned_data.get(name))
                if removed:
                    messages.warning(
                        request,
                        _("%(field)s: removed on saving, not allowed here: %(tags)s.")
                        % {
                            "field": field.label,
                            "tags": get_text_list([f"<{tag}>" for tag in removed], _("and")),
                        },
                    )
        super().save_model(request, obj, form, change)


# The editor's own strings (django-prose-editor's JavaScript catalogue).
javascript_catalog = JavaScriptCatalog.as_view(packages=["django_prose_editor"])
