"""Security settings and headers as production serves them."""

import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from contacts.models import Office
from news.models import NewsItem
from tests.services import production_environ

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra):
    """The environment of a production process: the project's settings, DEBUG off."""
    return production_environ(
        SECRET_KEY="a-long-random-production-secret-key-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="migrant.example.org",
        **extra,
    )


def test_check_deploy_gives_no_warning_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_admin_url_comes_from_the_environment():
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(DJANGO_SETTINGS_MODULE="migrant_site.settings", ADMIN_URL="backoffice/"),
        capture_output=True,
        text=True,
        check=True,
    )
    # The last line: logging (JSON on stdout) may come before it.
    assert result.stdout.strip().splitlines()[-1] == "/backoffice/"


def test_public_page_sends_every_security_header(client, seeded, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/en/", secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_plain_http_is_redirected_to_https_but_the_proxy_header_is_trusted(
    client, seeded, settings
):
    settings.SECURE_SSL_REDIRECT = True
    redirect = client.get("/en/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://testserver/en/"
    assert client.get("/en/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    # The container's health check speaks plain HTTP from inside.
    assert client.get("/healthz").status_code == 200


def test_cookies_are_secure_httponly_and_samesite(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.get("/admin/login/")
    response = client.post(
        "/admin/login/",
        {
            "username": "editor",
            "password": "pw",
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies.get(name) or client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["samesite"] == "Lax", name
    assert response.cookies["sessionid"]["httponly"] is True


def test_templates_have_no_inline_script_or_style_the_policy_would_block():
    for template in (ROOT / "templates").rglob("*.html"):
        html = template.read_text()
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", html), template
        for script in re.findall(r"<script[^>]*>", html):
            assert 'type="application/ld+json"' in script or "src=" in script, template


@pytest.mark.parametrize(
    "url, tag", [("/en/news/feed/", "description"), ("/en/news/atom/", "summary")]
)
def test_markup_in_a_plain_text_summary_reaches_feed_readers_as_text(client, url, tag):
    NewsItem.objects.create(
        title_en="Tracked",
        slug="tracked",
        summary_en='Hello <img src="https://tracker.example/pixel.gif">',
        status=NewsItem.Status.PUBLISHED,
    )
    root = ElementTree.fromstring(client.get(url).content)
    (entry,) = [element for element in root.iter() if element.tag.endswith(("item", "entry"))]
    (summary,) = [element.text for element in entry if element.tag.endswith(tag)]
    # Readers treat this element as HTML: what they get must be the text, escaped.
    assert summary == "Hello &lt;img src=&quot;https://tracker.example/pixel.gif&quot;&gt;"


def test_a_carriage_return_in_an_office_field_cannot_add_a_vcard_line(client):
    office = Office.objects.create(
        unit="Migration\rEMAIL:phish@attacker.example",
        organisation="ILO",
        street="4 route des Morillons",
        postcode="1211",
        city="Geneva",
        country="Switzerland",
        country_code="CH",
    )
    vcard = client.get(f"/en/contact/{office.pk}/vcard/").content.decode()
    lines = re.split(r"\r\n|\r|\n", vcard.replace("\r\n ", ""))
    assert not any(line.startswith("EMAIL") for line in lines)
    assert "FN;LANGUAGE=en:Migration\\nEMAIL:phish@attacker.example" in lines


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND"])
@pytest.mark.parametrize("url", ["/en/", "/fr/contact/", "/en/news/", "/robots.txt", "/healthz"])
def test_unusual_methods_are_refused(client, seeded, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert b"International Migration" not in response.content


def test_robots_txt_names_no_admin_path(client, db):
    robots = client.get("/robots.txt").content.decode()
    # The admin's pages are noindex and need a sign-in: naming their path only tells attackers.
    assert "admin" not in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots.splitlines()


def test_the_image_gives_the_app_user_a_place_to_write_and_nothing_else():
    # No Docker daemon in CI: the Dockerfile and compose file are read instead.
    dockerfile = (ROOT / "Dockerfile").read_text()
    runtime = dockerfile.split("\nFROM ")[-1]
    (user,) = re.findall(r"^USER (\d+):\d+$", runtime, re.MULTILINE)
    media_root = re.search(r"MEDIA_ROOT=(\S+)", runtime)[1]
    owned = " ".join(re.findall(rf"chown (?:-R )?{user}:{user} ([^\n&\\]+)", runtime)).split()
    assert user != "0"
    assert owned == [media_root]
    assert f"media:{media_root}" in (ROOT / "compose.yaml").read_text()
