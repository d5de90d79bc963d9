import pytest

from news.models import NewsItem
from tests.editors.conftest import news_form

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<h2 onmouseover="steal()">Heading</h2>'
    '<p style="color:red">Read <a href="javascript:steal()">this</a> and '
    '<a href="https://www.ilo.org/migrant">that</a>.</p>'
    "<script>steal()</script><iframe src=https://evil.example></iframe>"
    "<ul><li><em>kept</em></li></ul>"
)


def test_hostile_html_posted_through_the_admin_is_stripped_in_both_languages(editor_client, client):
    response = editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(status="published", body_en=HOSTILE, body_fr=HOSTILE.replace("Read", "Lisez")),
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    for body in (item.body_en, item.body_fr):
        assert "steal" not in body and "script" not in body and "iframe" not in body
        assert "style=" not in body and "onmouseover" not in body
        assert "<h2>Heading</h2>" in body and "<ul><li><em>kept</em></li></ul>" in body
        assert '<a href="https://www.ilo.org/migrant" rel="noopener noreferrer">that</a>' in body
    page = client.get("/fr/actualites/a-new-item/").content.decode()
    assert "Lisez" in page and "steal" not in page
