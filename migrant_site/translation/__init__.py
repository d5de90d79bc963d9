"""Translation, in one place: tracked fields, French typography and the site's interface strings
(models), per-field status (status), the translators' admin and board, the interface strings'
admin (admin), the catalogue behind those strings (interface_strings) and the XLIFF exchange
with translation tools (xliff, xliff_views).
Its template tags are `{% load translation %}` (migrant_site/templatetags/translation.py)."""
