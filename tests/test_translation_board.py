import re
from datetime import timedelta

import pytest
from django.utils import timezone

from branch.models import BranchProfile
from contacts.models import Office
from migrant_site.translation.status import OUTDATED, UP_TO_DATE, field_statuses
from news.models import NewsItem

pytestmark = pytest.mark.django_db

BOARD = "/admin/translation-status/"


@pytest.fixture
def work(seeded):
    """A live item with an outdated title, a draft and a scheduled item without French, and
    the profile's quote author changed in English in the save that changed its French footer."""
    now = timezone.now()
    live = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    live.title_en = "Bahrain: Decree 79 <ends> the sponsor system"
    live.save()
    draft = NewsItem.objects.create(title_en="Draft only", slug="draft-only", summary_en="x")
    scheduled = NewsItem.objects.create(
        title_en="Coming soon",
        slug="coming-soon",
        summary_en="Soon.",
        status=NewsItem.Status.PUBLISHED,
        published_at=now + timedelta(days=10),
    )
    profile = BranchProfile.objects.get()
    profile.quote_author_en = "Gilbert F. Houngbo, ILO Director-General"
    profile.copyright_notice_fr = "Copyright © Organisation internationale du Travail"
    profile.save()
    return {"live": live, "draft": draft, "scheduled": scheduled, "profile": profile}


def row_titles(html):
    return re.findall(r'<th scope="row">\s*<a href="[^"]+">([^<]+)</a>', html)


def test_board_lists_each_record_with_its_missing_and_outdated_fields_live_first(
    translator_client, work
):
    html = translator_client.get(BOARD).content.decode()
    assert row_titles(html) == [
        "International Migration Branch (MIGRANT)",
        "Bahrain: Decree 79 &lt;ends&gt; the sponsor system",
        "Coming soon",
        "Draft only",
    ]
    assert "4 records need French." in html
    assert "Fields: 4 missing, 2 outdated." in html
    assert "Live" in html and "Scheduled" in html and "Draft" in html
    # The outdated fields, each with its English change word by word, escaped.
    assert "<strong>Quote author</strong>" in html
    assert "<del>Mr. Guy Ryder,</del> <ins>Gilbert F. Houngbo,</ins> ILO Director-General" in html
    assert "<strong>Title</strong>" in html
    assert "<del>aims at ending</del> <ins>&lt;ends&gt; the</ins>" in html
    assert "Copyright" not in html  # its French was written in the same save
    # One click opens the record's form.
    assert f'<a href="/admin/news/newsitem/{work["draft"].pk}/change/">Draft only</a>' in html


@pytest.mark.parametrize(
    "query, titles",
    [
        ("model=news.newsitem", ["Bahrain: Decree 79 &lt;ends&gt; the sponsor system", "Coming soon", "Draft only"]),
        ("need=missing", ["Coming soon", "Draft only"]),
        ("need=outdated", ["International Migration Branch (MIGRANT)", "Bahrain: Decree 79 &lt;ends&gt; the sponsor system"]),
        ("state=scheduled", ["Coming soon"]),
        ("model=contacts.office", []),
    ],
)  # fmt: skip
def test_board_filters_by_model_need_and_public_status(translator_client, work, query, titles):
    html = translator_client.get(f"{BOARD}?{query}").content.decode()
    assert row_titles(html) == titles
    assert f"{len(titles)} record" in html


def test_board_totals_per_model(translator_client, work):
    html = translator_client.get(BOARD).content.decode()
    assert re.search(r"News items:\s+3 of 6 to translate", html)
    assert re.search(r"Offices:\s+0 of 1 to translate", html)


def english_then_french(html, name):
    """The translator's form shows a field's English just before its French input."""
    english = html.index(f'id="pair-{name}"')
    french = html.index(f'name="{name}_fr"')
    next_pair = html.find('class="translation-pair"', english + 1)
    return english < french and (next_pair == -1 or french < next_pair)


def test_translator_form_shows_each_english_rendered_beside_its_french(translator_client, work):
    profile = work["profile"]
    html = translator_client.get(f"/admin/branch/branchprofile/{profile.pk}/change/").content
    html = html.decode()
    for name in ("name", "quote", "quote_author", "mandate", "copyright_notice"):
        assert english_then_french(html, name)
    # Rich text rendered as HTML, plain text escaped; the English marked as English.
    assert '<div class="english-text" lang="en"><p>In this era of globalisation' in html
    assert "&lt;p&gt;In this era" not in html
    assert 'name="name_en"' not in html
    # The outdated field says so, with the change.
    pair = html[html.index('id="pair-quote_author"') : html.index('name="quote_author_fr"')]
    assert "state-outdated" in pair
    assert "<del>Mr. Guy Ryder,</del> <ins>Gilbert F. Houngbo,</ins>" in pair
    assert 'name="_savenext"' in html


def test_editors_keep_the_ordinary_form(editor_client, work):
    html = editor_client.get(f"/admin/news/newsitem/{work['live'].pk}/change/").content.decode()
    assert 'name="title_en"' in html and "translation-pair" not in html


def french_form(record):
    return {
        **{
            field.name: getattr(record, field.name) or ""
            for field in record._meta.fields
            if field.name.endswith("_fr")
        },
        "opened_version": record.edit_version,  # the form was opened on the record as it is
    }


def test_saving_the_translator_form_marks_its_fields_up_to_date(translator_client, work):
    profile = work["profile"]
    url = f"/admin/branch/branchprofile/{profile.pk}/change/"
    response = translator_client.post(url, french_form(profile))  # the French kept as it was
    assert response.status_code == 302
    profile.refresh_from_db()
    assert {status.state for status in field_statuses(profile)} == {UP_TO_DATE}


def test_save_and_next_goes_to_the_next_record_on_the_board(translator_client, work):
    profile, live = work["profile"], work["live"]
    response = translator_client.post(
        f"/admin/branch/branchprofile/{profile.pk}/change/",
        {**french_form(profile), "_savenext": "Save and next"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/news/newsitem/{live.pk}/change/"

    live.refresh_from_db()
    response = translator_client.post(
        f"/admin/news/newsitem/{live.pk}/change/",
        {**french_form(live), "title_fr": "Bahreïn : le décret 79 met fin au parrainage",
         "_savenext": "Save and next"},
    )  # fmt: skip
    assert response["Location"] == f"/admin/news/newsitem/{work['scheduled'].pk}/change/"
    live.refresh_from_db()
    assert live.title_fr == "Bahreïn\u00a0: le décret 79 met fin au parrainage"
    assert {s.name: s.state for s in field_statuses(live)}["title"] == UP_TO_DATE


def test_save_and_next_returns_to_the_board_when_nothing_is_left(translator_client, seeded):
    office = Office.objects.get()
    office.city_en = "Geneva 22"
    office.save()
    assert {s.name: s.state for s in field_statuses(office)}["city"] == OUTDATED
    response = translator_client.post(
        f"/admin/contacts/office/{office.pk}/change/",
        {**french_form(office), "_savenext": "1"},
    )
    assert response["Location"] == BOARD


def test_save_and_next_stays_within_the_boards_filters(translator_client, work):
    html = translator_client.get(f"{BOARD}?need=missing").content.decode()
    scheduled, draft = work["scheduled"], work["draft"]
    link = f"/admin/news/newsitem/{scheduled.pk}/change/?board=need%3Dmissing"
    assert f'<a href="{link}">Coming soon</a>' in html.replace("&amp;", "&")

    response = translator_client.post(
        link,
        {**french_form(scheduled), "title_fr": "Bientôt", "summary_fr": "Tôt.", "_savenext": "1"},
    )
    # Not the outdated live item, which the filter leaves out: the next missing one.
    assert response["Location"] == f"/admin/news/newsitem/{draft.pk}/change/?board=need%3Dmissing"

    response = translator_client.post(
        response["Location"],
        {**french_form(draft), "title_fr": "Brouillon", "summary_fr": "x", "_savenext": "1"},
    )
    assert response["Location"] == f"{BOARD}?need=missing"


@pytest.fixture
def long_board(make_news):
    """120 live items without French summary, newest first: the board has three pages."""
    make_news(120)
    NewsItem.objects.update(summary_fr="")  # update(): the French goes, its source stays
    return list(NewsItem.objects.order_by("-published_at"))


def test_the_board_shows_fifty_records_a_page_and_says_how_many_there_are(
    translator_client, long_board
):
    titles = [item.title_en for item in long_board]
    html = translator_client.get(BOARD).content.decode()
    assert row_titles(html) == titles[:50]
    # The whole board's figures, whatever the page.
    assert "120 records need French." in html
    assert re.search(r"News items:\s+120 of 120 to translate", html)
    assert re.search(r"Page 1 of 3\b", html)
    assert '<a href="?p=2">2</a>' in html and '<a href="?p=3" class="end">3</a>' in html

    html = translator_client.get(f"{BOARD}?p=3").content.decode()
    assert row_titles(html) == titles[100:]
    assert "120 records need French." in html and re.search(r"Page 3 of 3\b", html)

    html = translator_client.get(f"{BOARD}?p=2", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert re.search(r"Page 2 sur 3\b", html)


@pytest.mark.parametrize("page", ["1", "3"])
def test_a_board_page_costs_the_same_queries_however_many_records_need_french(
    translator_client, long_board, django_assert_max_num_queries, page
):
    with django_assert_max_num_queries(15):
        response = translator_client.get(f"{BOARD}?p={page}")
    assert len(row_titles(response.content.decode())) == (50 if page == "1" else 20)


def test_the_page_links_keep_the_boards_filters(translator_client, long_board):
    html = translator_client.get(f"{BOARD}?model=news.newsitem&need=missing&p=2").content
    html = html.decode().replace("&amp;", "&")
    assert '<a href="?model=news.newsitem&need=missing&p=3" class="end">3</a>' in html
    assert '<a href="?model=news.newsitem&need=missing&p=1">1</a>' in html
    # Each record's link carries the filters to its form, for "Save and next".
    item = long_board[50]
    assert (
        f"/admin/news/newsitem/{item.pk}/change/?board=model%3Dnews.newsitem%26need%3Dmissing"
        in html
    )


def test_a_page_number_that_is_not_one_shows_the_first_page_as_the_admins_lists_do(
    translator_client, long_board
):
    titles = [item.title_en for item in long_board]
    html = translator_client.get(f"{BOARD}?p=two").content.decode()
    assert row_titles(html) == titles[:50]
    # Past the end (the board shrinks as French is written): back to the first page, filters kept.
    for page in ("4", "0", "-1"):
        response = translator_client.get(f"{BOARD}?need=missing&p={page}")
        assert response.status_code == 302
        assert response["Location"] == f"{BOARD}?need=missing"


def test_save_and_next_goes_on_to_the_next_page_of_the_board(
    translator_client, long_board, django_assert_max_num_queries
):
    last_on_first_page, first_on_second_page = long_board[49], long_board[50]
    link = f"/admin/news/newsitem/{last_on_first_page.pk}/change/?board=need%3Dmissing"
    data = {**french_form(last_on_first_page), "summary_fr": "Résumé", "_savenext": "1"}
    with django_assert_max_num_queries(40):
        response = translator_client.post(link, data)
    assert response["Location"] == (
        f"/admin/news/newsitem/{first_on_second_page.pk}/change/?board=need%3Dmissing"
    )


def test_an_expired_item_is_listed_as_expired_after_the_others(translator_client, work):
    """Taken off the site by its "unpublish at" time: neither live nor scheduled."""
    now = timezone.now()
    NewsItem.objects.create(
        title_en="Gone now",
        slug="gone-now",
        summary_en="Was here.",
        status=NewsItem.Status.PUBLISHED,
        published_at=now - timedelta(days=10),
        unpublish_at=now - timedelta(days=1),
    )
    html = translator_client.get(BOARD).content.decode()
    assert row_titles(html)[-1] == "Gone now"
    row = html[html.index(">Gone now<") :].split("</tr>")[0]
    assert "Expired" in row and "Scheduled" not in row
    expired = translator_client.get(f"{BOARD}?state=expired").content.decode()
    assert row_titles(expired) == ["Gone now"]
    assert row_titles(translator_client.get(f"{BOARD}?state=scheduled").content.decode()) == [
        "Coming soon"
    ]


def test_the_french_board_and_admin_home_read_as_french(translator_client, work):
    """French typography in the per-model totals (a no-break space before the colon), and no
    section of the admin named in English."""
    french = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    html = translator_client.get(BOARD, **french).content.decode()
    assert re.search(r"Articles\u00a0: 3 sur 6 à traduire", html)
    home = translator_client.get("/admin/", **french).content.decode()
    assert "MIGRANT site" not in home
    assert "Interface du site" in home
