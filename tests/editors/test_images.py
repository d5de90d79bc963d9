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


def post(client, image, **fields):
    data = news_form(
        status="published", image=image, image_alt_en="Workers", image_alt_fr="Des travailleurs"
    )
    data.update(fields)
    return client.post("/admin/news/newsitem/add/", data)


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


def test_alt_text_is_required_in_both_languages_with_an_image(editor_client, media_root):
    response = post(editor_client, image_file(), image_alt_fr="")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image_alt_fr"] == [
        "Describe the image in this language too."
    ]
    assert stored_files(media_root) == []


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
    assert (
        '<meta property="og:image" content="http://testserver/media/news/renditions/photo-1440w.jpg">'
        in head
    )
    assert '<meta property="og:image:width" content="1440">' in head
    assert '<meta property="og:image:alt" content="A">' in head
    assert "<figcaption>" not in html


def test_an_item_without_an_image_has_no_og_image(client, make_news):
    make_news(1)
    item = NewsItem.objects.get()
    assert 'property="og:image"' not in client.get(item.get_absolute_url()).content.decode()
