import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.models import NewsItem
from tests.editors.conftest import news_form

pytestmark = pytest.mark.django_db


def image_file(name="photo.jpg", size=(2000, 1000), image_format="JPEG"):
    buffer = BytesIO()
    Image.new("RGB", size, (30, 45, 190)).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def png_bomb(width=40_000, height=40_000):
    """A real 40,000 × 40,000 black-and-white PNG: a few hundred kB that inflate to 200 MB."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + bytes(width // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def post(client, image, HTTP_ACCEPT_LANGUAGE="en", **fields):
    data = news_form(
        status="published", image=image, image_alt_en="Workers", image_alt_fr="Des travailleurs"
    )
    data.update(fields)
    return client.post("/admin/news/newsitem/add/", data, HTTP_ACCEPT_LANGUAGE=HTTP_ACCEPT_LANGUAGE)


def test_an_uploaded_image_gets_renditions_and_a_picture_element(
    editor_client, client, media_root, django_assert_max_num_queries
):
    assert post(editor_client, image_file()).status_code == 302
    item = NewsItem.objects.get()
    assert (item.image_width, item.image_height) == (2000, 1000)
    names = sorted(path.name for path in (media_root / "news" / "renditions").iterdir())
    assert names == [
        "photo-1440w.jpg",
        "photo-1440w.webp",
        "photo-480w.jpg",
        "photo-480w.webp",
        "photo-960w.jpg",
        "photo-960w.webp",
    ]
    with Image.open(media_root / "news" / "renditions" / "photo-960w.webp") as webp:
        assert (webp.format, webp.size) == ("WEBP", (960, 480))
    with django_assert_max_num_queries(3):
        html = client.get("/fr/actualites/a-new-item/").content.decode()
    assert (
        '<source type="image/webp" srcset="/media/news/renditions/photo-480w.webp 480w, '
        "/media/news/renditions/photo-960w.webp 960w, /media/news/renditions/photo-1440w.webp 1440w"
    ) in html
    assert 'src="/media/news/renditions/photo-1440w.jpg"' in html
    assert 'width="1440" height="720" alt="Des travailleurs"' in html


def test_a_small_image_is_never_enlarged(editor_client, media_root):
    assert post(editor_client, image_file("small.png", (600, 300), "PNG")).status_code == 302
    names = sorted(path.name for path in (media_root / "news" / "renditions").iterdir())
    assert names == ["small-480w.jpg", "small-480w.webp", "small-600w.jpg", "small-600w.webp"]


def test_english_alt_text_is_required_with_an_image(editor_client, media_root):
    response = post(editor_client, image_file(), image_alt_en="")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["image_alt_en"] == ["Describe the image, for people who cannot see it."]
    assert stored_files(media_root) == []


def test_an_upload_sent_back_with_other_errors_says_to_choose_the_file_again(
    editor_client, media_root
):
    response = post(editor_client, image_file(), image_alt_en="", title_en="")
    assert response.context["adminform"].form.errors["image"] == [
        "The image you chose was not saved, because of the other errors on this page: "
        "please choose the file again."
    ]
    html = response.content.decode()
    assert "please choose the file again" in html
    french = post(editor_client, image_file(), title_en="", HTTP_ACCEPT_LANGUAGE="fr")
    assert "veuillez choisir le fichier à nouveau" in french.content.decode()


def test_an_invalid_form_without_an_upload_says_nothing_about_the_image(editor_client, db):
    response = editor_client.post("/admin/news/newsitem/add/", news_form(title_en=""))
    assert "image" not in response.context["adminform"].form.errors


def test_a_draft_with_an_image_saves_without_french_alt_text(
    editor_client, client, media_root, translator
):
    assert post(editor_client, image_file(), image_alt_fr="").status_code == 302
    item = NewsItem.objects.get()
    assert item.image_alt_fr in ("", None)
    assert "image_alt" in item.missing_translations()
    # The French page shows the English description, marked as English.
    html = client.get("/fr/actualites/a-new-item/").content.decode()
    assert 'alt="Workers" lang="en"' in html
    english = client.get("/en/news/a-new-item/").content.decode()
    assert 'alt="Workers" decoding' in english
    # The translators' status board lists it as missing its French description.
    client.force_login(translator)
    board = client.get("/admin/translation-status/").content.decode()
    assert "image description (alt text)" in board


def bad_uploads():
    oversized = BytesIO()
    Image.new("RGB", (10, 10)).save(oversized, "JPEG")
    oversized = oversized.getvalue() + b"\0" * (10 * 1024 * 1024)
    gif = BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    return [
        ("text.jpg", b"This is plain text, not a picture.", "This is not a JPEG, PNG or WebP"),
        ("anim.jpg", gif.getvalue(), "This is not a JPEG, PNG or WebP"),
        ("huge.jpg", oversized, "The file is too big (10.0\xa0MB). The limit is 10.0\xa0MB."),
    ]


@pytest.mark.parametrize("name, content, message", bad_uploads())
def test_bad_uploads_get_a_form_error_and_store_nothing(
    editor_client, media_root, name, content, message
):
    response = post(editor_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["image"][0]
    assert not NewsItem.objects.exists()
    assert stored_files(media_root) == []


def test_a_decompression_bomb_is_refused_and_nothing_is_stored(editor_client, media_root):
    response = post(editor_client, SimpleUploadedFile("bomb.png", png_bomb()))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [
        "This image is far too large in pixels to be processed safely."
    ]
    assert stored_files(media_root) == []


def test_an_image_over_the_pixel_limit_is_refused(editor_client, media_root, settings):
    settings.NEWS_IMAGE_MAX_PIXELS = 1_000_000
    response = post(editor_client, image_file(size=(2000, 1000)))
    assert response.context["adminform"].form.errors["image"] == [
        "The image is too large (2000 × 1000 pixels). Please reduce it to at most 1 million pixels."
    ]
    assert stored_files(media_root) == []


def test_bad_upload_errors_are_in_french(editor_client, media_root):
    response = editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(image=SimpleUploadedFile("x.jpg", b"text")),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.context["adminform"].form.errors["image"] == [
        "Ce n’est pas une image JPEG, PNG ou WebP. Veuillez envoyer l’un de ces formats."
    ]
