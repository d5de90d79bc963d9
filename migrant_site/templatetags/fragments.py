"""{% fragment %}: the site's one rule for caching a part of a page.

    {% load fragments %}
    {% fragment "footer" %}…{% endfragment %}
    {% fragment "organization" request.scheme request.get_host %}…{% endfragment %}

Django's own {% cache %} (CacheNode), always in this process's memory (the "local" cache), kept
for CONTENT_CACHE_SECONDS and keyed by the content version and the language, plus any keys
given: a fragment is rebuilt after any edit, and neither kept nor reused while the shared cache
is down, when CONTENT_CACHE_SECONDS is 0, or when the page is rendered without the context
processor (the 500 page).
"""

from django import template
from django.templatetags.cache import CacheNode

register = template.Library()


class FragmentNode(CacheNode):
    def render(self, context):
        # Without a lifetime, {% cache %} would still look the fragment up, and store it with an
        # expiry already past, which a clock set back (a test's time travel) takes for fresh.
        if not self.expire_time_var.resolve(context):
            return self.nodelist.render(context)
        return super().render(context)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    # The values come from migrant_site.context_processors.fragment_cache, once per request.
    keys = ["content_version", "LANGUAGE_CODE", *bits[2:]]
    return FragmentNode(
        nodelist,
        parser.compile_filter("fragment_cache_seconds|default:0"),
        bits[1].strip("'\""),
        [parser.compile_filter(key) for key in keys],
        parser.compile_filter('"local"'),
    )
