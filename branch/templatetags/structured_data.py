import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from branch import structured_data

register = template.Library()

# As Django's json_script filter does: "</script>" or "<!--" in the data cannot end the script.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    profile = context.get("profile")
    if not profile:
        return ""
    return json_ld(structured_data.organization(profile, context["request"]))
