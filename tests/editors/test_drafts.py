"""Drafts of live items: edits kept aside, previewed, then published or discarded."""

import pytest
from django.test import Client
from reversion.models import Version

from migrant_site.history import describe
from migrant_site.translation.status import OUTDATED, UP_TO_DATE, field_statuses
from news.models import NewsItem
from tests.editors.conftest import news_form, published_item, save_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_item(seeded):
    return published_item(
        title_en="Live title",
        title_fr="Titre publié",
        slug="live-item",
        summary_en="Live summary",
        summary_fr="Résumé publié",
    )


@pytest.fixture
def visitor():
    """Someone without a session (pytest-django's `client` is the editor's client here)."""
    return Client()


def edit(client, item, button="_save_pending", **fields):
    item.refresh_from_db()  # for the version the form is opened on
    data = news_form(
        opened_version=item.edit_version,
        title_en=item.title_en,
        title_fr=item.title_fr,
        slug=item.slug,
        status=item.status,
        summary_en=item.summary_en,
        summary_fr=item.summary_fr,
        **{button: "1"},
    )
    data.update(fields)
    return client.post(f"/admin/news/newsitem/{item.pk}/change/", data)


def translator_form(item, **fields):
    """What a translator's form sends: the French fields, and the version it was opened on."""
    item.refresh_from_db()
    data = {
        "title_fr": item.title_fr,
        "summary_fr": item.summary_fr,
        "body_fr": "",
        "image_alt_fr": "",
        "opened_version": item.edit_version,
    }
    data.update(fields)
    return data


def public_title(client, path="/en/news/live-item/"):
    return client.get(path).content.decode().split("<h1>")[1].split("</h1>")[0]


def test_saving_a_live_item_as_a_draft_leaves_the_public_page_unchanged(
    editor_client, visitor, live_item
):
    updated_at = live_item.updated_at
    response = edit(editor_client, live_item, title_en="Corrected title")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/news/newsitem/{live_item.pk}/change/"
    live_item.refresh_from_db()
    assert live_item.title_en == "Live title"
    assert live_item.updated_at == updated_at  # the feeds' and sitemap's dates too
    assert live_item.pending_changes == {"title_en": "Corrected title"}
    assert public_title(visitor) == "Live title"
    assert "Corrected title" not in visitor.get("/en/news/").content.decode()
    assert "Corrected title" not in visitor.get("/en/news/feed/").content.decode()
    assert "Corrected title" not in visitor.get("/en/search/", {"q": "Corrected"}).content.decode()
    messages = [str(m) for m in editor_client.get(response["Location"]).context["messages"]]
    assert messages == [
        "Saved as a draft: the public page has not changed. Preview it, then “Publish changes” "
        "when it is ready."
    ]


def test_the_news_list_says_a_live_item_has_changes_not_yet_published(editor_client, live_item):
    edit(editor_client, live_item, summary_fr="Résumé corrigé")
    html = editor_client.get("/admin/news/newsitem/").content.decode()
    assert '<td class="field-state">Published — changes not yet published</td>' in html
    french = editor_client.get("/admin/news/newsitem/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Publié — modifications pas encore publiées" in french.content.decode()


def test_preview_shows_the_pending_draft(editor_client, live_item):
    edit(editor_client, live_item, title_en="Corrected title", title_fr="Titre corrigé")
    english = editor_client.get("/en/news/live-item/preview/").content.decode()
    assert "<h1>Corrected title" in english
    assert "visitors still see the published version" in english
    assert (
        "<h1>Titre corrigé"
        in editor_client.get("/fr/actualites/live-item/preview/").content.decode()
    )


def test_the_change_form_shows_the_draft_with_draft_buttons_only(editor_client, live_item):
    edit(editor_client, live_item, title_en="Corrected title")
    response = editor_client.get(f"/admin/news/newsitem/{live_item.pk}/change/")
    html = response.content.decode()
    assert response.context["adminform"].form.initial["title_en"] == "Corrected title"
    assert "This form shows the draft; visitors still see the published version." in html
    assert 'value="Save draft changes" class="default" name="_save_pending"' in html
    assert 'name="_publish_pending"' in html and 'name="_discard_pending"' in html
    assert 'name="_save"' not in html and 'name="_continue"' not in html


def test_publish_changes_applies_the_draft(editor_client, visitor, live_item):
    edit(editor_client, live_item, title_en="Corrected title")
    response = edit(editor_client, live_item, button="_publish_pending", title_en="Corrected title")
    assert response.status_code == 302
    live_item.refresh_from_db()
    assert live_item.title_en == "Corrected title"
    assert live_item.pending_changes == {}
    assert public_title(visitor) == "Corrected title"


def test_publish_pending_applies_the_draft_on_the_model(live_item):
    live_item.pending_changes = {"title_en": "From the draft", "language": "fr"}
    live_item.save()
    assert NewsItem.objects.published().get(slug="live-item").title_en == "Live title"
    live_item.publish_pending()
    item = NewsItem.objects.get(slug="live-item")
    assert (item.title_en, item.language, item.pending_changes) == ("From the draft", "fr", {})


def test_discard_drops_the_draft(editor_client, visitor, live_item):
    edit(editor_client, live_item, title_en="Corrected title")
    response = editor_client.post(
        f"/admin/news/newsitem/{live_item.pk}/change/", {"_discard_pending": "1"}
    )
    assert response.status_code == 302
    live_item.refresh_from_db()
    assert (live_item.title_en, live_item.pending_changes) == ("Live title", {})
    assert public_title(visitor) == "Live title"


def test_history_records_the_draft_and_its_publication(editor_client, editor, live_item):
    edit(editor_client, live_item, body_en="<p>New paragraph</p>")
    edit(editor_client, live_item, button="_publish_pending", body_en="<p>New paragraph</p>")
    versions = list(Version.objects.get_for_object(live_item))
    assert [describe(v.revision.comment, NewsItem).split(".")[0] for v in versions] == [
        "Published the changes",
        "Saved as a draft, not published",
    ]
    assert versions[1].field_dict["pending_changes"] == {"body_en": "<p>New paragraph</p>"}
    assert versions[1].field_dict["body_en"] in ("", None)
    assert versions[0].field_dict["body_en"] == "<p>New paragraph</p>"
    assert versions[0].revision.user == editor


def test_a_draft_keeps_only_texts_and_language(editor_client, live_item):
    response = edit(editor_client, live_item, title_en="New", slug="renamed", status="draft")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"slug", "status"}
    assert "Publish this change with the draft" in errors["slug"][0]
    live_item.refresh_from_db()
    assert live_item.pending_changes == {}


def test_a_draft_body_is_sanitised_before_anyone_previews_it(editor_client, live_item):
    edit(
        editor_client,
        live_item,
        body_en='<p>Hi<script>alert(1)</script><img src=x onerror="x()"></p>',
    )
    live_item.refresh_from_db()
    assert live_item.pending_changes["body_en"] == "<p>Hi</p>"


def test_a_draft_item_is_edited_directly_without_draft_buttons(editor_client, seeded):
    item = NewsItem.objects.create(title_en="Draft", slug="draft", summary_en="x")
    html = editor_client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert 'name="_save"' in html
    assert 'name="_save_pending"' not in html and 'name="_unpublish"' not in html


# Translators: with a draft pending, their French joins it; without, it goes live as before.


def test_a_translators_french_joins_the_pending_draft(editor_client, client, translator, live_item):
    edit(editor_client, live_item, title_en="Corrected title")
    client.force_login(translator)
    html = client.get(f"/admin/news/newsitem/{live_item.pk}/change/").content.decode()
    assert 'name="_save_pending"' in html and 'name="_publish_pending"' not in html
    assert "What you save joins the draft; an editor publishes it." in html
    data = translator_form(live_item, title_fr="Titre corrigé", _save_pending="1")
    response = client.post(f"/admin/news/newsitem/{live_item.pk}/change/", data)
    assert response.status_code == 302
    live_item.refresh_from_db()
    assert live_item.title_fr == "Titre publié"
    pending = live_item.pending_changes
    assert (pending["title_en"], pending["title_fr"]) == ("Corrected title", "Titre corrigé")
    # What they checked the French against: the draft's English.
    assert pending["translated_from"]["title"]["source"] == "Corrected title"
    # Even the plain Save button (not shown to them then) keeps it in the draft.
    client.post(
        f"/admin/news/newsitem/{live_item.pk}/change/",
        translator_form(live_item, _save="1", title_fr="Titre corrigé 2"),
    )
    live_item.refresh_from_db()
    assert live_item.title_fr == "Titre publié"
    assert live_item.pending_changes["title_fr"] == "Titre corrigé 2"


def test_translators_cannot_publish_or_discard_a_draft(
    editor_client, client, translator, live_item
):
    edit(editor_client, live_item, title_en="Corrected title")
    client.force_login(translator)
    url = f"/admin/news/newsitem/{live_item.pk}/change/"
    assert client.post(url, {"_discard_pending": "1"}).status_code == 403
    assert client.post(url, {"_unpublish": "1"}).status_code == 403
    live_item.refresh_from_db()
    assert live_item.pending_changes == {"title_en": "Corrected title"}
    assert live_item.status == NewsItem.Status.PUBLISHED


def test_without_a_draft_a_translators_french_goes_live(client, translator, live_item):
    client.force_login(translator)
    data = translator_form(live_item, title_fr="Titre retouché", _save="1")
    assert client.post(f"/admin/news/newsitem/{live_item.pk}/change/", data).status_code == 302
    live_item.refresh_from_db()
    assert (live_item.title_fr, live_item.pending_changes) == ("Titre retouché", {})


# Preview of the unsaved form.


def preview_url(item, language="en"):
    return f"/admin/news/newsitem/{item.pk}/preview/{language}/"


def test_preview_changes_shows_the_form_as_it_stands_without_saving(editor_client, live_item):
    data = news_form(slug="live-item", status="published", title_fr="Titre pas encore enregistré")
    response = editor_client.post(preview_url(live_item, "fr"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Titre pas encore enregistré" in html
    assert "Ces modifications ne sont pas encore enregistrées." in html
    assert '<html lang="fr">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html
    live_item.refresh_from_db()
    assert live_item.title_fr == "Titre publié"
    assert not Version.objects.exists()


def test_preview_changes_sanitises_the_body(editor_client, live_item):
    data = news_form(slug="live-item", body_en="<p>Body<script>alert(1)</script></p>")
    html = editor_client.post(preview_url(live_item), data).content.decode()
    assert "<p>Body</p>" in html and "alert(1)" not in html


def test_preview_changes_is_for_staff_only_by_post_with_a_csrf_token(
    editor, editor_client, client, live_item
):
    assert editor_client.get(preview_url(live_item)).status_code == 405
    assert editor_client.post(preview_url(live_item, "de"), news_form()).status_code == 404
    anonymous = Client().post(preview_url(live_item), news_form())
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(preview_url(live_item), news_form()).status_code == 403


def test_the_change_form_has_preview_changes_buttons_posting_the_form(editor_client, live_item):
    html = editor_client.get(f"/admin/news/newsitem/{live_item.pk}/change/").content.decode()
    assert (
        f'<input type="submit" value="Preview changes in French" '
        f'formaction="{preview_url(live_item, "fr")}" formtarget="_blank" formnovalidate>'
    ) in html
    assert 'value="Save as draft, not published" name="_save_pending"' in html
    assert 'value="Unpublish" name="_unpublish"' in html


def test_an_earlier_revisions_page_has_no_preview_changes_buttons(
    editor_client, client, translator, live_item
):
    save_news(editor_client, live_item, title_en="Retitled", status="published")
    version = Version.objects.get_for_object(live_item).last()
    client.force_login(translator)
    html = client.get(f"/admin/news/newsitem/{live_item.pk}/history/{version.pk}/").content
    assert b"Preview changes in" not in html and b"Preview in" not in html
    assert b'class="closelink"' in html  # read-only for a translator: Django's Close link


def test_a_translators_check_against_the_draft_english_holds_once_published(
    editor_client, client, translator, live_item
):
    edit(editor_client, live_item, summary_en="A new English summary")
    client.force_login(translator)
    # They read the draft's English and keep the French as it is: "Save and next".
    data = translator_form(live_item, _savenext="1")
    response = client.post(f"/admin/news/newsitem/{live_item.pk}/change/", data)
    assert response.status_code == 302
    assert response["Location"] != f"/admin/news/newsitem/{live_item.pk}/change/"
    live_item.refresh_from_db()
    assert live_item.summary_en == "Live summary"
    assert live_item.pending_changes["translated_from"]["summary"]["source"] == (
        "A new English summary"
    )
    live_item.publish_pending()
    statuses = {status.name: status.state for status in field_statuses(live_item)}
    assert statuses["summary"] == UP_TO_DATE


def test_a_french_left_unchecked_is_outdated_once_the_draft_english_is_published(
    editor_client, live_item
):
    edit(editor_client, live_item, summary_en="A new English summary")
    live_item.refresh_from_db()
    live_item.publish_pending()
    statuses = {status.name: status.state for status in field_statuses(live_item)}
    assert statuses["summary"] == OUTDATED


def test_a_draft_saved_from_a_stale_form_is_refused_and_loses_nothing(
    editor_client, editor, live_item
):
    opened = live_item.edit_version  # a second editor opens the form now...
    edit(editor_client, live_item, title_en="First editor's draft")  # ...the first saves a draft
    second = Client()
    second.force_login(editor)
    stale = news_form(
        slug="live-item",
        status="published",
        title_en="Live title",
        title_fr="Titre d’un formulaire périmé",
        opened_version=opened,
        _save_pending="1",
    )
    response = second.post(f"/admin/news/newsitem/{live_item.pk}/change/", stale)
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    live_item.refresh_from_db()
    assert live_item.pending_changes == {"title_en": "First editor's draft"}
