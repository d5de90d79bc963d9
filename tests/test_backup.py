"""export_content / import_content: every branch, news and contact record, with media."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from branch.models import BranchProfile
from contacts.models import Office
from news.models import NewsItem

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/",
    "/fr/",
    "/en/news/",
    "/fr/actualites/",
    "/en/news/?page=2",
    "/en/news/labour-migration-academy-2011/",
    "/fr/actualites/bahrain-decree-79-aims-at-ending-sponsor-system/",
    "/en/news/a-draft/",
    "/en/contact/",
    "/fr/contact/",
]


def pages(client):
    csrf = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
    return {
        url: (r.status_code, csrf.sub(b"", r.content)) for url in PAGES for r in [client.get(url)]
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
    default_storage.save("news/photo.jpg", ContentFile(b"\xff\xd8 image bytes"))
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
    assert default_storage.open("news/photo.jpg").read() == b"\xff\xd8 image bytes"


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
    import zipfile

    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match="not a content export"):
        call_command("import_content", str(archive))
