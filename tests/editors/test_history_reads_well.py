import datetime
import json
import re

import lxml.html
import pytest
import time_machine
from reversion.models import Version

from news.models import NewsItem
from tests.editors.conftest import news_form, opened_state

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 11, 0, 7, tzinfo=datetime.UTC)  # 12:00:07 in Geneva


def as_the_browser_sends_it(html):
    """The change form as a browser submits it untouched: hidden initial values included,
    textareas without the newline that follows the tag, their line ends as CRLF."""
    form = next(f for f in lxml.html.fromstring(html).forms if f.get("id") == "newsitem_form")
    data = {}
    for name, value in form.form_values():
        element = form.inputs[name]
        if getattr(element, "tag", "") == "textarea":
            value = value.removeprefix("\n").replace("\n", "\r\n")
        data[name] = value
    return data


def change(client, item, **fields):
    """A change form's data as a browser sends it back: the hidden initial date, and the
    version the form was opened on."""
    url = f"/admin/news/newsitem/{item.pk}/change/"
    data = news_form(**fields)
    data.update(opened_state(client.get(url).context["adminform"].form))
    data["initial-published_at_0"], data["initial-published_at_1"] = "2026-01-15", "10:00:00"
    return data


def history(client, item, language="en"):
    url = f"/admin/news/newsitem/{item.pk}/history/"
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_an_untouched_save_lists_no_changed_field(editor_client):
    body_fr = "<p>Un texte : « mis en forme » !</p>\n<ul><li>un</li></ul>"
    editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(
            body_en="<p>Some <a href='https://ilo.org'>text</a></p>\n<p>more</p>",
            body_fr=body_fr,
            summary_en="Line one\nline two",
        ),
    )
    item = NewsItem.objects.get()
    url = f"/admin/news/newsitem/{item.pk}/change/"
    data = as_the_browser_sends_it(editor_client.get(url).content.decode())
    assert "\r\n" in data["body_en"] and "initial-published_at_0" in data
    assert editor_client.post(url, data).status_code == 302
    latest = Version.objects.get_for_object(item).first().revision
    assert json.loads(latest.comment) == [], latest.comment
    assert "No fields changed." in history(editor_client, item)


def test_the_editors_serialisation_of_an_unchanged_text_is_no_change(editor_client):
    editor_client.post("/admin/news/newsitem/add/", news_form(body_fr="<p>Texte : oui</p>"))
    item = NewsItem.objects.get()
    url = f"/admin/news/newsitem/{item.pk}/change/"
    data = change(
        editor_client, item, body_fr="<p>Texte&nbsp;: oui</p>", title_en="A retitled item"
    )
    assert editor_client.post(url, data).status_code == 302
    comment = json.loads(Version.objects.get_for_object(item).first().revision.comment)
    assert comment[0]["changed"]["names"] == ["title_en"]


@time_machine.travel(NOON, tick=False)
def test_history_shows_seconds_and_reads_in_the_viewers_language(editor_client):
    editor_client.post("/admin/news/newsitem/add/", news_form())
    item = NewsItem.objects.get()
    url = f"/admin/news/newsitem/{item.pk}/change/"
    # Saved by someone working in French...
    data = change(editor_client, item, title_en="Better", body_en="<p>New body</p>")
    editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="fr")
    english = history(editor_client, item)
    assert "12:00:07" in english
    assert "Changed Title [en] and Body [en]." in english
    french = history(editor_client, item, "fr")
    assert "12:00:07" in french
    assert "Modification de Titre [en] et Texte [en]." in french
    assert "Added." not in french


def test_restored_and_recovered_read_apart_from_ordinary_changes(editor_client):
    with time_machine.travel(NOON, tick=False):
        editor_client.post("/admin/news/newsitem/add/", news_form(body_en="<p>First</p>"))
    item = NewsItem.objects.get()
    url = f"/admin/news/newsitem/{item.pk}/change/"
    editor_client.post(url, change(editor_client, item, body_en="<p>Two</p>"))
    first = Version.objects.get_for_object(item).last()
    url = f"/admin/news/newsitem/{item.pk}/history/{first.pk}/"
    opened = opened_state(editor_client.get(url).context["adminform"].form)
    editor_client.post(url, news_form(body_en="<p>First</p>", **opened))
    english = history(editor_client, item)
    assert re.search(r"Restored from the version of March 2, 2026, 12:00:07\.", english)
    french = history(editor_client, item, "fr")
    assert "Rétabli depuis la version du 2 mars 2026, 12:00:07." in french

    editor_client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"})
    deleted = Version.objects.get_deleted(NewsItem).get()
    url = f"/admin/news/newsitem/recover/{deleted.pk}/"
    opened = opened_state(editor_client.get(url).context["adminform"].form)
    editor_client.post(url, news_form(body_en="<p>First</p>", **opened))
    item = NewsItem.objects.get()
    assert "Recovered after deletion, from the version of" in history(editor_client, item)
