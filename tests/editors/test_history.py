import pytest
from reversion.models import Version

from branch.models import BranchProfile
from contacts.models import Office
from news.models import NewsItem
from tests.editors.conftest import form_data, news_form, opened_form, save_news

pytestmark = pytest.mark.django_db


def test_each_admin_save_keeps_a_revision_with_who_and_when(editor_client, editor):
    editor_client.post("/admin/news/newsitem/add/", news_form())
    item = NewsItem.objects.get()
    save_news(editor_client, item, title_en="A better title")
    versions = Version.objects.get_for_object(item)
    assert versions.count() == 2
    latest = versions.first()
    assert latest.revision.user == editor
    assert latest.revision.date_created is not None
    assert "Changed" in latest.revision.get_comment()
    history = editor_client.get(f"/admin/news/newsitem/{item.pk}/history/").content.decode()
    assert "editor" in history and f"/admin/news/newsitem/{item.pk}/history/" in history


def test_restoring_an_earlier_revision_brings_back_the_old_text(editor_client):
    editor_client.post("/admin/news/newsitem/add/", news_form(body_en="<p>First draft</p>"))
    item = NewsItem.objects.get()
    save_news(editor_client, item, body_en="<p>Second thoughts</p>")
    first = Version.objects.get_for_object(item).last()
    url = f"/admin/news/newsitem/{item.pk}/history/{first.pk}/"
    form = editor_client.get(url)
    assert form.status_code == 200
    assert "First draft" in form.content.decode()
    opened = form.context["adminform"].form["opened_version"].value()
    editor_client.post(url, news_form(body_en="<p>First draft</p>", opened_version=opened))
    item.refresh_from_db()
    assert item.body_en == "<p>First draft</p>"
    assert Version.objects.get_for_object(item).count() == 3


def test_a_deleted_item_can_be_recovered(editor_client):
    editor_client.post("/admin/news/newsitem/add/", news_form(title_en="Deleted by mistake"))
    item = NewsItem.objects.get()
    editor_client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"})
    assert not NewsItem.objects.exists()
    recover_list = editor_client.get("/admin/news/newsitem/recover/").content.decode()
    assert "Deleted by mistake" in recover_list
    version = Version.objects.get_deleted(NewsItem).get()
    url = f"/admin/news/newsitem/recover/{version.pk}/"
    opened = opened_form(editor_client, url)[1]["opened_version"].value()
    editor_client.post(url, news_form(title_en="Deleted by mistake", opened_version=opened))
    assert NewsItem.objects.get().title_fr == "Un nouvel article"


def test_branch_profile_and_office_saves_keep_revisions(admin_client, seeded):
    office = Office.objects.first()
    url = f"/admin/contacts/office/{office.pk}/change/"
    data = form_data(opened_form(admin_client, url)[1], city_en="Geneva (changed)")
    assert admin_client.post(url, data).status_code == 302
    assert Version.objects.get_for_object(office).count() == 1
    profile = BranchProfile.objects.get()
    url = "/admin/branch/branchprofile/1/change/"
    data = form_data(opened_form(admin_client, url)[1], office=office.pk)
    data["mandate_fr"] = '<p>Mandat <img src=x onerror="alert(1)"><script>x()</script></p>'
    assert admin_client.post(url, data).status_code == 302
    assert Version.objects.get_for_object(profile).count() == 1
    profile.refresh_from_db()
    assert profile.mandate_fr == "<p>Mandat </p>"
