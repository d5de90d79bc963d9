"""No lost update: a save from a form opened before someone else's save is refused."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from branch.models import BranchProfile
from contacts.models import Office
from migrant_site.editing import EditConflict, EditVersionCheck
from news.models import NewsItem
from tests.editors.conftest import form_data, news_form, opened_form, opened_state

pytestmark = pytest.mark.django_db


# The item's values beyond news_form's.
ITEM = {"title_fr": "Ancien titre", "summary_fr": "Ancien résumé", "body_en": "<p>Body</p>"}


@pytest.fixture
def item(editor_client):
    """An item added through the admin (so it has a revision), with its French."""
    editor_client.post("/admin/news/newsitem/add/", news_form(**ITEM))
    return NewsItem.objects.get()


def item_form(item, **fields):
    """The item's change form with its values as added, then `fields`."""
    return news_form(slug=item.slug, **{**ITEM, **fields})


def url_of(item):
    return f"/admin/news/newsitem/{item.pk}/change/"


def translator_saves_french(translator_client, item, **french):
    form = opened_form(translator_client, url_of(item))[1]
    data = {
        "title_fr": form["title_fr"].value(),
        "summary_fr": form["summary_fr"].value(),
        "body_fr": "",
        "image_alt_fr": "",
        **opened_state(form),
        **french,
    }
    assert translator_client.post(url_of(item), data).status_code == 302


def test_an_editor_saving_a_form_opened_before_a_translators_save_is_refused(
    editor_client, translator_client, translator, item
):
    opened = opened_state(opened_form(editor_client, url_of(item))[1])
    translator_saves_french(translator_client, item, title_fr="Nouveau titre")

    stale = item_form(item, title_en="The editor's new title", **opened)
    response = editor_client.post(url_of(item), stale)

    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title_fr == "Nouveau titre"  # the translator's French is intact
    assert item.title_en == "A new item"
    html = response.content.decode()
    assert "Not saved: translator changed this record on" in html
    assert "The editor&#x27;s new title" in html  # the editor's input, shown again
    conflict = response.context["adminform"].form.edit_conflict
    assert [(str(row["label"]), row["then"], row["now"]) for row in conflict.rows] == [
        ("title [fr]", "Ancien titre", "Nouveau titre")
    ]
    form = response.context["adminform"].form
    # The French the editor had not touched now shows the translator's; the English is theirs.
    assert form["title_fr"].value() == "Nouveau titre"
    assert form["title_en"].value() == "The editor's new title"

    # Saving again from the form shown keeps both people's work.
    again = {name: form[name].value() for name in ("title_fr", "opened_version", "opened_values")}
    response = editor_client.post(url_of(item), {**stale, **again})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.title_fr) == ("The editor's new title", "Nouveau titre")


def test_where_both_changed_a_field_the_form_keeps_the_users_input_and_says_so(
    editor_client, translator_client, item
):
    opened = opened_state(opened_form(editor_client, url_of(item))[1])
    translator_saves_french(translator_client, item, title_fr="Titre du traducteur")
    stale = news_form(slug=item.slug, title_fr="Titre de l'éditeur", **opened)
    response = editor_client.post(url_of(item), stale)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form["title_fr"].value() == "Titre de l'éditeur"
    assert form.edit_conflict.rows[0]["kept_yours"]
    assert "Your input, kept: check it" in response.content.decode()
    item.refresh_from_db()
    assert item.title_fr == "Titre du traducteur"


def test_the_conflict_is_told_in_the_editors_language(editor_client, translator_client, item):
    opened = opened_form(editor_client, url_of(item))[1]["opened_version"].value()
    translator_saves_french(translator_client, item, title_fr="Nouveau titre")
    response = editor_client.post(
        url_of(item),
        news_form(slug=item.slug, opened_version=opened),
        headers={"accept-language": "fr"},
    )
    html = response.content.decode()
    assert "Pas enregistré\u00a0: translator a modifié cette fiche le" in html
    assert "Ce qui a changé depuis que vous avez ouvert ce formulaire" in html


def test_a_change_made_outside_the_admin_is_reported_without_a_name(editor_client, item):
    opened = opened_state(opened_form(editor_client, url_of(item))[1])
    NewsItem.objects.filter(pk=item.pk).update(summary_en="Changed in bulk")
    stale = news_form(slug=item.slug, title_fr="Ancien titre", summary_fr="Ancien résumé", **opened)
    response = editor_client.post(url_of(item), stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not saved: this record was changed on" in html  # its updated_at, no revision
    rows = response.context["adminform"].form.edit_conflict.rows
    assert [(row["then"], row["now"]) for row in rows] == [("Summary", "Changed in bulk")]


def test_without_the_opened_values_the_fields_that_differ_are_listed(editor_client, item):
    opened = opened_form(editor_client, url_of(item))[1]["opened_version"].value()
    NewsItem.objects.filter(pk=item.pk).update(summary_en="Changed in bulk")
    stale = item_form(item, opened_version=opened)
    response = editor_client.post(url_of(item), stale)
    form = response.context["adminform"].form
    assert [str(row["label"]) for row in form.edit_conflict.rows] == ["summary [en]"]
    assert form["summary_en"].value() == "Summary"  # the user's input, kept


def test_a_save_that_changed_nothing_since_the_form_opened_is_no_conflict(
    editor_client, translator_client, item
):
    opened = opened_state(opened_form(editor_client, url_of(item))[1])
    translator_saves_french(translator_client, item)  # Save, without changing anything
    item.refresh_from_db()
    assert item.edit_version == opened["opened_version"] + 1
    mine = item_form(item, title_en="Mine", **opened)
    assert editor_client.post(url_of(item), mine).status_code == 302
    item.refresh_from_db()
    assert item.title_en == "Mine"


def test_a_form_without_its_opened_version_is_refused(editor_client, item):
    response = editor_client.post(url_of(item), news_form(slug=item.slug, title_en="Blind"))
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title_en == "A new item"


def test_the_database_refuses_the_second_of_two_saves_from_the_same_version(item):
    first, second = NewsItem.objects.get(), NewsItem.objects.get()
    opened = first.edit_version
    first.expected_edit_version = opened
    first.title_en = "First"
    first.save()
    second.expected_edit_version = opened
    second.title_en = "Second"
    with pytest.raises(EditConflict):
        second.save()
    item.refresh_from_db()
    assert item.title_en == "First" and item.edit_version == opened + 1


@pytest.mark.django_db(transaction=True)
def test_two_processes_saving_from_the_same_version_only_the_first_is_kept():
    """Two connections, as two servers would have: the row's lock and count decide."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections to one database: run on PostgreSQL")
    item = NewsItem.objects.create(title_en="Shared", slug="shared", summary_en="x")
    opened = item.edit_version
    first_has_claimed = threading.Event()
    outcome = {}

    def save_from_opened_form(title, before_commit=lambda: None):
        try:
            with transaction.atomic():
                record = NewsItem.objects.get(pk=item.pk)
                assert record.edit_version == opened  # both read the same, committed count
                record.title_en = title
                record.expected_edit_version = opened
                record.save()
                before_commit()
            outcome[title] = "saved"
        except EditConflict:
            outcome[title] = "refused"
        finally:
            connection.close()

    def second():
        first_has_claimed.wait(5)
        save_from_opened_form("Second")

    def hold_the_row():
        first_has_claimed.set()
        time.sleep(0.5)  # the second save waits for this transaction

    threads = [
        threading.Thread(target=save_from_opened_form, args=("First", hold_the_row)),
        threading.Thread(target=second),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome == {"First": "saved", "Second": "refused"}
    item.refresh_from_db()
    assert item.title_en == "First" and item.edit_version == opened + 1


def test_the_check_is_one_conditional_update_in_the_row(item):
    item.expected_edit_version = item.edit_version
    with CaptureQueriesContext(connection) as queries:
        item.save()
    claim = next(q["sql"] for q in queries if q["sql"].startswith("UPDATE"))
    assert f'"edit_version" = {item.edit_version - 1}' in claim.split("WHERE")[1]


def test_every_write_counts_saves_updates_and_restores(item):
    before = item.edit_version
    item.save()
    NewsItem.objects.filter(pk=item.pk).update(title_en="Bulk")
    item.refresh_from_db()
    assert item.edit_version == before + 2
    Version.objects.get_for_object(item).last().revision.revert()  # the oldest revision
    item.refresh_from_db()
    assert item.title_en == "A new item" and item.edit_version == before + 3


def test_a_save_that_loses_the_race_after_the_forms_check_shows_the_conflict(
    editor_client, item, monkeypatch
):
    """Someone saves between the form's check and the save: the database row refuses it."""
    opened = opened_form(editor_client, url_of(item))[1]["opened_version"].value()
    checks = []
    original_check = EditVersionCheck.clean

    def check_that_ran_before_the_other_save(form):
        checks.append(form)
        if len(checks) == 1:
            return super(EditVersionCheck, form).clean()  # passes: nobody had saved yet
        return original_check(form)

    NewsItem.objects.filter(pk=item.pk).update(title_fr="Sauvé entre-temps")
    monkeypatch.setattr(EditVersionCheck, "clean", check_that_ran_before_the_other_save)
    response = editor_client.post(
        url_of(item), news_form(slug=item.slug, title_en="Mine", opened_version=opened)
    )
    assert len(checks) == 2  # the save was refused, and the form checked again
    assert response.status_code == 200
    assert response.context["adminform"].form.edit_conflict is not None
    item.refresh_from_db()
    assert (item.title_en, item.title_fr) == ("A new item", "Sauvé entre-temps")


def test_office_and_branch_profile_forms_refuse_stale_saves(editor_client, editor, seeded):
    other = Client()
    other.force_login(editor)
    for url, field in [
        (f"/admin/contacts/office/{Office.objects.first().pk}/change/", "city_fr"),
        ("/admin/branch/branchprofile/1/change/", "quote_fr"),
    ]:
        stale = form_data(opened_form(editor_client, url)[1])
        fresh = form_data(opened_form(other, url)[1], **{field: "Saved first"})
        assert other.post(url, fresh).status_code == 302
        response = editor_client.post(url, {**stale, field.replace("_fr", "_en"): "Mine"})
        assert response.status_code == 200, url
        assert "Not saved:" in response.content.decode()
    assert Office.objects.first().city_fr == "Saved first"
    assert BranchProfile.objects.get().quote_fr == "Saved first"


def test_a_list_edit_of_a_row_changed_since_the_list_opened_is_refused(editor_client, seeded):
    office = Office.objects.first()
    changelist = editor_client.get("/admin/contacts/office/")
    formset = changelist.context["cl"].formset
    assert 'name="form-0-opened_version"' in changelist.content.decode()
    data = {
        "form-TOTAL_FORMS": str(len(formset.forms)),
        "form-INITIAL_FORMS": str(len(formset.forms)),
        "_save": "Save",
    }
    for n, form in enumerate(formset.forms):
        data[f"form-{n}-id"] = form.instance.pk
        data[f"form-{n}-order"] = form.instance.order
        data[f"form-{n}-opened_version"] = form.instance.edit_version
    Office.objects.filter(pk=office.pk).update(order=7)  # someone else, meanwhile
    row = next(n for n, f in enumerate(formset.forms) if f.instance.pk == office.pk)
    data[f"form-{row}-order"] = 3
    response = editor_client.post("/admin/contacts/office/", data)
    assert response.status_code == 200
    assert "Not saved:" in response.content.decode()
    office.refresh_from_db()
    assert office.order == 7
