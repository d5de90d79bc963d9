"""News search: what a visitor reads, kept by the database as an indexed document per language.

On PostgreSQL each site language has a stored generated column (`search_<code>`, one per code in LANGUAGES):
the weighted text-search document of the text a page in that language shows, fallbacks
included, with the language's configuration (settings.SEARCH_CONFIGS). The database computes it
on every INSERT and UPDATE, so no save path can leave it stale: save(), the admin, a restore,
loaddata, bulk_create() and QuerySet.update() alike. A GIN index per language serves the
queries. On other databases (SQLite) the columns are NULL and search is a plain contains-match
over the same displayed text.
"""

import functools
import hashlib
import operator
from collections.abc import Sequence

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connections, models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.utils import build_localized_fieldname

from migrant_site.content_version import remember
from migrant_site.translation.models import fallback_order

FIELDS = {"title": "A", "summary": "B", "body": "C"}  # field: weight in the ranking
# The best matches a search shows, at most: deeper pages would rank the whole table for
# nobody (10 pages of 10); the page says so and asks for a narrower search.
MAX_RESULTS = 100
# On PostgreSQL, the newest matches ranked to find the best ones, at most.
MAX_CANDIDATES = 1000


def displayed_text(field, language):
    """SQL for the text a visitor reads: the language's column, or its fallback when empty."""
    columns = [
        NullIf(build_localized_fieldname(field, code), Value(""))
        for code in fallback_order(language)
    ]
    return Coalesce(*columns, Value(""), output_field=models.TextField())


def document_name(language):
    return build_localized_fieldname("search", language)


class PostgreSQLOnly(Func):
    """Its expression on PostgreSQL; NULL on other databases, which do without it."""

    template = "%(expressions)s"
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, **extra_context)


def document_field(language):
    """A stored column the database computes itself: the weighted words a page shows."""
    config = settings.SEARCH_CONFIGS[language]
    vectors = [
        SearchVector(displayed_text(field, language), weight=weight, config=config)
        for field, weight in FIELDS.items()
    ]
    return models.GeneratedField(
        expression=PostgreSQLOnly(functools.reduce(operator.add, vectors)),
        output_field=SearchVectorField(),
        db_persist=True,
        null=True,
        serialize=False,  # derived: not in backups nor in the history's versions
    )


def document_indexes():
    """A GIN index per language, made on PostgreSQL only by a migration (`create_indexes`).

    They are not in the model's Meta: SQLite rebuilds a table, on any later change to it, with
    every index the migration state holds, and a GIN index is not SQL it knows.

    Without fastupdate: an edit goes into the index at once, rather than into a pending list
    that every search would read until the next vacuum (news is read far more than written).
    """
    return [
        GinIndex(fields=[name], name=f"news_{name}", fastupdate=False) for name in document_names()
    ]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("news", "NewsItem")
        for index in document_indexes():
            schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("news", "NewsItem")
        for index in document_indexes():
            schema_editor.remove_index(model, index)


def document_names():
    return [document_name(code) for code, _name in settings.LANGUAGES]


def add_document_fields(model):
    for code, _name in settings.LANGUAGES:
        model.add_to_class(document_name(code), document_field(code))


def matches(queryset, query, language):
    """The items of `queryset` matching `query` in the text shown in `language`, best first.

    PostgreSQL: the stored document with the language's stemming ("migrants" finds
    "migrant") and web-search syntax ("quoted phrase", -word, or), ranked by relevance, title
    matches first. Other databases: a plain contains-match, newest first.
    """
    if connections[queryset.db].vendor != "postgresql":
        texts = {f"shown_{field}": displayed_text(field, language) for field in FIELDS}
        found = functools.reduce(operator.or_, (Q(**{f"{n}__icontains": query}) for n in texts))
        return queryset.alias(**texts).filter(found)
    document = document_name(language)
    config = settings.SEARCH_CONFIGS[language]
    search_query = SearchQuery(query, config=config, search_type="websearch")
    return (
        queryset.filter(**{document: search_query})
        .annotate(rank=SearchRank(F(document), search_query))
        .order_by("-rank", "-published_at", "-pk")
    )


def best_match_ids(queryset, query, language):
    """The ids of the MAX_RESULTS best matches, in order, plus one if there are more.

    Ranking reads every candidate, and a word found in every item would rank the whole
    archive. So the candidates are the MAX_CANDIDATES newest matches (found through the GIN
    index for a rare word, in date order for a common one): bounded work at any scale.
    """
    found = matches(queryset, query, language)
    if connections[queryset.db].vendor != "postgresql":
        return list(found.values_list("pk", flat=True)[: MAX_RESULTS + 1])
    newest = found.order_by("-published_at", "-pk").values_list("pk", "rank")
    # A stable sort: among equal ranks the newest stays first.
    ranked = sorted(newest[:MAX_CANDIDATES], key=lambda candidate: -candidate[1])
    return [pk for pk, _rank in ranked[: MAX_RESULTS + 1]]


class Results(Sequence):
    """The best matches for a search: their ids are reused until the content changes; the
    items of a page are read by id, in rank order. Paginator takes it as its object list."""

    def __init__(self, queryset, query, language):
        key = hashlib.sha256(query.encode()).hexdigest()
        ids = remember(
            f"news-search:{language}:{key}",
            lambda: best_match_ids(queryset, query, language),
        )
        self.queryset = queryset
        self.truncated = len(ids) > MAX_RESULTS  # more matches than shown
        self.ids = ids[:MAX_RESULTS]

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        items = self.queryset.in_bulk(ids)
        # An item unpublished since the ids were kept is left out (its edit renews them).
        found = [items[pk] for pk in ids if pk in items]
        return found if isinstance(index, slice) else found[0]
