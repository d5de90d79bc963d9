"""What a process keeps per content version (CONTENT_CACHE_SECONDS): template fragments, the
branch profile, the news year counts. Each page must stay right: its language, its section, the
latest edit, and a scheduled item once it is due."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from branch.models import BranchProfile
from migrant_site.content_version import forget_content_version
from news.models import NewsItem
from tests import pages
from tests.conftest import scheduled_item, shared_cache_down

pytestmark = pytest.mark.django_db

PAGES = list(pages.PAGES.values())


def saved(django_capture_on_commit_callbacks, save):
    """Run `save` as the admin does: committed, so the content version moves on."""
    with django_capture_on_commit_callbacks(execute=True):
        save()


@pytest.fixture
def warm(client, seeded, content_cache):
    """Every public page requested once: their fragments are in the cache."""
    return {path: client.get(path).content.decode() for path in PAGES}


def test_cached_fragments_give_the_same_pages_as_rendering_afresh(client, settings, warm):
    again = {path: client.get(path).content.decode() for path in PAGES}
    assert again == warm
    settings.CONTENT_CACHE_SECONDS = 0
    afresh = {path: client.get(path).content.decode() for path in PAGES}
    assert afresh == warm


def test_without_a_lifetime_fragments_are_neither_reused_nor_kept(client, settings, seeded):
    def header():
        html = client.get("/en/contact/").content.decode()
        return html[html.index("<header") : html.index("</header>")]

    settings.CONTENT_CACHE_SECONDS = 0
    header()
    # update() sends no signal: only a header rendered afresh shows the new name.
    BranchProfile.objects.update(name_en="Renamed Branch")
    assert "Renamed Branch" in header()
    # Nor is one kept: a clock set back (a test's time travel) would take it for fresh.
    BranchProfile.objects.update(name_en="Renamed again")
    with time_machine.travel(timezone.now() - timedelta(days=1), tick=False):
        assert "Renamed again" in header()


def test_each_language_gets_its_own_fragments(client, warm):
    english, french = client.get("/en/").content.decode(), client.get("/fr/").content.decode()
    assert "Our mandate" in english and "Notre mandat" not in english
    assert "Notre mandat" in french and "Our mandate" not in french
    assert "Service des migrations internationales" in french
    assert "Service des migrations internationales" not in english
    assert "<h1>Nous contacter</h1>" in client.get("/fr/contact/").content.decode()


def test_the_navigation_marks_the_current_section_on_each_page(client, warm):
    def current(path):
        html = client.get(path).content.decode()
        nav = html[html.index('<nav class="site-nav"') :]
        return nav[: nav.index("</nav>")].count('aria-current="page"'), nav

    for path, label in [
        ("/en/", ">Home<"),
        ("/en/news/", ">What’s new<"),
        ("/en/contact/", ">Contact us<"),
    ]:
        count, nav = current(path)
        assert count == 1
        marked = nav[nav.index('aria-current="page"') :]
        assert marked[: marked.index("</a>") + 1].endswith(label[:-1] + "<"), path


def test_an_edit_shows_on_every_page_at_once(client, warm, django_capture_on_commit_callbacks):
    profile = BranchProfile.objects.get()
    profile.name_en = "Labour Migration Branch"
    saved(django_capture_on_commit_callbacks, profile.save)
    for path in ["/en/", "/en/news/", "/en/contact/"]:
        html = client.get(path).content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        assert "Labour Migration Branch" in header, path
        head = html[: html.index("</head>")]
        assert 'content="Labour Migration Branch (MIGRANT)' in head, path
        assert "International Migration Branch" not in head + header, path


def test_warm_pages_make_no_query(client, warm, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/en/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/fr/contact/").status_code == 200
    # The page's items, the profile and the year counts (the page count) come from memory.
    with django_assert_num_queries(0):
        assert client.get("/en/news/?page=1").status_code == 200


def test_year_counts_follow_an_edit(client, warm, django_capture_on_commit_callbacks):
    item = NewsItem(title_en="This year", slug="this-year", summary_en="S", status="published")
    saved(django_capture_on_commit_callbacks, item.save)
    year = item.published_at.year
    link = f'href="/en/news/{year}/">{year}</a>'
    assert link not in warm["/en/news/"]
    assert link in client.get("/en/news/").content.decode()


def test_a_scheduled_item_reaches_the_home_and_news_pages_within_a_minute_of_its_time(client, warm):
    scheduled_item(timezone.now() + timedelta(hours=1))
    # Its time comes without a save (no new content version): the fragment is a minute at most.
    NewsItem.objects.filter(slug="scheduled-item").update(published_at=timezone.now())
    for path in ["/en/", "/en/news/"]:
        assert "Scheduled item" not in client.get(path).content.decode(), path
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        for path in ["/en/", "/en/news/"]:
            assert "Scheduled item" in client.get(path).content.decode(), path


def test_while_the_shared_cache_is_down_pages_are_rendered_afresh(client, warm):
    with shared_cache_down():
        forget_content_version()  # this process's copy is more than a second old
        # Another instance saved an edit meanwhile (no version can be bumped: the cache is down).
        BranchProfile.objects.update(name_en="Labour Migration Branch")
        response = client.get("/en/")
    assert response.status_code == 200
    assert "Labour Migration Branch" in response.content.decode()


def test_news_summaries_follow_their_item_and_their_place(
    client, warm, django_capture_on_commit_callbacks
):
    # The same item is an h3 on the homepage and an h2 in the list, each from its own fragment.
    assert '<h3><a href="/en/news/bahrain-decree-79' in warm["/en/"]
    assert '<h2><a href="/en/news/bahrain-decree-79' in warm["/en/news/"]
    item = NewsItem.objects.get(slug__startswith="bahrain-decree-79")
    item.title_en = "Bahrain ends the sponsor system"
    saved(django_capture_on_commit_callbacks, item.save)
    for path in ("/en/", "/en/news/", "/en/search/?q=Bahrain"):
        html = client.get(path).content.decode()
        assert "Bahrain ends the sponsor system" in html, path
        assert "Bahrain: Decree 79" not in html, path


def test_a_shared_cache_that_does_not_answer_is_asked_once_a_second_not_once_per_use(
    client, seeded, content_cache, page_cache, monkeypatch
):
    asked = []

    def times_out(self, key, default=None):
        asked.append(key)
        raise TimeoutError("Redis did not answer within socket_timeout")

    with shared_cache_down():
        monkeypatch.setattr("django.core.cache.backends.redis.RedisCache.get", times_out)
        for path in ("/en/", "/en/news/", "/fr/contact/"):
            assert client.get(path).status_code == 200
    # Page cache, fragments, profile and year counts all needed the version: one try for all.
    assert len(asked) == 1


def test_pagination_links_follow_the_page_and_keep_the_other_parameters(
    client, seeded, content_cache, make_news
):
    make_news(35)
    for _ in range(2):  # the second time from the fragments
        first = client.get("/en/news/").content.decode()
        third = client.get("/en/news/?page=3").content.decode()
        found = client.get("/en/search/?q=Generated&page=2").content.decode()
        assert 'aria-label="Page 1" aria-current="page">1<' in first
        assert 'aria-label="Page 3" aria-current="page">3<' in third
        assert 'href="?page=2" rel="prev"' in third
        assert 'href="?q=Generated&amp;page=3" rel="next"' in found


def test_templates_cache_fragments_only_through_the_fragment_tag():
    """The rule (lifetime, content version, language, this process's memory) is written once,
    in migrant_site/templatetags/fragments.py."""
    templates = Path(__file__).resolve().parent.parent / "templates"
    spelled_out = [p.name for p in templates.rglob("*.html") if "{% cache " in p.read_text()]
    assert spelled_out == []
    assert "{% fragment " in (templates / "includes" / "footer.html").read_text()
