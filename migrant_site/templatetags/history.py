from django import template

from migrant_site.history import describe, moment

register = template.Library()


@register.filter
def revision_comment(revision, model):
    return describe(revision.comment, model)


@register.filter
def to_the_second(value):
    return moment(value)
