"""export_content / import_content: every branch, news and contact record, with media."""

import json
import re
import zipfile

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from branch.models import BranchProfile
from contacts.models import Office
from news.models import NewsItem
from tests.media import picture, stored_files
from tests.pages import FOUND_PAGES
from tests.pages import PAGES as PUBLIC_PAGES

pytestmark = pytest.mark.django_db

PAGES = [
    *PUBLIC_PAGES.values(),
    *FOUND_PAGES.values(),
    "/en/news/?page=2",
    "/en/news/a-draft/",
]
SMALL_JPEG = picture((20, 10))


def pages(client):
    csrf = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
    return {
        url: (r.status_code, csrf.sub(b"", r.content)) for url in PAGES for r in [client.get(url)]
    }


def test_export_then_import_into_an_empty_database_gives_the_same_pages(
    client, seeded, make_news, media_root, tmp_path
):
    make_news(12)
    NewsItem.objects.create(
        title_en="A draft", slug="a-draft", summary_en="Not yet", body_en="<p>Body</p>"
    )
    Office.objects.create(
        unit="Second office",
        organisation="ILO",
        street="1 Rue",
        postcode="1",
        city="Paris",
        country="France",
        country_code="FR",
        order=2,
    )
    default_storage.save("news/photo.jpg", ContentFile(SMALL_JPEG))
    before = pages(client)
    counts = [m.objects.count() for m in (BranchProfile, Office, NewsItem)]
    archive = tmp_path / "backup.zip"

    call_command("export_content", str(archive), stdout=open("/dev/null", "w"))
    for model in (BranchProfile, NewsItem, Office):
        model.objects.all().delete()
    default_storage.delete("news/photo.jpg")
    assert client.get("/en/news/").content.count(b'class="news-summary"') == 0

    call_command("import_content", str(archive), stdout=open("/dev/null", "w"))
    assert [m.objects.count() for m in (BranchProfile, Office, NewsItem)] == counts
    assert pages(client) == before
    assert default_storage.open("news/photo.jpg").read() == SMALL_JPEG


def test_import_refuses_to_mix_with_existing_content_unless_asked(
    client, seeded, media_root, tmp_path
):
    archive = tmp_path / "backup.zip"
    call_command("export_content", str(archive), stdout=open("/dev/null", "w"))
    NewsItem.objects.filter(slug="labour-migration-academy-2011").update(title_en="Edited")
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_content", str(archive))
    call_command("import_content", str(archive), replace=True, stdout=open("/dev/null", "w"))
    assert NewsItem.objects.get(slug="labour-migration-academy-2011").title_en.startswith(
        "Labour Migration Academy"
    )
    assert NewsItem.objects.count() == 4


def test_import_rejects_a_file_that_is_not_an_export(tmp_path):
    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match="not a content export"):
        call_command("import_content", str(archive))


@pytest.fixture
def export(seeded, media_root, tmp_path):
    """An export of the seed content, and a way to write a tampered copy of it."""
    archive = tmp_path / "backup.zip"
    call_command("export_content", str(archive), stdout=open("/dev/null", "w"))

    def tampered(change_records=None, extra=()):
        forged = tmp_path / "forged.zip"
        with zipfile.ZipFile(archive) as source:
            with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as out:
                for info in source.infolist():
                    data = source.read(info)
                    if info.filename == "content.json" and change_records:
                        records = json.loads(data)
                        change_records(records)
                        data = json.dumps(records).encode()
                    out.writestr(info, data)
                for name, data in extra:
                    out.writestr(name, data)
        return str(forged)

    return tampered


def site_state():
    return (
        list(NewsItem.objects.values_list("slug", "title_en", "body_en")),
        list(Office.objects.values_list("unit", flat=True)),
        BranchProfile.objects.count(),
    )


def superuser(records):
    fields = {"username": "intruder", "password": make_password("x"), "is_superuser": True}
    records.append({"model": "auth.user", "pk": 900, "fields": {**fields, "is_staff": True}})


def new_password_for_the_editor(records):
    records.append(
        {
            "model": "auth.user",
            "pk": User.objects.get(username="editor").pk,
            "fields": {"username": "editor", "password": make_password("known to the attacker")},
        }
    )


def everything_else(records):
    records += [
        {"model": "auth.group", "pk": 900, "fields": {"name": "Owners", "permissions": [1]}},
        {"model": "auth.permission", "pk": 900, "fields": {"name": "x", "codename": "x"}},
        {"model": "sessions.session", "pk": "k", "fields": {"session_data": "x"}},
        {"model": "reversion.revision", "pk": 900, "fields": {"comment": "x"}},
    ]


@pytest.mark.parametrize("attack", [superuser, new_password_for_the_editor, everything_else])
def test_an_archive_cannot_touch_accounts_permissions_sessions_or_history(
    export, django_user_model, attack
):
    django_user_model.objects.create_user("editor", password="the editor's own password")
    before = site_state()
    with pytest.raises(CommandError, match="not site content .*only branch, contacts, news"):
        call_command("import_content", export(attack), replace=True)
    assert site_state() == before
    assert list(django_user_model.objects.values_list("username", flat=True)) == ["editor"]
    assert django_user_model.objects.get().check_password("the editor's own password")


def test_imported_records_are_cleaned_as_a_save_cleans_them(export):
    def poison(records):
        for record in records:
            if record["model"] == "news.newsitem":
                record["fields"]["body_en"] = '<p>Hi<script>alert("owned")</script></p>'
                record["fields"]["title_fr"] = "Migrations : le point"

    call_command("import_content", export(poison), replace=True, stdout=open("/dev/null", "w"))
    item = NewsItem.objects.first()
    assert item.body_en == "<p>Hi</p>"
    assert item.title_fr == "Migrations\xa0: le point"


@pytest.mark.parametrize(
    "member",
    [
        "media/../outside.jpg",
        "media/news/../../outside.jpg",
        "media//etc/outside.jpg",
        "media/news/page.html",
        "media/news/with space.jpg",
        "settings.py",
    ],
)
def test_a_bad_media_path_is_refused_before_anything_changes(export, media_root, member):
    NewsItem.objects.update(title_en="Edited since the export")
    before, files = site_state(), stored_files(media_root)
    with pytest.raises(CommandError, match="refused|only JPEG"):
        call_command("import_content", export(extra=[(member, SMALL_JPEG)]), replace=True)
    assert site_state() == before
    assert stored_files(media_root) == files
    assert not (media_root.parent / "outside.jpg").exists()


def test_a_record_pointing_outside_the_media_folder_is_refused(export):
    def escape_media(records):
        for record in records:
            if record["model"] == "news.newsitem":
                record["fields"]["image"] = "../../../etc/passwd.jpg"

    before = site_state()
    with pytest.raises(CommandError, match="not a safe media file name"):
        call_command("import_content", export(escape_media), replace=True)
    assert site_state() == before


def test_a_zip_bomb_is_refused_before_it_is_unpacked(export, media_root):
    bomb = [("media/news/bomb.jpg", bytes(20 * 1024 * 1024))]  # 20 MB of zeros, packs to 20 kB
    before, files = site_state(), stored_files(media_root)
    with pytest.raises(CommandError, match="zip bomb"):
        call_command("import_content", export(extra=bomb), replace=True)
    assert site_state() == before
    assert stored_files(media_root) == files


def test_a_record_that_fails_leaves_neither_rows_nor_files(export, media_root):
    def bad_email(records):
        for record in records:
            if record["model"] == "contacts.office":
                record["fields"]["email"] = "not an address"

    NewsItem.objects.update(title_en="Edited since the export")
    before, files = site_state(), stored_files(media_root)
    forged = export(bad_email, extra=[("media/news/new-photo.jpg", SMALL_JPEG)])
    with pytest.raises(CommandError, match="contacts.Office .* is not valid"):
        call_command("import_content", forged, replace=True)
    assert site_state() == before
    assert stored_files(media_root) == files


def test_an_item_with_an_image_comes_back_with_its_copies_and_new_items_get_new_keys(
    client, seeded, media_root, tmp_path
):
    item = NewsItem.objects.first()
    item.image_alt_en, item.image_alt_fr = "Workers", "Des travailleurs"
    item.image = ContentFile(picture((1200, 600)), name="photo.jpg")
    item.image_width, item.image_height = 1200, 600
    item.save()
    html = client.get(item.get_absolute_url()).content
    archive = tmp_path / "backup.zip"
    call_command("export_content", str(archive), stdout=open("/dev/null", "w"))
    files = stored_files(media_root)
    for path in files:
        path.unlink()

    call_command("import_content", str(archive), replace=True, stdout=open("/dev/null", "w"))
    assert stored_files(media_root) == files
    assert client.get(item.get_absolute_url()).content == html
    added = NewsItem.objects.create(title_en="Added after", slug="added-after", summary_en="x")
    assert added.pk > max(NewsItem.objects.exclude(pk=added.pk).values_list("pk", flat=True))
