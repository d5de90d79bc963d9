"""What the search tests share: the titles a results page lists, and the mark of the tests that
need PostgreSQL's full-text search."""

import pytest
from django.db import connection
from lxml import html as lxml_html

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's full-text search: stemming, ranking, the stored search documents and "
    "their index (SQLite uses a plain contains-match; run with DATABASE_URL=postgres://…, as CI "
    "does)",
)


def result_titles(response):
    """The results' titles, in order: each news summary's heading link."""
    tree = lxml_html.fromstring(response.content)
    return [
        link.text_content().strip()
        for link in tree.xpath('//main//article[@class="news-summary"]/h2/a')
    ]
