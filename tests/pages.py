"""The site's public pages: the one list the tests that visit every page share."""

ITEM = "bahrain-decree-79-aims-at-ending-sponsor-system"  # one of the seed's news items

# Each page in both languages, by name (the test id).
PAGES = {
    "home-en": "/en/",
    "home-fr": "/fr/",
    "news-en": "/en/news/",
    "news-fr": "/fr/actualites/",
    "item-en": f"/en/news/{ITEM}/",
    "item-fr": f"/fr/actualites/{ITEM}/",
    "contact-en": "/en/contact/",
    "contact-fr": "/fr/contact/",
}

# The pages a visitor reaches from those: search results and a year of the archive.
FOUND_PAGES = {
    "search-en": "/en/search/?q=migrant",
    "search-fr": "/fr/recherche/?q=migrant",
    "year-en": "/en/news/2012/",
    "year-fr": "/fr/actualites/2012/",
}
