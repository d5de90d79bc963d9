from datetime import datetime, timedelta

import pytest
import time_machine

from news.models import NewsItem
from tests.editors.conftest import GENEVA

pytestmark = pytest.mark.django_db

RELEASE = datetime(2026, 3, 18, 9, 0, tzinfo=GENEVA)


def scheduled_item():
    return NewsItem.objects.create(
        title_en="Embargoed report",
        slug="embargoed-report",
        summary_en="Out at nine.",
        status=NewsItem.Status.PUBLISHED,
        published_at=RELEASE,
    )


def test_a_scheduled_item_appears_by_itself_once_its_time_passes(client, seeded):
    with time_machine.travel(RELEASE - timedelta(minutes=1), tick=False):
        item = scheduled_item()
        assert item.publication_state() == "Scheduled"
        assert "Embargoed report" not in client.get("/en/news/").content.decode()
        assert "Embargoed report" not in client.get("/en/").content.decode()
        assert client.get("/en/news/embargoed-report/").status_code == 404
    with time_machine.travel(RELEASE + timedelta(minutes=1), tick=False):
        assert NewsItem.objects.get(pk=item.pk).publication_state() == "Published"
        assert "Embargoed report" in client.get("/en/news/").content.decode()
        assert "Embargoed report" in client.get("/fr/actualites/").content.decode()
        assert client.get("/en/news/embargoed-report/").status_code == 200


def test_admin_list_shows_status_including_scheduled_and_filters_by_it(
    admin_client, make_news, hidden_news
):
    make_news(1)
    draft, future = hidden_news
    html = admin_client.get("/admin/news/newsitem/").content.decode()
    assert '<td class="field-state">Scheduled</td>' in html
    assert '<td class="field-state">Draft</td>' in html
    assert '<td class="field-state">Published</td>' in html
    scheduled = admin_client.get("/admin/news/newsitem/", {"state": "scheduled"})
    assert list(scheduled.context["cl"].result_list) == [future]
    drafts = admin_client.get("/admin/news/newsitem/", {"state": "draft"})
    assert list(drafts.context["cl"].result_list) == [draft]


def test_admin_list_filters_by_year_and_language_and_searches_titles(admin_client, make_news):
    make_news(2)
    NewsItem.objects.create(
        title_en="Old one",
        slug="old-one",
        summary_en="x",
        language="fr",
        published_at=datetime(2008, 9, 30, tzinfo=GENEVA),
    )
    # The date hierarchy drills down by year, month and day.
    by_year = admin_client.get("/admin/news/newsitem/", {"published_at__year": "2008"})
    assert [i.slug for i in by_year.context["cl"].result_list] == ["old-one"]
    by_language = admin_client.get("/admin/news/newsitem/", {"language": "fr"})
    assert [i.slug for i in by_language.context["cl"].result_list] == ["old-one"]
    found = admin_client.get("/admin/news/newsitem/", {"q": "generated item 1"})
    assert [i.slug for i in found.context["cl"].result_list] == ["generated-item-1"]


def test_slug_is_prefilled_from_the_english_title(admin_client, db):
    html = admin_client.get("/admin/news/newsitem/add/").content.decode()
    assert (
        'data-prepopulated-fields="[{&quot;id&quot;: &quot;#id_slug&quot;, &quot;name&quot;: '
        "&quot;slug&quot;, &quot;dependency_ids&quot;: [&quot;#id_title_en&quot;]"
    ) in html


@pytest.mark.parametrize(
    "fields, complete",
    [
        ({}, True),
        ({"title_fr": ""}, False),
        ({"summary_fr": ""}, False),
        ({"body_en": "<p>Body</p>"}, False),
        ({"body_en": "<p>Body</p>", "body_fr": "<p>Texte</p>"}, True),
    ],
)
def test_french_is_complete(fields, complete):
    item = NewsItem(
        title_en="T", title_fr="T", summary_en="S", summary_fr="R", body_en="", body_fr=""
    )
    for name, value in fields.items():
        setattr(item, name, value)
    assert item.french_is_complete() is complete


def test_admin_list_shows_whether_the_french_is_complete(admin_client, make_news):
    make_news(1)
    NewsItem.objects.create(title_en="English only", slug="english-only", summary_en="x")
    html = admin_client.get("/admin/news/newsitem/").content.decode()
    assert html.count('<td class="field-french_complete"><img src="/static/admin/img/icon-yes') == 1
    assert html.count('<td class="field-french_complete"><img src="/static/admin/img/icon-no') == 1
