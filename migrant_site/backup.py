"""Export and import of the site's content (branch, news, contacts) with the media files.

The archive is a zip: `content.json` is Django's own `dumpdata` output for the content apps,
loaded back with `loaddata`; `media/` holds every file of the media storage.
"""

import tempfile
import zipfile
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from .cache import CONTENT_APPS

CONTENT_FILE = "content.json"
MEDIA_PREFIX = "media/"


def content_models():
    return [
        model for label in sorted(CONTENT_APPS) for model in apps.get_app_config(label).get_models()
    ]


def media_files(directory=""):
    """Every file name in the media storage (any backend that can list its files)."""
    try:
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}{name}"
    for folder in sorted(folders):
        yield from media_files(f"{directory}{folder}/")


def export_content(path):
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / CONTENT_FILE
        call_command("dumpdata", *sorted(CONTENT_APPS), output=str(dump), indent=1, verbosity=0)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(dump, CONTENT_FILE)
            for name in media_files():
                with default_storage.open(name) as media:
                    archive.writestr(MEDIA_PREFIX + name, media.read())


def import_content(path, replace=False):
    if not zipfile.is_zipfile(path):
        raise CommandError(f"{path} is not a content export: it is not a zip file.")
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as tmp:
        if CONTENT_FILE not in archive.namelist():
            raise CommandError(f"{path} is not a content export: it has no {CONTENT_FILE}.")
        archive.extract(CONTENT_FILE, tmp)
        with transaction.atomic():
            if any(model.objects.exists() for model in content_models()):
                if not replace:
                    raise CommandError(
                        "The database already has content; use --replace to delete it first."
                    )
                for model in reversed(content_models()):
                    model.objects.all().delete()
            call_command("loaddata", str(Path(tmp) / CONTENT_FILE), verbosity=0)
        # Files last: they are not part of the transaction. A file already there is kept.
        for name in archive.namelist():
            if name.startswith(MEDIA_PREFIX) and not name.endswith("/"):
                target = name.removeprefix(MEDIA_PREFIX)
                if not default_storage.exists(target):
                    default_storage.save(target, ContentFile(archive.read(name)))
