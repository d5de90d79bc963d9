"""{% fragment %}: the site's one rule for caching a part of a page.

    {% load fragments %}
    {% fragment "footer" %}…{% endfragment %}
    {% fragment "organization" request.scheme request.get_host %}…{% endfragment %}

Django's {% cache %}, always in this process's memory (the "local" cache), kept for
CONTENT_CACHE_SECONDS and keyed by the content version and the language, plus any keys given: a
fragment is rebuilt after any edit, and neither kept nor reused while the shared cache is down,
when CONTENT_CACHE_SECONDS is 0, or when the page is rendered without the context processor (the
500 page).
"""

from django import template
from django.core.cache.utils import make_template_fragment_key

from migrant_site.content_version import local_cache

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, keys):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context):
        # From migrant_site.context_processors.fragment_cache, once per request.
        seconds = context.get("fragment_cache_seconds")
        if not seconds:
            # Not even looked up: Django's {% cache %} at 0 seconds still reads, and stores the
            # fragment with an expiry already past, which a clock set back takes for fresh.
            return self.nodelist.render(context)
        key = make_template_fragment_key(self.name, [key.resolve(context) for key in self.keys])
        cache = local_cache()
        value = cache.get(key)
        if value is None:
            value = self.nodelist.render(context)
            cache.set(key, value, seconds)
        return value


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    keys = ["content_version", "LANGUAGE_CODE", *bits[2:]]
    return FragmentNode(nodelist, bits[1].strip("'\""), [parser.compile_filter(k) for k in keys])
