import pytest

from news.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(seeded):
    return NewsItem.objects.create(
        title_en="Unfinished story",
        title_fr="Article inachevé",
        slug="unfinished-story",
        summary_en="Not yet.",
        summary_fr="Pas encore.",
    )


def test_the_edit_form_links_to_previews_in_both_languages(editor_client, draft):
    html = editor_client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    assert 'href="/en/news/unfinished-story/preview/"' in html
    assert 'href="/fr/actualites/unfinished-story/preview/"' in html
    assert "Preview in French" in html


def test_an_editor_previews_a_draft_in_english_and_french_with_a_banner(editor_client, draft):
    en = editor_client.get("/en/news/unfinished-story/preview/")
    assert en.status_code == 200
    assert "<h1>Unfinished story" in en.content.decode()
    assert '<p class="preview-banner" role="status"><strong>Preview</strong>' in en.content.decode()
    assert "Its status: Draft." in en.content.decode()
    fr = editor_client.get("/fr/actualites/unfinished-story/preview/").content.decode()
    assert "<h1>Article inachevé" in fr
    assert "<strong>Aperçu</strong>" in fr
    assert "Son statut\u00a0: Brouillon." in fr


def test_preview_is_not_cached_nor_indexed(editor_client, draft):
    response = editor_client.get("/en/news/unfinished-story/preview/")
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_visitors_and_non_staff_get_404_on_preview(client, draft, django_user_model):
    assert client.get("/en/news/unfinished-story/preview/").status_code == 404
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))
    assert client.get("/en/news/unfinished-story/preview/").status_code == 404
    assert client.get("/en/news/unfinished-story/").status_code == 404


def test_preview_of_an_unknown_item_is_404(editor_client, seeded):
    assert editor_client.get("/en/news/nothing-here/preview/").status_code == 404
