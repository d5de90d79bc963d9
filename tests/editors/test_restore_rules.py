"""Restoring history is the editors' call: Translators read it, nobody else restores."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from reversion.models import Version

from branch.models import BranchProfile
from contacts.models import Office
from news.models import NewsItem
from tests.editors.conftest import form_data, news_form, opened_form, save_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def retracted_item(editor_client, translator_client):
    """Published, then retracted by an editor (new English title), then translated again."""
    editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(title_en="Original title", title_fr="Titre d'origine", status="published"),
    )
    item = NewsItem.objects.get()
    save_news(editor_client, item, title_en="Retracted: under review", status="draft")
    data = {
        "title_fr": "Retiré : en cours de révision",
        "summary_fr": "Résumé revu",
        "body_fr": "",
        "image_alt_fr": "",
        "opened_version": item.edit_version,
    }
    response = translator_client.post(f"/admin/news/newsitem/{item.pk}/change/", data)
    assert response.status_code == 302
    item.refresh_from_db()
    return item


def first_revision_url(obj, admin_path):
    first = Version.objects.get_for_object(obj).last()
    return f"/admin/{admin_path}/{obj.pk}/history/{first.pk}/"


def test_a_translator_cannot_restore_the_published_revision_an_editor_retracted(
    translator_client, retracted_item
):
    client = translator_client
    item = retracted_item
    url = first_revision_url(item, "news/newsitem")
    revisions = Version.objects.get_for_object(item).count()
    # The attack from issue 11: the earlier revision, posted with only French filled in.
    attack = {"title_fr": "Titre d'origine", "opened_version": item.edit_version}
    assert client.post(url, attack).status_code == 403

    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT
    assert item.title_en == "Retracted: under review"
    assert item.title_fr == "Retiré\u00a0: en cours de révision"
    assert Version.objects.get_for_object(item).count() == revisions


def test_a_translator_reads_history_and_an_earlier_revision_without_a_way_to_restore(
    translator_client, retracted_item
):
    client = translator_client
    item = retracted_item
    history = client.get(f"/admin/news/newsitem/{item.pk}/history/")
    assert history.status_code == 200
    html = history.content.decode()
    assert "Only editors can restore one." in html
    assert "to revert to a previous version" not in html

    revision = client.get(first_revision_url(item, "news/newsitem"))
    assert revision.status_code == 200
    html = revision.content.decode()
    assert "Original title" in html  # the earlier version, shown
    assert "shown read-only. Only editors can restore it." in html
    assert "<h1>Earlier version of Original title</h1>" in html and "Revert" not in html
    assert 'name="title_fr"' not in html and 'name="_save"' not in html
    item.refresh_from_db()
    assert item.title_en == "Retracted: under review"  # looking changed nothing


def test_an_editor_restores_the_earlier_revision(editor_client, retracted_item):
    item = retracted_item
    url = first_revision_url(item, "news/newsitem")
    html = editor_client.get(url).content.decode()
    assert "Press the save button below to revert to this version" in html
    opened = opened_form(editor_client, url)[1]["opened_version"].value()
    assert opened == item.edit_version  # the record's count, not the old revision's
    data = news_form(
        title_en="Original title",
        title_fr="Titre d'origine",
        status="published",
        opened_version=opened,
    )
    assert editor_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.status == NewsItem.Status.PUBLISHED and item.title_en == "Original title"
    assert item.edit_version == opened + 1


def test_staff_outside_the_editors_cannot_restore_even_with_every_news_permission(
    retracted_item,
):
    client = Client()
    item = retracted_item
    user = User.objects.create_user("webmaster", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__endswith="_newsitem"))
    client.force_login(user)
    url = first_revision_url(item, "news/newsitem")
    assert client.get(url).status_code == 200  # may look
    attack = news_form(title_en="Original title", status="published", opened_version=1)
    assert client.post(url, attack).status_code == 403
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT


def test_recovering_a_deleted_item_is_refused_to_translators(editor_client, translator_client):
    client = translator_client
    editor_client.post("/admin/news/newsitem/add/", news_form(title_en="Deleted on purpose"))
    item = NewsItem.objects.get()
    editor_client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(NewsItem).get()
    assert client.get("/admin/news/newsitem/recover/").status_code == 403
    url = f"/admin/news/newsitem/recover/{version.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, news_form(title_en="Deleted on purpose")).status_code == 403
    assert not NewsItem.objects.exists()
    assert "Recover deleted" not in client.get("/admin/news/newsitem/").content.decode()
    assert "Recover deleted" in editor_client.get("/admin/news/newsitem/").content.decode()


@pytest.mark.parametrize(
    ("admin_path", "field"),
    [("branch/branchprofile", "name_en"), ("contacts/office", "unit_en")],
)
def test_branch_profile_and_office_history_restores_only_for_editors(
    editor_client, translator_client, seeded, admin_path, field
):
    client = translator_client
    record = (BranchProfile if "branch" in admin_path else Office).objects.first()
    change_url = f"/admin/{admin_path}/{record.pk}/change/"
    original = getattr(record, field)
    form = opened_form(editor_client, change_url)[1]
    assert editor_client.post(change_url, form_data(form)).status_code == 302
    form = opened_form(editor_client, change_url)[1]
    changed = form_data(form, **{field: "Changed by an editor"})
    assert editor_client.post(change_url, changed).status_code == 302
    record.refresh_from_db()
    url = first_revision_url(record, admin_path)

    assert client.get(url).status_code == 200
    restore = form_data(opened_form(client, change_url)[1], **{field: original})
    assert client.post(url, restore).status_code == 403
    record.refresh_from_db()
    assert getattr(record, field) == "Changed by an editor"

    restore = form_data(opened_form(editor_client, url)[1])
    assert editor_client.post(url, restore).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == original
