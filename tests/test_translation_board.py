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
