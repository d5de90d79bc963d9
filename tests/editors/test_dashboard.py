import datetime

import pytest
import time_machine
from django.utils import timezone

from news.models import NewsItem
from tests.editors.conftest import news_form

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_the_admin_home_lists_my_drafts_linked_to_their_forms(editor_client, admin_user):
    editor_client.post("/admin/news/newsitem/add/", news_form(title_en="My own draft"))
    NewsItem.objects.create(title_en="Someone else's draft", slug="other", summary_en="S")
    mine = NewsItem.objects.get(title_en="My own draft")
    html = editor_client.get("/admin/").content.decode()
    section = html[html.index('id="your-work"') :]
    assert "Your drafts" in section
    assert f'<a href="/admin/news/newsitem/{mine.pk}/change/">My own draft</a>' in section
    assert "Someone else" not in section


@time_machine.travel(NOW, tick=False)
def test_the_admin_home_says_in_words_when_scheduled_items_go_live(editor_client):
    item = NewsItem.objects.create(
        title_en="Tomorrow's news",
        slug="tomorrow",
        summary_en="S",
        status=NewsItem.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(hours=26),
    )
    html = editor_client.get("/admin/").content.decode()
    assert f'<a href="/admin/news/newsitem/{item.pk}/change/">Tomorrow&#x27;s news</a>' in html
    assert "in 1\xa0day, 2\xa0hours" in html
    french = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "dans 1\xa0jour, 2\xa0heures" in french


def test_translators_see_how_much_needs_french_with_a_link_to_the_board(client, translator):
    NewsItem.objects.create(title_en="Untranslated", slug="u", summary_en="S")
    client.force_login(translator)
    html = client.get("/admin/").content.decode()
    assert '<a href="/admin/translation-status/">' in html
    assert "1 record needs French" in html


def test_editors_are_not_shown_the_translation_count(editor_client):
    NewsItem.objects.create(title_en="Untranslated", slug="u", summary_en="S")
    assert "needs French" not in editor_client.get("/admin/").content.decode()


def test_the_admin_home_lists_live_items_with_changes_not_yet_published(editor_client):
    item = NewsItem.objects.create(
        title_en="Live story", slug="live", summary_en="S", status=NewsItem.Status.PUBLISHED
    )
    assert "Changes not yet published" not in editor_client.get("/admin/").content.decode()
    item.pending_changes = {"title_en": "Live story, revised"}
    item.save()
    html = editor_client.get("/admin/").content.decode()
    section = html[html.index("Changes not yet published") :]
    assert f'<a href="/admin/news/newsitem/{item.pk}/change/">Live story</a>' in section
