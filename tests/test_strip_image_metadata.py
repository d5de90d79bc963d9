"""manage.py strip_image_metadata: news images stored before uploads were cleaned of metadata."""

import os
import re
import struct
from io import StringIO

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image, ImageCms, ImageOps, PngImagePlugin
from reversion.models import Version

from news.images import RENDITION_WIDTHS, rendition_name
from news.models import NewsItem
from tests.editors.conftest import news_form, opened_form, published_item
from tests.media import camera_photo, picture, stored_files

pytestmark = pytest.mark.django_db

SECRETS = (b"Canon", b"Jane Doe", b"Exif", b"xmpmeta", b"Photoshop")
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Jane Doe</x:xmpmeta>'


def iptc_photo():
    """A JPEG with an IPTC by-line in Photoshop's APP13 segment, as picture desks send them."""
    record = b"\x1c\x02\x50" + struct.pack(">H", 8) + b"Jane Doe"  # 2:80 By-line
    resource = b"8BIM\x04\x04\0\0" + struct.pack(">I", len(record)) + record + b"\0"
    segment = b"Photoshop 3.0\0" + resource
    jpeg = picture((1200, 600))
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(segment) + 2) + segment + jpeg[2:]


def png_with_author():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Jane Doe")
    return picture((1200, 600), "PNG", pnginfo=text)


def with_colour_profile():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return picture((1200, 600), icc_profile=profile)


def stored_before_the_change(media_root, name, content, slug="turned", copies_comment=b"Jane Doe"):
    """A published item (with its history) whose image was stored as uploads were before they
    were cleaned: the file as sent, under the name it was sent with, measured as sent (Django
    ignores the orientation), with upright copies at the widths that measure implied, the JPEG
    ones carrying the original's comment. All written here, bypassing the upload path."""
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with Image.open(path) as image:
        (width, height), upright = image.size, ImageOps.exif_transpose(image).size
    for copy_width in sorted({min(each, width) for each in RENDITION_WIDTHS}):
        size = (copy_width, round(upright[1] * copy_width / upright[0]))
        for extension, image_format in (("jpg", "JPEG"), ("webp", "WEBP")):
            options = {"comment": copies_comment} if copies_comment and extension == "jpg" else {}
            copy = media_root / rendition_name(name, copy_width, extension)
            copy.parent.mkdir(exist_ok=True)
            copy.write_bytes(picture(size, image_format, **options))
    with reversion.create_revision():
        return published_item(
            title_en=f"Item {slug}",
            title_fr=f"Article {slug}",
            slug=slug,
            summary_en="Summary",
            summary_fr="Résumé",
            image=name,
            image_width=width,
            image_height=height,
            image_alt_en="Workers",
        )


def run(*options):
    """The command's output and error output; it must succeed."""
    out, err = StringIO(), StringIO()
    call_command("strip_image_metadata", *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*options):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("strip_image_metadata", *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(failure.value)


def names(media_root):
    return [str(path.relative_to(media_root)) for path in stored_files(media_root)]


def contents(media_root):
    return {name: (media_root / name).read_bytes() for name in names(media_root)}


def assert_clean(path):
    content = path.read_bytes()
    for secret in SECRETS:
        assert secret not in content, (path.name, secret)
    with Image.open(path) as image:
        assert not image.getexif(), path.name
        assert not {"exif", "xmp", "comment", "photoshop"} & set(image.info), path.name


def media_urls(html):
    return set(re.findall(r"/media/[^\"\s,]+", html))


def assert_shown(client, media_root, slug, stem):
    """The item's page answers and every picture it points at is a stored copy of `stem`."""
    response = client.get(f"/en/news/{slug}/")
    assert response.status_code == 200
    urls = media_urls(response.content.decode())
    assert urls and all(f"/{stem}-" in url for url in urls), urls
    for url in urls:
        assert (media_root / url.removeprefix("/media/")).is_file(), url


def test_a_photo_stored_before_the_change_is_rewritten_upright_without_metadata(
    client, media_root, page_cache, django_capture_on_commit_callbacks
):
    item = stored_before_the_change(
        media_root, "news/turned.jpg", camera_photo(comment=b"Jane Doe", xmp=XMP)
    )
    # Visitors' cached page points at the old copies until the content version moves on.
    assert client.get("/en/news/turned/").status_code == 200
    edit_version = item.edit_version

    with django_capture_on_commit_callbacks(execute=True):
        out, err = run()

    item.refresh_from_db()
    stem = re.fullmatch(r"news/(turned-[0-9a-f]{12})\.jpg", item.image.name)[1]
    assert "news/turned.jpg: EXIF, XMP, comment" in out and item.image.name in out
    assert "Cleaned 1 image" in out and err == ""
    # Upright: 1000 wide, 2000 high, so no copy wider than 1000 (none enlarged).
    assert (item.image_width, item.image_height) == (1000, 2000)
    # A form opened before the clean-up cannot save the old picture back.
    assert item.edit_version > edit_version
    # The old original and its copies are gone: only the cleaned ones remain.
    assert names(media_root) == sorted(
        [f"news/{stem}.jpg"]
        + [
            f"news/renditions/{stem}-{width}w.{ext}"
            for width in (480, 960, 1000)
            for ext in ("jpg", "webp")
        ]
    )
    for path in stored_files(media_root):
        assert_clean(path)
        with Image.open(path) as stored:
            assert stored.width < stored.height, path.name
    assert_shown(client, media_root, "turned", stem)
    # Stored like an upload: readable by whoever reads the storage's other files.
    probe = default_storage.save("probe.txt", ContentFile(b"x"))
    assert (media_root / item.image.name).stat().st_mode == (media_root / probe).stat().st_mode
    assert not list(media_root.rglob("*.part"))


def test_a_second_run_has_nothing_to_do_and_changes_nothing(media_root):
    stored_before_the_change(media_root, "news/turned.jpg", camera_photo())
    run()
    before = {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in stored_files(media_root)
    }
    row = NewsItem.objects.values().get()

    out, err = run()

    assert "Nothing to do" in out and err == ""
    assert {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in stored_files(media_root)
    } == before
    assert NewsItem.objects.values().get() == row


def test_dry_run_lists_what_would_change_and_changes_nothing(media_root):
    stored_before_the_change(media_root, "news/turned.jpg", camera_photo())
    stored_before_the_change(
        media_root, "news/plain.png", picture((600, 300), "PNG"), "plain", None
    )
    before, rows = contents(media_root), list(NewsItem.objects.values())
    versions = list(Version.objects.values("serialized_data"))

    out, err = run("--dry-run")

    assert re.search(r"news/turned\.jpg: EXIF: would be .* news/turned-[0-9a-f]{12}\.jpg", out)
    assert "plain.png" not in out
    assert "1 image would be cleaned" in out and err == ""
    assert contents(media_root) == before
    assert list(NewsItem.objects.values()) == rows
    assert list(Version.objects.values("serialized_data")) == versions


def test_a_broken_or_missing_file_is_reported_and_left_alone_and_the_others_cleaned(media_root):
    stored_before_the_change(media_root, "news/turned.jpg", camera_photo(), "turned")
    (media_root / "news" / "broken.jpg").write_bytes(b"Not a picture at all.")
    for slug, name in (("broken", "news/broken.jpg"), ("gone", "news/gone.jpg")):
        item = published_item(slug=slug, title_en=slug, summary_en="S", image_alt_en="Workers")
        # Straight into the row: saving would make copies, and fail on these files.
        NewsItem.objects.filter(pk=item.pk).update(image=name, image_width=2000, image_height=1000)

    out, err, failure = run_failing()

    assert "news/broken.jpg" in err and "news/gone.jpg" in err
    assert "2 images could not be cleaned" in failure
    assert (media_root / "news" / "broken.jpg").read_bytes() == b"Not a picture at all."
    assert NewsItem.objects.get(slug="broken").image.name == "news/broken.jpg"
    assert NewsItem.objects.get(slug="gone").image.name == "news/gone.jpg"
    # Not a crash: the next image was cleaned all the same.
    assert re.fullmatch(
        r"news/turned-[0-9a-f]{12}\.jpg", NewsItem.objects.get(slug="turned").image.name
    )
    assert not (media_root / "news" / "turned.jpg").exists()


def test_a_failure_while_storing_leaves_the_item_and_its_files_as_they_were(
    media_root, monkeypatch
):
    item = stored_before_the_change(media_root, "news/turned.jpg", camera_photo())
    before = contents(media_root)

    replace = os.replace
    renamed = []

    def full_disk_after_the_original(source, target):
        # The cleaned original is in place; the disk fills up on the first copy.
        if renamed:
            raise OSError("No space left on device")
        renamed.append(target)
        replace(source, target)

    monkeypatch.setattr(os, "replace", full_disk_after_the_original)
    out, err, failure = run_failing()

    assert "news/turned.jpg" in err and "No space left on device" in err
    assert renamed, "the cleaned original was written before the failure"
    assert contents(media_root) == before
    item.refresh_from_db()
    assert item.image.name == "news/turned.jpg"


@pytest.mark.parametrize(
    "name, content, found",
    [
        ("news/iptc.jpg", iptc_photo(), "IPTC"),
        ("news/author.png", png_with_author(), "Author"),
        ("news/xmp.webp", picture((1200, 600), "WEBP", xmp=XMP), "XMP"),
        ("news/comment.jpg", picture((1200, 600), comment=b"Jane Doe"), "comment"),
    ],
)
def test_each_kind_of_metadata_is_found_and_removed(client, media_root, name, content, found):
    stored_before_the_change(media_root, name, content, "item", copies_comment=None)

    out, err = run()

    assert f"{name}: {found}" in out
    item = NewsItem.objects.get()
    assert item.image.name != name and item.image.name.endswith(name[name.index(".") :])
    for path in stored_files(media_root):
        assert_clean(path)
    assert_shown(client, media_root, "item", item.image.name.removeprefix("news/").split(".")[0])
    assert "Nothing to do" in run()[0]


def test_a_colour_profile_is_not_metadata_it_is_kept(media_root):
    stored_before_the_change(media_root, "news/profiled.jpg", with_colour_profile(), "p", None)
    before = contents(media_root)

    assert "Nothing to do" in run()[0]
    assert contents(media_root) == before


def test_copies_carrying_metadata_of_a_clean_original_are_made_again(client, media_root):
    item = stored_before_the_change(media_root, "news/plain.png", picture((1200, 600), "PNG"))
    before = names(media_root)

    out, err = run()

    assert "news/plain.png: its copies carry metadata (comment): made again." in out
    assert names(media_root) == before
    for path in stored_files(media_root):
        assert_clean(path)
    item.refresh_from_db()
    assert item.image.name == "news/plain.png"
    assert_shown(client, media_root, "turned", "plain")
    assert "Nothing to do" in run()[0]


def test_copies_shared_with_another_item_are_kept(client, media_root):
    # Before the change, photo.jpg and photo.png had the same copies' names: the second item's
    # copies replaced the first's. Cleaning the first must not delete what the second shows.
    stored_before_the_change(media_root, "news/photo.jpg", camera_photo(), "turned")
    stored_before_the_change(media_root, "news/photo.png", picture((1200, 600), "PNG"), "png", None)
    shared = [
        rendition_name("news/photo.png", w, ext)
        for w in (480, 960, 1200)
        for ext in ("jpg", "webp")
    ]

    run()

    assert not (media_root / "news" / "photo.jpg").exists()
    assert all((media_root / name).is_file() for name in shared)
    assert_shown(client, media_root, "png", "photo")
    cleaned = NewsItem.objects.get(slug="turned").image.name
    assert_shown(client, media_root, "turned", cleaned.removeprefix("news/").removesuffix(".jpg"))


def test_the_history_follows_the_cleaned_picture(editor_client, client, media_root):
    live = stored_before_the_change(media_root, "news/turned.jpg", camera_photo(), "turned")
    deleted = stored_before_the_change(media_root, "news/deleted.jpg", camera_photo(), "deleted")
    deleted.delete()  # its file stays: the item may be recovered from its history

    run()

    live.refresh_from_db()
    assert Version.objects.get_for_object(live).get().field_dict["image"] == live.image.name
    assert not (media_root / "news" / "deleted.jpg").exists()
    for path in stored_files(media_root):
        assert_clean(path)
    # Recovered, the deleted item shows its cleaned picture, upright, copies made again.
    version = Version.objects.get_deleted(NewsItem).get()
    url = f"/admin/news/newsitem/recover/{version.pk}/"
    opened = opened_form(editor_client, url)[1]["opened_version"].value()
    data = news_form(
        status="published", slug="deleted", image_alt_en="Workers", opened_version=opened
    )
    assert editor_client.post(url, data).status_code == 302
    recovered = NewsItem.objects.get(slug="deleted")
    assert re.fullmatch(r"news/deleted-[0-9a-f]{12}\.jpg", recovered.image.name)
    assert (recovered.image_width, recovered.image_height) == (1000, 2000)
    client.logout()
    stem = recovered.image.name.removeprefix("news/").removesuffix(".jpg")
    assert_shown(client, media_root, "deleted", stem)
