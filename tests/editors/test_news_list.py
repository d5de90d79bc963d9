import pytest

from news.models import NewsItem
from tests.editors.conftest import news_form
from tests.media import image_file

pytestmark = pytest.mark.django_db


def test_the_news_list_filters_by_french_complete(editor_client):
    NewsItem.objects.create(
        title_en="Both", title_fr="Les deux", slug="b", summary_en="S", summary_fr="R"
    )
    NewsItem.objects.create(title_en="English only", slug="e", summary_en="S")
    complete = editor_client.get("/admin/news/newsitem/?french=yes").content.decode()
    incomplete = editor_client.get("/admin/news/newsitem/?french=no").content.decode()
    assert "By French complete" in complete
    assert ">Both</a>" in complete and "English only" not in complete
    assert ">English only</a>" in incomplete and ">Both</a>" not in incomplete


def test_the_news_list_shows_a_thumbnail_for_an_item_with_an_image(editor_client, media_root):
    editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(image=image_file(), image_alt_en="Blue", image_alt_fr="Bleu"),
    )
    editor_client.post("/admin/news/newsitem/add/", news_form(slug="no-image"))
    html = editor_client.get("/admin/news/newsitem/").content.decode()
    assert html.count('class="news-thumbnail"') == 1
    thumbnail = NewsItem.objects.exclude(image="").get().image_sources()["thumbnail"]
    assert thumbnail.endswith("-480w.jpg")
    assert f'<img src="{thumbnail}" alt="" class="news-thumbnail"' in html
