import json
from datetime import timedelta

import pytest
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from branch.models import BranchProfile
from contacts.models import Office
from migrant_site.translation.status import (
    MISSING,
    OUTDATED,
    UP_TO_DATE,
    field_statuses,
    records_needing_work,
    word_diff,
)
from news.models import NewsItem

pytestmark = pytest.mark.django_db


def states(record):
    record.refresh_from_db()
    return {status.name: status.state for status in field_statuses(record)}


def test_seeded_content_is_up_to_date_everywhere(seeded):
    assert records_needing_work() == []
    for model in (BranchProfile, NewsItem, Office):
        for record in model.objects.all():
            assert set(states(record).values()) == {UP_TO_DATE}


def test_one_save_changing_an_english_field_and_another_french_field(seeded):
    """The issue's case: the quote's author in English, the copyright line in French."""
    profile = BranchProfile.objects.get()
    profile.quote_author_en = "Gilbert F. Houngbo, ILO Director-General"
    profile.copyright_notice_fr = "Copyright © Organisation internationale du Travail (OIT)"
    profile.save()

    result = states(profile)
    assert result["quote_author"] == OUTDATED
    assert result["copyright_notice"] == UP_TO_DATE
    assert {name for name, state in result.items() if state != UP_TO_DATE} == {"quote_author"}
    (row,) = records_needing_work()
    assert row.record == profile
    (outdated,) = row.outdated
    assert outdated.source_then == "Mr. Guy Ryder, ILO Director-General"
    assert outdated.diff() == (
        "<del>Mr. Guy Ryder,</del> <ins>Gilbert F. Houngbo,</ins> ILO Director-General"
    )


def test_writing_the_french_of_an_outdated_field_brings_it_up_to_date(seeded):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    item.summary_en += " Updated."
    item.save()
    assert states(item)["summary"] == OUTDATED

    item.summary_fr += " Mis à jour."
    item.save()
    assert states(item)["summary"] == UP_TO_DATE


def test_english_without_french_is_missing_and_french_emptied_is_missing(seeded):
    item = NewsItem.objects.create(title_en="Only English", slug="only", summary_en="Hello.")
    assert states(item) == {"title": MISSING, "summary": MISSING}

    office = Office.objects.get()
    office.city_fr = ""
    office.save()
    assert states(office)["city"] == MISSING


def test_changing_english_and_french_of_the_same_field_together_is_up_to_date(seeded):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    item.title_en = "Bahrain: a new decree"
    item.title_fr = "Bahreïn : un nouveau décret"
    item.summary_en += " More."
    item.save()
    result = states(item)
    assert result["title"] == UP_TO_DATE
    assert result["summary"] == OUTDATED


def test_a_fresh_instance_saved_over_an_existing_row_is_compared_with_the_database(seeded):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    copy = NewsItem(**{f.attname: getattr(item, f.attname) for f in NewsItem._meta.concrete_fields})
    copy.summary_en = "Rewritten in English only."
    copy.save()
    assert states(item)["summary"] == OUTDATED
    assert states(item)["title"] == UP_TO_DATE


def test_whitespace_or_entity_differences_in_english_are_not_a_change(seeded):
    profile = BranchProfile.objects.get()
    profile.quote_en = "  " + profile.quote_en.replace(" ", "  ") + "\n"
    profile.save()
    assert states(profile)["quote"] == UP_TO_DATE


def test_status_survives_an_export_and_import(seeded, tmp_path):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    item.summary_en += " Updated."
    item.save()
    archive = tmp_path / "content.zip"
    call_command("export_content", str(archive), stdout=open("/dev/null", "w"))
    call_command("import_content", str(archive), "--replace", stdout=open("/dev/null", "w"))
    item = NewsItem.objects.get(slug=item.slug)
    assert states(item)["summary"] == OUTDATED
    assert states(item)["title"] == UP_TO_DATE


def test_raw_save_without_sources_compares_with_the_stored_row(seeded):
    """A revision or fixture from before per-field tracking carries no `translated_from`."""
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    data = json.loads(serializers.serialize("json", [item]))
    data[0]["fields"].pop("translated_from")
    data[0]["fields"]["summary_en"] = "Old English summary."
    data[0]["fields"]["title_fr"] = "Un titre restauré"
    for obj in serializers.deserialize("json", json.dumps(data)):
        obj.save()
    result = states(item)
    assert result["summary"] == OUTDATED  # its French was left alone
    assert result["title"] == UP_TO_DATE  # its French came with the English beside it


def test_restoring_a_revision_restores_the_status_it_had(seeded, admin_client):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    url = f"/admin/news/newsitem/{item.pk}/change/"
    form = {
        "title_en": item.title_en,
        "title_fr": item.title_fr,
        "slug": item.slug,
        "published_at_0": timezone.localtime(item.published_at).strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime(item.published_at).strftime("%H:%M:%S"),
        "status": item.status,
        "language": item.language,
        "summary_en": item.summary_en,
        "summary_fr": item.summary_fr,
        "body_en": item.body_en,
        "body_fr": item.body_fr,
        "opened_version": item.edit_version,
    }
    assert admin_client.post(url, form).status_code == 302
    first = Version.objects.get_for_object(item).first()
    item.refresh_from_db()
    form.update(title_en="Bahrain: new title", opened_version=item.edit_version)
    assert admin_client.post(url, form).status_code == 302
    assert states(item)["title"] == OUTDATED

    first.revision.revert()
    assert states(item)["title"] == UP_TO_DATE


def test_board_order_puts_live_records_first(seeded):
    now = timezone.now()
    draft = NewsItem.objects.create(title_en="A draft", slug="a-draft", summary_en="x")
    scheduled = NewsItem.objects.create(
        title_en="Later",
        slug="later",
        summary_en="x",
        status=NewsItem.Status.PUBLISHED,
        published_at=now + timedelta(days=3),
    )
    live = NewsItem.objects.create(
        title_en="Now",
        slug="now",
        summary_en="x",
        status=NewsItem.Status.PUBLISHED,
        published_at=now - timedelta(days=3),
    )
    office = Office.objects.get()
    office.country_en = "Switzerland (CH)"
    office.save()
    rows = records_needing_work()
    assert [row.record for row in rows] == [live, office, scheduled, draft]
    assert [row.public_state for row in rows] == ["live", "live", "scheduled", "draft"]


def test_bulk_created_news_with_recorded_sources_is_up_to_date(make_news):
    make_news(3)
    assert records_needing_work() == []


def test_word_diff_marks_removed_and_added_words_and_escapes():
    html = word_diff("Director <b>General</b> Juan Somavia", "Director <b>General</b> Guy Ryder")
    assert html == (
        "Director &lt;b&gt;General&lt;/b&gt; <del>Juan Somavia</del> <ins>Guy Ryder</ins>"
    )


def test_saving_a_partly_loaded_record_keeps_every_source(seeded):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    item.summary_en += " Updated."
    item.save()
    partial = NewsItem.objects.only("pk", "status").get(pk=item.pk)
    partial.status = NewsItem.Status.DRAFT
    partial.save()
    result = states(item)
    assert result["summary"] == OUTDATED
    assert result["title"] == UP_TO_DATE


def test_update_fields_saves_the_new_source_with_the_french(seeded):
    item = NewsItem.objects.get(slug="bahrain-decree-79-aims-at-ending-sponsor-system")
    item.summary_en += " Updated."
    item.save()
    item.summary_fr += " Mis à jour."
    item.save(update_fields=["summary_fr"])
    assert states(item)["summary"] == UP_TO_DATE


def test_the_records_read_for_the_board_are_every_record_needing_work(seeded, make_news):
    """Only records that may need work are read (may_need_work, in SQL): every one whose
    status says so, including those without a known source, and none up to date."""
    profile = BranchProfile.objects.get()
    profile.quote_en = "  " + profile.quote_en.replace(" ", "  ") + "\n"  # spacing only
    profile.save()
    no_sources, odd_source, no_english, up_to_date = make_news(4)
    NewsItem.objects.filter(pk=no_sources.pk).update(translated_from={})
    NewsItem.objects.filter(pk=odd_source.pk).update(translated_from={"title": "not a dict"})
    NewsItem.objects.filter(pk=no_english.pk).update(title_en="", summary_fr=None)
    office = Office.objects.get()
    office.city_en = "Geneva 22"
    office.save()

    every_record = [r for model in (BranchProfile, NewsItem, Office) for r in model.objects.all()]
    expected = {r for r in every_record if any(s.needs_work for s in field_statuses(r))}
    assert {row.record for row in records_needing_work()} == expected
    assert expected == {no_sources, odd_source, no_english, office}
