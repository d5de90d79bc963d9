from datetime import datetime
from zoneinfo import ZoneInfo

from news.models import NewsItem

GENEVA = ZoneInfo("Europe/Zurich")
# news_form's publication date and time: an item published then keeps its date through the form.
FORM_PUBLISHED_AT = datetime(2026, 1, 15, 10, 0, tzinfo=GENEVA)


def opened_form(client, url):
    """GET an admin form as a browser opens it; returns the response and its form."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response, response.context["adminform"].form


def opened_state(form):
    """The hidden fields that tell which version of the record a change form was opened on."""
    return {name: form[name].value() for name in ("opened_version", "opened_values")}


def form_data(form, **changes):
    """What a browser sends back from an opened admin form (no date widgets), with `changes`."""
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(opened_state(form), **changes)
    return data


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


def published_item(**fields):
    """A live news item, published at FORM_PUBLISHED_AT."""
    return NewsItem.objects.create(
        status=NewsItem.Status.PUBLISHED, published_at=FORM_PUBLISHED_AT, **fields
    )


def save_news(client, item, **fields):
    """Save the item's admin change form, opened on the item as it is now: news_form's values,
    with the item's slug, then `fields`. The save must go through; `item` is then refreshed."""
    item.refresh_from_db()
    data = news_form(**{"slug": item.slug, "opened_version": item.edit_version, **fields})
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
