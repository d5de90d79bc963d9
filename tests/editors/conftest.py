import pytest
from django.contrib.auth.models import Group, User


@pytest.fixture
def media_root(tmp_path, settings):
    """Uploads go to a temporary MEDIA_ROOT, checked and thrown away after the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="a long editor password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def translator(db):
    user = User.objects.create_user("translator", password="a long password", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def news_form(**fields):
    """A complete, valid admin add/change form for a news item, overridden by `fields`."""
    data = {
        "title_en": "A new item",
        "title_fr": "Un nouvel article",
        "slug": "a-new-item",
        "published_at_0": "2026-01-15",
        "published_at_1": "10:00:00",
        "status": "draft",
        "language": "en",
        "summary_en": "Summary",
        "summary_fr": "Résumé",
        "body_en": "",
        "body_fr": "",
        "image_alt_en": "",
        "image_alt_fr": "",
    }
    data.update(fields)
    return data
