import pytest
from django.contrib.auth.models import Group

from branch.models import BranchProfile
from contacts.models import Office
from news.models import NewsItem
from tests.editors.conftest import news_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/auth/group/1/change/",
    ],
)
def test_an_editor_cannot_reach_user_or_group_management(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_an_editor_writes_and_publishes_news(editor_client):
    response = editor_client.post(
        "/admin/news/newsitem/add/", news_form(status="published"), follow=True
    )
    assert response.status_code == 200
    assert NewsItem.objects.get().title_fr == "Un nouvel article"
    html = editor_client.get("/admin/").content.decode()
    assert "/admin/news/newsitem/" in html and "/admin/auth/user/" not in html


def test_an_editor_may_change_but_not_add_or_delete_the_branch_profile(editor_client, seeded):
    assert editor_client.get("/admin/branch/branchprofile/1/change/").status_code == 200
    assert editor_client.get("/admin/branch/branchprofile/1/delete/").status_code == 403


def test_translators_can_change_but_neither_add_nor_delete(client, translator, seeded):
    client.force_login(translator)
    item = NewsItem.objects.first()
    assert client.get(f"/admin/news/newsitem/{item.pk}/change/").status_code == 200
    assert client.get("/admin/contacts/office/").status_code == 200
    assert client.get("/admin/news/newsitem/add/").status_code == 403
    assert client.get(f"/admin/news/newsitem/{item.pk}/delete/").status_code == 403
    assert client.get("/admin/contacts/office/add/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403


def test_groups_hold_only_content_permissions():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    translators = set(
        Group.objects.get(name="Translators").permissions.values_list("codename", flat=True)
    )
    assert not any(code.endswith(("_user", "_group", "_permission")) for code in editors)
    assert {"add_newsitem", "delete_office", "change_branchprofile"} <= editors
    assert "delete_branchprofile" not in editors and "add_branchprofile" not in editors
    assert translators == {
        "change_newsitem",
        "view_newsitem",
        "change_branchprofile",
        "view_branchprofile",
        "change_office",
        "view_office",
        # The site's interface strings (migrant_site.InterfaceString).
        "change_interfacestring",
        "view_interfacestring",
    }


def test_the_branch_profile_cannot_be_added_twice_or_deleted(admin_client, seeded):
    assert admin_client.get("/admin/branch/branchprofile/add/").status_code == 403
    assert admin_client.get("/admin/branch/branchprofile/1/delete/").status_code == 403
    response = admin_client.post(
        "/admin/branch/branchprofile/",
        {"action": "delete_selected", "_selected_action": ["1"], "post": "yes"},
    )
    # The one profile's list is its change form: the action never runs.
    assert response.status_code == 302
    assert response["Location"] == "/admin/branch/branchprofile/1/change/"
    assert BranchProfile.objects.count() == 1


def test_a_translator_cannot_change_an_offices_order_from_the_list(client, translator, seeded):
    client.force_login(translator)
    office = Office.objects.get()
    response = client.post(
        "/admin/contacts/office/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(office.pk),
            "form-0-order": "99",
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    office.refresh_from_db()
    assert office.order != 99
    # The list shows the order, not a field to change it.
    html = client.get("/admin/contacts/office/").content.decode()
    assert 'name="form-0-order"' not in html


def test_staff_without_permissions_cannot_create_the_branch_profile(client, django_user_model):
    assert not BranchProfile.objects.exists()
    client.force_login(django_user_model.objects.create_user("intern", is_staff=True))
    assert client.get("/admin/branch/branchprofile/add/").status_code == 403
    client.post(
        "/admin/branch/branchprofile/add/",
        {"name_en": "Fake branch", "acronym": "FAKE", "copyright_notice_en": "x"},
    )
    assert not BranchProfile.objects.exists()
