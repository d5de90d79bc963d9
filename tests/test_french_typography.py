import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrant_site.html import clean_html
from migrant_site.translation.models import french_typography
from news.models import NewsItem

# French as translators type it: words, every kind of space, the punctuation that wants a space,
# and the entities an editor or an old save may have left.
PIECES = st.sampled_from(
    [
        "Bahreïn",
        "décret",
        "l’OIT",
        " ",
        "  ",
        "\u00a0",
        "\u202f",
        ";",
        ":",
        "!",
        "?",
        "«",
        "»",
        "&nbsp;",
        "&amp;",
        "<",
        ">",
        "\n",
    ]
)
PLAIN = st.lists(PIECES, max_size=30).map("".join)
TAGS = st.sampled_from(["<p>", "</p>", "<em>", "</em>", '<a href="https://ilo.org/a b">', "</a>"])
RICH = st.lists(st.one_of(PIECES, TAGS), max_size=30).map("".join)

ENTITIES = ("&nbsp;", "&#160;", "&#xa0;")


def saved_rich_text(value):
    """What a rich-text French field goes through on save: sanitising, then typography."""
    return french_typography(clean_html(value), html=True)


@given(PLAIN)
def test_typography_on_plain_text_is_idempotent_and_writes_no_entity(text):
    once = french_typography(text)
    assert french_typography(once) == once
    assert not any(entity in once for entity in ENTITIES)
    assert " :" not in once and " ;" not in once and "« " not in once


@given(RICH)
def test_saving_rich_text_twice_changes_nothing_and_writes_no_entity(html):
    once = saved_rich_text(html)
    assert saved_rich_text(once) == once
    assert not any(entity in once for entity in ENTITIES)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=PLAIN.filter(str.strip), body=RICH)
def test_a_news_item_saved_twice_stores_the_same_french(title, body):
    item = NewsItem(title_en="T", slug="t", summary_en="S", title_fr=title, body_fr=body)
    item.save()
    item.refresh_from_db()
    first = (item.title_fr, item.body_fr)
    item.save()
    item.refresh_from_db()
    assert (item.title_fr, item.body_fr) == first
    assert not any(entity in item.body_fr + item.title_fr for entity in ENTITIES)
    item.delete()


def test_typography_uses_characters_and_keeps_a_narrow_no_break_space():
    assert french_typography("Bahreïn : « décret » ; oui\u202f!") == (
        "Bahreïn\u00a0: «\u00a0décret\u00a0»\u00a0; oui\u202f!"
    )
    assert french_typography("Tél.&nbsp;:") == "Tél.\u00a0:"


def test_rich_text_typography_changes_text_between_tags_only():
    html = '<p>Voir <a href="https://ilo.org/?a=1 :b" title="x ;">ce lien</a> !</p>'
    assert french_typography(clean_html(html), html=True) == (
        '<p>Voir <a href="https://ilo.org/?a=1 :b" title="x ;" rel="noopener noreferrer">'
        "ce lien</a>\u00a0!</p>"
    )
