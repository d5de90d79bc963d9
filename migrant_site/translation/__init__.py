"""Translation, in one place: tracked fields and French typography (models), per-field status
(status), the translators' admin and board (admin), interface strings edited in the admin
(interface_strings) and the XLIFF exchange with translation tools (xliff, xliff_views).
Its template tags are `{% load translation %}` (migrant_site/templatetags/translation.py)."""
