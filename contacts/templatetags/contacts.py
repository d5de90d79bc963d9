from django import template

from contacts.models import Office

register = template.Library()


@register.simple_tag
def offices():
    """The offices, in their order. A tag, not a view's queryset, so that a kept contact page
    does not even build the query (modeltranslation makes a queryset class for each one)."""
    return Office.objects.all()
