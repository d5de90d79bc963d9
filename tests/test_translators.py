import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from branch.models import BranchProfile
from news.models import NewsItem

pytestmark = pytest.mark.django_db

BOARD = "/admin/translation-status/"


def test_board_lists_a_record_without_french_and_drops_it_once_translated(
    client, seeded, translator
):
    item = NewsItem.objects.create(
        title_en="Fair recruitment initiative",
        slug="fair-recruitment",
        summary_en="A new initiative.",
        status=NewsItem.Status.PUBLISHED,
    )
    client.force_login(translator)
    html = client.get(BOARD).content.decode()
    assert (
        f'<a href="/admin/news/newsitem/{item.pk}/change/">Fair recruitment initiative</a>' in html
    )
    assert "title, summary" in html
    assert "1 records need French." not in html and "1 record needs French." in html

    item.title_fr = "Initiative pour un recrutement équitable"
    item.summary_fr = "Une nouvelle initiative."
    item.save()
    html = client.get(BOARD).content.decode()
    assert "Fair recruitment initiative" not in html
    assert "0 records need French." in html


def test_board_lists_a_record_whose_english_changed_after_its_french(client, seeded, editor):
    profile = BranchProfile.objects.get()
    client.force_login(editor)
    assert "International Migration Branch" not in client.get(BOARD).content.decode()

    profile.quote_en = profile.quote_en + " A revised sentence."
    profile.save()
    html = client.get(BOARD).content.decode()
    assert '<a href="/admin/branch/branchprofile/1/change/">' in html
    assert "<strong>Quote</strong>" in html and "<ins>A revised sentence.</ins>" in html

    profile.quote_fr = profile.quote_fr + " Une phrase révisée."
    profile.save()
    # (The sidebar links the profile itself: look at the board only.)
    board = client.get(BOARD).content.decode().split('id="content-main"')[1]
    assert "/admin/branch/branchprofile/1/change/" not in board


def test_board_is_for_editors_and_translators_only(client, db):
    assert client.get(BOARD).status_code == 302  # to the login page
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get(BOARD).status_code == 403


def test_board_is_in_french_for_french_speaking_staff(client, seeded, translator):
    client.force_login(translator)
    html = client.get(BOARD, headers={"accept-language": "fr"}).content.decode()
    assert "Statut des traductions" in html
    assert "0 fiche à traduire en français." in html
    assert "0 sur 4 à traduire" in html


def test_untranslated_french_field_falls_back_to_english_with_lang_and_notice(client, seeded):
    NewsItem.objects.create(
        title_en="Only in English",
        slug="only-in-english",
        summary_en="This summary has no French yet.",
        status=NewsItem.Status.PUBLISHED,
    )
    profile = BranchProfile.objects.get()
    profile.mandate_fr = ""
    profile.save()

    html = client.get("/fr/").content.decode()
    assert '<span lang="en">Only in English</span>' in html
    assert (
        '<p class="translation-notice">Ce texte n’est pas encore disponible en français.</p>'
        '<p lang="en">This summary has no French yet.</p>'
    ) in html
    assert (
        '<p class="translation-notice">Ce texte n’est pas encore disponible en français.</p>'
        '<div lang="en"><p>In this era of globalisation'
    ) in html
    # The English page shows the same text as its own, with no notice.
    english = client.get("/en/").content.decode()
    assert "translation-notice" not in english
    assert "<p>This summary has no French yet.</p>" in english


def test_translator_changes_the_french_but_not_the_english(client, seeded, translator):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    client.force_login(translator)
    url = f"/admin/news/newsitem/{item.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="title_fr"' in form
    assert 'name="title_en"' not in form  # shown read-only

    response = client.post(
        url,
        {
            "title_en": "Hijacked English title",
            "status": "draft",
            "title_fr": "Bahreïn : le décret 79 met fin au parrainage",
            "summary_fr": item.summary_fr,
            "body_fr": "",
            "opened_version": item.edit_version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.title_en == "Bahrain: Decree 79 aims at ending sponsor system"
    assert item.status == NewsItem.Status.PUBLISHED
    # French typography is applied on save: a non-breaking space before the colon.
    assert item.title_fr == "Bahreïn\u00a0: le décret 79 met fin au parrainage"


def test_a_translators_form_reads_their_groups_once(client, seeded, translator):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    client.force_login(translator)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/admin/news/newsitem/{item.pk}/change/").status_code == 200
    group_reads = [
        q
        for q in queries
        if '"auth_group"."name"' in q["sql"] and "auth_permission" not in q["sql"]
    ]
    assert len(group_reads) == 1, [q["sql"] for q in group_reads]


def test_french_typography_and_dates_on_real_pages(client, seeded):
    home = client.get("/fr/").content.decode()
    assert "18 mars 2012" in home and "31 août 2009" in home
    assert "«\u00a0protection des intérêts des travailleurs occupés à l’étranger\u00a0»" in home
    assert "normes internationales\u00a0;" in home
    assert "&nbsp;" not in home
    contact = client.get("/fr/contact/").content.decode()
    assert "Tél.\u00a0:" in contact
    item = client.get(
        "/fr/actualites/promote-mobility-and-protect-the-rights-of-migrant-workers/"
    ).content.decode()
    assert "«\u00a0Bonne gouvernance des migrations" in item
    assert "Sénégal\u00a0»" in item
    assert '<time datetime="2012-03-18">18 mars 2012</time>' in item
