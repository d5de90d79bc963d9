"""The news form says where a draft can be seen, which clock it uses and when an item goes live."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from news.models import NewsItem
from tests.editors.conftest import news_form

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 1, 10, 12, 0, tzinfo=ZoneInfo("Europe/Zurich"))


@pytest.fixture
def draft():
    return NewsItem.objects.create(title_en="Unfinished", slug="unfinished", summary_en="x")


def test_view_on_site_opens_the_preview_of_a_draft_and_the_page_of_a_public_item(
    editor_client, draft
):
    html = editor_client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    assert 'href="/en/news/unfinished/preview/" class="viewsitelink"' in html
    assert editor_client.get("/en/news/unfinished/preview/").status_code == 200

    french = editor_client.get(
        f"/admin/news/newsitem/{draft.pk}/change/", headers={"accept-language": "fr"}
    ).content.decode()
    assert 'href="/fr/actualites/unfinished/preview/" class="viewsitelink"' in french

    NewsItem.objects.filter(pk=draft.pk).update(status=NewsItem.Status.PUBLISHED)
    html = editor_client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    assert 'href="/en/news/unfinished/" class="viewsitelink"' in html


def test_the_publication_date_names_the_sites_time_zone(editor_client, draft):
    url = f"/admin/news/newsitem/{draft.pk}/change/"
    assert "Time zone: Geneva time." in editor_client.get(url).content.decode()
    french = editor_client.get(url, headers={"accept-language": "fr"}).content.decode()
    assert "Fuseau horaire\u00a0: heure de Genève." in french


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "It will go live on 18 March 2027 at 09:00 (Geneva time)."),
        ("fr", "Il sera mis en ligne le 18 mars 2027 à 9 h 00 (heure de Genève)."),
    ],
)
def test_saving_a_scheduled_item_says_when_it_goes_live(client, editor, language, message):
    form = news_form(status="published", published_at_0="2027-03-18", published_at_1="09:00:00")
    with time_machine.travel(NOW, tick=False):
        client.force_login(editor)  # a session opened at that time
        response = client.post(
            "/admin/news/newsitem/add/", form, headers={"accept-language": language}, follow=True
        )
    shown = [str(m) for m in response.context["messages"]]
    assert message in shown


def test_saving_a_draft_or_a_public_item_says_nothing_about_going_live(client, editor):
    with time_machine.travel(NOW, tick=False):
        client.force_login(editor)
        response = client.post("/admin/news/newsitem/add/", news_form(), follow=True)
        assert response.redirect_chain[0][0] == "/admin/news/newsitem/"
    assert not any("go live" in str(m) for m in response.context["messages"])
