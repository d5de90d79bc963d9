import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

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


def test_the_toolbar_offers_exactly_what_the_sanitiser_keeps():
    from django_prose_editor.config import allowlist_from_extensions

    from migrant_site.html import ALLOWED_TAGS
    from migrant_site.rich_text import editor_config

    offered = allowlist_from_extensions(editor_config()["extensions"])["tags"]
    assert offered == set(ALLOWED_TAGS)
    assert {"p", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote"} <= offered
    assert not {"h1", "h4", "img", "table", "span", "div"} & offered


@pytest.mark.parametrize(
    "url,fields",
    [
        ("/admin/news/newsitem/add/", ["body_en", "body_fr"]),
        ("/admin/branch/branchprofile/1/change/", ["mandate_en", "mandate_fr"]),
    ],
)
def test_every_formatted_field_gets_the_editor_in_both_languages(
    editor_client, seeded, url, fields
):
    html = editor_client.get(url).content.decode()
    for name in fields:
        assert re.search(rf'<textarea name="{name}"[^>]*data-rich-text=', html), name
    assert 'src="/static/js/rich_text.js" type="module"' in html
    assert "/static/django_prose_editor/editor.css" in html
    # Nothing inline for the Content-Security-Policy to refuse (no import map either).
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script or "application/json" in script, script


def test_the_editor_script_and_its_strings_are_served_under_the_policy(editor_client):
    # From the package, beside ours: the relative import needs no import map.
    script = Path(finders.find("js/rich_text.js")).read_text()
    assert 'from "../django_prose_editor/editor.js"' in script
    assert finders.find("django_prose_editor/editor.js")
    with translation.override("fr"):
        catalog = editor_client.get("/admin/rich-text-i18n/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Modifier le lien" in catalog.content.decode()
    policy = catalog.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy


def test_the_french_admin_names_the_toolbar_buttons_in_french(client, editor):
    client.force_login(editor)
    html = client.get("/admin/news/newsitem/add/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    config = json.loads(unescape(re.search(r'data-rich-text="([^"]*)"', html).group(1)))
    assert config["buttons"]["bold"] == "Gras"
    assert config["buttons"]["bulletList"] == "Liste à puces"


def test_a_save_says_which_tags_the_sanitiser_removed(editor_client):
    response = editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(body_en='<p>Text</p><table><tr><td>cell</td></tr></table><img src="x.png">'),
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any("Body [en]" in text and "<table>" in text and "<img>" in text for text in shown)
    assert "<table>" not in NewsItem.objects.get().body_en


def test_a_save_with_allowed_formatting_warns_about_nothing(editor_client):
    response = editor_client.post(
        "/admin/news/newsitem/add/",
        news_form(body_en="<h2>Why</h2><p><strong>Bold</strong></p><ul><li>one</li></ul>"),
        follow=True,
    )
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
