import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.editors.conftest import news_form

pytestmark = pytest.mark.django_db

# Links that do something on GET, or lead out of the admin ("View on site": the public site).
NOT_FOLLOWED = ("/admin/logout/", "/admin/password_change/", "/admin/r/")


def links(html, base):
    for href in re.findall(r'<a[^>]+href="([^"#]+)"', html):
        url = urljoin(base, href.replace("&amp;", "&"))
        if urlsplit(url).path.startswith(("/admin/", "/rosetta/")):
            yield urlsplit(url)._replace(scheme="", netloc="").geturl()


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_every_admin_link_a_role_is_shown_leads_somewhere_it_may_go(client, role, request, seeded):
    client.force_login(request.getfixturevalue(role))
    client.post("/admin/news/newsitem/add/", news_form())  # Editors: a draft of their own
    seen, queue, refused = set(), ["/admin/"], []
    while queue and len(seen) < 80:
        url = queue.pop(0)
        if url in seen or url.startswith(NOT_FOLLOWED):
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        chain = [target for target, _ in response.redirect_chain]
        if response.status_code in (403, 404) or any("/login/" in target for target in chain):
            refused.append((url, response.status_code, chain))
            continue
        if url.count("/") <= 6 and "text/html" in response.get("Content-Type", ""):
            queue.extend(links(response.content.decode(), url))
    assert refused == []
    assert len(seen) > 10


def test_the_admin_carries_the_site_name_in_the_admins_language(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "<title>Site administration | MIGRANT — site administration</title>" in html
    assert "MIGRANT — site administration</a>" in html
    assert "Django administration" not in html
    html = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "MIGRANT — administration du site" in html


def test_the_branch_profile_opens_in_one_click(editor_client, seeded):
    html = editor_client.get("/admin/").content.decode()
    assert 'href="/admin/branch/branchprofile/1/change/"' in html
    response = editor_client.get("/admin/branch/branchprofile/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/branch/branchprofile/1/change/"


def test_without_a_profile_the_branch_link_adds_one(admin_client):
    response = admin_client.get("/admin/branch/branchprofile/")
    assert response["Location"] == "/admin/branch/branchprofile/add/"


def test_staff_outside_both_groups_are_not_shown_the_translation_links(client, editor, db):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("staff", is_staff=True))
    html = client.get("/admin/").content.decode()
    assert "/admin/translation-status/" not in html and 'id="translation-links"' not in html
    client.force_login(editor)
    assert "/admin/translation-status/" in client.get("/admin/").content.decode()
