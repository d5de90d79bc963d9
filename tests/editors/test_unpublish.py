"""Unpublishing and expiry: an item leaves every public page, by hand or at its time."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from reversion.models import Version

from migrant_site.history import describe
from news.models import NewsItem
from tests.editors.conftest import GENEVA, news_form, published_item, save_news

pytestmark = pytest.mark.django_db

EXPIRY = datetime(2026, 3, 18, 9, 0, tzinfo=GENEVA)
TITLE = "Short-lived call for papers"


def public_places(client):
    """Every public page, feed and sitemap that lists items, with the item's search."""
    return {
        path: client.get(path).content.decode()
        for path in [
            "/en/",
            "/fr/",
            "/en/news/",
            "/fr/actualites/",
            "/en/news/2026/",
            "/en/news/feed/",
            "/fr/actualites/atom/",
            "/sitemap.xml",
            "/en/search/?q=papers",
        ]
    }


def shown_in(client):
    return [path for path, html in public_places(client).items() if "/short-lived/" in html]


@pytest.fixture
def expiring(seeded):
    return published_item(
        title_en=TITLE,
        title_fr="Appel à contributions éphémère",
        slug="short-lived",
        summary_en="Until March.",
        unpublish_at=EXPIRY,
    )


def test_an_item_leaves_every_public_page_at_its_unpublish_time_by_itself(client, expiring):
    with time_machine.travel(EXPIRY - timedelta(minutes=1), tick=False):
        assert len(shown_in(client)) == 9
        assert client.get("/en/news/short-lived/").status_code == 200
        assert expiring.publication_state() == "Published"
    with time_machine.travel(EXPIRY + timedelta(seconds=1), tick=False):
        assert shown_in(client) == []
        assert NewsItem.objects.get(pk=expiring.pk).publication_state() == "Expired"
        gone = client.get("/en/news/short-lived/")
        assert gone.status_code == 410
        assert "<h1>News item withdrawn</h1>" in gone.content.decode()
        french = client.get("/fr/actualites/short-lived/")
        assert french.status_code == 410
        assert "<h1>Article retiré</h1>" in french.content.decode()
        assert '<html lang="fr">' in french.content.decode()


def test_an_expiring_item_leaves_cached_pages_within_a_minute(
    client, expiring, page_cache, content_cache
):
    with time_machine.travel(EXPIRY - timedelta(seconds=30), tick=False) as traveller:
        assert len(shown_in(client)) == 9  # every page now cached, fragments too
        traveller.move_to(EXPIRY + timedelta(seconds=29))
        assert shown_in(client)  # still cached: nothing was saved, no new content version
        traveller.move_to(EXPIRY + timedelta(seconds=61))
        assert shown_in(client) == []
        assert client.get("/en/news/short-lived/").status_code == 410


def test_unpublish_takes_a_live_item_off_the_site_at_once(
    editor_client, expiring, django_capture_on_commit_callbacks
):
    visitor = Client()
    expiring.unpublish_at = None
    expiring.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/news/newsitem/{expiring.pk}/change/", {"_unpublish": "1"}
        )
    assert response.status_code == 302
    expiring.refresh_from_db()
    assert expiring.status == NewsItem.Status.DRAFT
    assert expiring.publication_state() == "Draft"
    assert shown_in(visitor) == []
    assert visitor.get("/en/news/short-lived/").status_code == 410
    comment = describe(Version.objects.get_for_object(expiring).first().revision.comment)
    assert comment == "Unpublished: the item is a draft again, off the site."


def test_the_unpublish_action_on_the_news_list(editor_client, expiring, make_news):
    other = make_news(1)[0]
    response = editor_client.post(
        "/admin/news/newsitem/",
        {"action": "unpublish_selected", "_selected_action": [expiring.pk, other.pk]},
    )
    assert response.status_code == 302
    assert not NewsItem.objects.filter(pk__in=[expiring.pk, other.pk]).published().exists()
    messages = [str(m) for m in editor_client.get("/admin/news/newsitem/").context["messages"]]
    assert "2 items unpublished." in messages


def test_a_draft_never_published_answers_404_not_410(client, seeded):
    NewsItem.objects.create(title_en="Secret", slug="secret", summary_en="x")
    assert client.get("/en/news/secret/").status_code == 404


def test_publishing_again_with_a_past_unpublish_time_is_refused(editor_client, expiring):
    expiring.unpublish()
    form = news_form(
        slug="short-lived",
        status="published",
        opened_version=expiring.edit_version,
        unpublish_at_0=expiring.unpublish_at.astimezone(GENEVA).strftime("%Y-%m-%d"),
        unpublish_at_1=expiring.unpublish_at.astimezone(GENEVA).strftime("%H:%M:%S"),
    )
    response = editor_client.post(f"/admin/news/newsitem/{expiring.pk}/change/", form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["unpublish_at"] == [
        "This time has passed, so the item would stay off the site. Clear it, or choose a "
        "later time, to publish the item."
    ]
    save_news(editor_client, expiring, status="published", unpublish_at_0="")  # cleared
    assert NewsItem.objects.published().filter(pk=expiring.pk).exists()


def test_the_unpublish_time_must_follow_the_publication_date(editor_client, db):
    form = news_form(
        status="published",
        published_at_0="2030-01-15",
        unpublish_at_0="2030-01-14",
        unpublish_at_1="10:00:00",
    )
    response = editor_client.post("/admin/news/newsitem/add/", form)
    assert response.context["adminform"].form.errors["unpublish_at"] == [
        "Choose a time after the publication date."
    ]


def test_the_admin_list_filters_expired_items(editor_client, expiring, make_news):
    make_news(1)
    with time_machine.travel(EXPIRY + timedelta(days=1), tick=False):
        response = editor_client.get("/admin/news/newsitem/", {"state": "expired"})
        assert [item.slug for item in response.context["cl"].result_list] == ["short-lived"]


def test_unpublishing_a_scheduled_item_leaves_it_a_plain_draft(editor_client, client, seeded):
    item = NewsItem.objects.create(
        title_en="Not out yet",
        slug="not-out-yet",
        summary_en="x",
        status=NewsItem.Status.PUBLISHED,
        published_at=datetime(2030, 1, 1, 9, 0, tzinfo=GENEVA),
    )
    item.unpublish()
    assert (item.status, item.unpublish_at) == (NewsItem.Status.DRAFT, None)
    assert client.get("/en/news/not-out-yet/").status_code == 404
    save_news(editor_client, item, status="published", published_at_0="2030-01-01")


def test_translators_are_not_offered_the_unpublish_action(client, translator, make_news):
    item = make_news(1)[0]
    client.force_login(translator)
    html = client.get("/admin/news/newsitem/").content.decode()
    assert "unpublish_selected" not in html
    client.post(
        "/admin/news/newsitem/", {"action": "unpublish_selected", "_selected_action": [item.pk]}
    )
    assert NewsItem.objects.published().filter(pk=item.pk).exists()
