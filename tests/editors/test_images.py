import re
import struct
import zlib
from pathlib import PurePosixPath

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.models import NewsItem
from tests.editors.conftest import news_form
from tests.media import camera_photo, image_file, picture, stored_files

pytestmark = pytest.mark.django_db


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


def renditions(media_root):
    return sorted(path.name for path in (media_root / "news" / "renditions").iterdir())


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
    stem = re.fullmatch(r"news/(photo-[0-9a-f]{12})\.jpg", item.image.name)[1]
    assert renditions(media_root) == [
        f"{stem}-1440w.jpg",
        f"{stem}-1440w.webp",
        f"{stem}-480w.jpg",
        f"{stem}-480w.webp",
        f"{stem}-960w.jpg",
        f"{stem}-960w.webp",
    ]
    with Image.open(media_root / "news" / "renditions" / f"{stem}-960w.webp") as webp:
        assert (webp.format, webp.size) == ("WEBP", (960, 480))
    with django_assert_max_num_queries(3):
        html = client.get("/fr/actualites/a-new-item/").content.decode()
    folder = "/media/news/renditions"
    assert (
        f'<source type="image/webp" srcset="{folder}/{stem}-480w.webp 480w, '
        f"{folder}/{stem}-960w.webp 960w, {folder}/{stem}-1440w.webp 1440w"
    ) in html
    assert f'src="{folder}/{stem}-1440w.jpg"' in html
    assert 'width="1440" height="720" alt="Des travailleurs"' in html


def test_a_small_image_is_never_enlarged(editor_client, media_root):
    assert post(editor_client, image_file("small.png", (600, 300), "PNG")).status_code == 302
    stem = PurePosixPath(NewsItem.objects.get().image.name).stem
    assert renditions(media_root) == [
        f"{stem}-480w.jpg",
        f"{stem}-480w.webp",
        f"{stem}-600w.jpg",
        f"{stem}-600w.webp",
    ]


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
    black = (0, 0, 0)
    oversized = picture((10, 10), colour=black) + b"\0" * (10 * 1024 * 1024)
    gif = picture((10, 10), "GIF", black)
    return [
        ("text.jpg", b"This is plain text, not a picture.", "This is not a JPEG, PNG or WebP"),
        ("anim.jpg", gif, "This is not a JPEG, PNG or WebP"),
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


RED, BLUE = (255, 0, 0), (0, 0, 255)


def colour_of(media_root, url):
    with Image.open(media_root / url.removeprefix("/media/")) as image:
        return image.convert("RGB").getpixel((10, 10))


def test_two_items_with_the_same_file_stem_never_share_renditions(editor_client, media_root):
    post(editor_client, image_file("photo.png", (1200, 600), "PNG", RED), slug="red")
    post(editor_client, image_file("photo.jpg", (1200, 600), "JPEG", BLUE), slug="blue")
    red, blue = NewsItem.objects.get(slug="red"), NewsItem.objects.get(slug="blue")
    assert red.image_sources()["src"] != blue.image_sources()["src"]
    assert colour_of(media_root, red.image_sources()["src"])[0] > 200
    assert colour_of(media_root, blue.image_sources()["src"])[2] > 200


def test_a_new_upload_under_the_same_stem_replaces_the_picture_served(editor_client, media_root):
    post(editor_client, image_file("photo.jpg", (1200, 600), "JPEG", RED))
    item = NewsItem.objects.get()
    data = news_form(
        status="published",
        image=image_file("photo.png", (1200, 600), "PNG", BLUE),
        image_alt_en="Workers",
        image_alt_fr="Des travailleurs",
        opened_version=item.edit_version,
    )
    assert editor_client.post(f"/admin/news/newsitem/{item.pk}/change/", data).status_code == 302
    item.refresh_from_db()
    assert colour_of(media_root, item.image_sources()["src"])[2] > 200


def long_png(width, height):
    """A valid greyscale PNG of any shape, without holding its pixels in memory."""

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    rows = (b"\x00" + bytes(width)) * min(height, 1_000_000)
    compressor = zlib.compressobj(9)
    idat = b"".join(
        compressor.compress(rows[: (1 + width) * min(1_000_000, height - done)])
        for done in range(0, height, 1_000_000)
    )
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("width, height", [(40, 20_000), (1, 39_999_999)])
def test_an_image_too_long_on_one_side_is_a_form_error_and_stores_nothing(
    editor_client, media_root, width, height
):
    response = post(editor_client, SimpleUploadedFile("long.png", long_png(width, height)))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [
        f"The image is too long ({width} × {height} pixels). Each side may be at most 16000 pixels."
    ]
    assert not NewsItem.objects.exists()
    assert stored_files(media_root) == []


def test_camera_details_are_stripped_and_the_orientation_applied(editor_client, media_root):
    # Named .png by mistake: stored under the extension of what it is.
    assert post(editor_client, SimpleUploadedFile("turned.png", camera_photo())).status_code == 302
    item = NewsItem.objects.get()
    assert item.image.name.endswith(".jpg")
    # Upright: 1000 wide, 2000 high, so no copy wider than 1000 (none enlarged).
    assert (item.image_width, item.image_height) == (1000, 2000)
    stem = PurePosixPath(item.image.name).stem
    assert renditions(media_root) == [
        f"{stem}-{width}w.{ext}" for width in (1000, 480, 960) for ext in ("jpg", "webp")
    ]
    for path in stored_files(media_root):
        content = path.read_bytes()
        assert b"Canon" not in content and b"Exif" not in content, path.name
        with Image.open(path) as stored:
            assert not stored.getexif(), path.name
            assert stored.width < stored.height, path.name


def test_caption_and_credit_show_under_the_picture_in_each_language(
    editor_client, client, media_root
):
    editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(
            status="published",
            image=image_file(),
            image_alt_en="Workers",
            image_alt_fr="Des travailleurs",
            image_caption_en="Workers at a port",
            image_caption_fr="Des travailleurs dans un port",
            image_credit_en="ILO/M. Crozet",
        ),
    )
    english = client.get("/en/news/a-new-item/").content.decode()
    figure = english[english.index('<figure class="news-figure">') : english.index("</figure>")]
    assert "<picture>" in figure and "<figcaption>" in figure
    assert "Workers at a port" in figure and "Photo: ILO/M. Crozet" in figure
    french = client.get("/fr/actualites/a-new-item/").content.decode()
    assert "Des travailleurs dans un port" in french
    # No French credit: the English one, marked as such.
    assert 'Photo\xa0: <span lang="en">ILO/M. Crozet</span>' in french


def test_og_image_is_the_widest_rendition_of_the_items_image(editor_client, client, media_root):
    editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(status="published", image=image_file(), image_alt_en="A", image_alt_fr="B"),
    )
    html = client.get("/en/news/a-new-item/").content.decode()
    head = html[: html.index("</head>")]
    widest = NewsItem.objects.get().image_sources()["src"]
    assert widest.endswith("-1440w.jpg")
    assert f'<meta property="og:image" content="http://testserver{widest}">' in head
    assert '<meta property="og:image:width" content="1440">' in head
    assert '<meta property="og:image:alt" content="A">' in head
    assert "<figcaption>" not in html


def test_an_item_without_an_image_has_no_og_image(client, make_news):
    make_news(1)
    item = NewsItem.objects.get()
    assert 'property="og:image"' not in client.get(item.get_absolute_url()).content.decode()
