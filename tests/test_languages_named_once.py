"""The site's languages are data (settings.LANGUAGES, SOURCE_LANGUAGE and the per-language
settings beside them): app code and templates never spell a language code."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CODES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
# A quoted code ("en", 'fr') or a localized field name (title_en), outside comments.
SPELLED = re.compile(rf"""(["'](?:{CODES})["']|\w_(?:{CODES})\b)""")
# Settings name the languages; seed data, bench data and migrations are written per language.
ALLOWED = {
    "migrant_site/settings.py",
    "branch/seed.py",
    "news/management/commands/generate_news.py",
}


def app_files():
    for folder in ("migrant_site", "branch", "news", "contacts", "templates"):
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix in (".py", ".html") and "migrations" not in path.parts:
                if relative not in ALLOWED:
                    yield relative, path


def code_lines(path):
    for number, line in enumerate(path.read_text().splitlines(), 1):
        code = line.split("#", 1)[0] if path.suffix == ".py" else line
        yield number, code


def test_app_code_spells_no_language_code():
    spelled = [
        f"{relative}:{number}: {code.strip()}"
        for relative, path in app_files()
        for number, code in code_lines(path)
        if SPELLED.search(code)
    ]
    assert spelled == []


def test_every_language_has_the_data_its_code_cannot_give():
    codes = {code for code, _name in settings.LANGUAGES}
    assert settings.SOURCE_LANGUAGE in codes
    assert set(settings.SEARCH_CONFIGS) == codes
    assert set(settings.OPENGRAPH_LOCALES) == codes
    assert set(settings.LANGUAGE_WORDING) == codes
