"""Export and import of the site's content (branch, news, contacts) with the media files.

The archive is a zip: `content.json` is Django's own `dumpdata` output for the content apps;
`media/` holds every file of the media storage. An archive is not trusted on import: it may
hold only content records and images, within size limits, and each record is cleaned and saved
as the admin would save it (see import_content).
"""

import json
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from PIL import Image

from .content_version import CONTENT_APPS

CONTENT_FILE = "content.json"
MEDIA_PREFIX = "media/"

# What an archive may hold, whoever wrote it: a zip bomb is refused before anything is unpacked.
MAX_MEMBERS = 50_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # content.json or any one file, unpacked
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024  # everything, unpacked
MAX_RATIO = 100  # unpacked size / packed size, for members over a megabyte
RATIO_FLOOR_BYTES = 1024 * 1024
# The media files an export holds: the news images and their copies, judged by content.
MEDIA_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


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
        records = without_deleted_items_addresses(json.loads(dump.read_text(encoding="utf-8")))
        dump.write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(dump, CONTENT_FILE)
            for name in media_files():
                with default_storage.open(name) as media:
                    archive.writestr(MEDIA_PREFIX + name, media.read())


def without_deleted_items_addresses(records):
    """The records less the old addresses of deleted news items: kept in the database for a
    recovery (news.models.NewsSlugRedirect), they name an item the archive does not hold."""
    items = {record["pk"] for record in records if record["model"] == "news.newsitem"}
    return [
        record
        for record in records
        if record["model"] != "news.newsslugredirect" or record["fields"]["item"] in items
    ]


def import_content(path, replace=False):
    """Load an export into this site, all or nothing.

    Everything is checked before anything is written: the archive's sizes, that its records
    are content (never accounts, groups, permissions, sessions or history), that its media
    are images with safe names. Then, in one transaction, the media files are stored and each
    record is validated and saved through its model's own save() (sanitised HTML, French
    typography), keeping its dates. Any failure rolls the database back and removes the files
    this import stored. Raises CommandError, with the reason, for anything refused.
    """
    if not zipfile.is_zipfile(path):
        raise CommandError(f"{path} is not a content export: it is not a zip file.")
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as tmp:
        media = checked_members(path, archive)
        records = checked_records(path, archive.read(CONTENT_FILE), media)
        unpacked = unpack_media(archive, media, Path(tmp))
        stored_before = set(media_files())
        try:
            with transaction.atomic():
                if any(model.objects.exists() for model in content_models()):
                    if not replace:
                        raise CommandError(
                            "The database already has content; use --replace to delete it first."
                        )
                    for model in reversed(content_models()):
                        model.objects.all().delete()
                store_media(unpacked)
                save_records(records)
        except Exception:
            for name in set(media_files()) - stored_before:
                default_storage.delete(name)
            raise


def checked_members(path, archive):
    """The media entries, once the archive's sizes and names are acceptable."""
    members = [info for info in archive.infolist() if not info.is_dir()]
    names = [info.filename for info in members]
    if CONTENT_FILE not in names:
        raise CommandError(f"{path} is not a content export: it has no {CONTENT_FILE}.")
    if len(members) > MAX_MEMBERS:
        raise CommandError(f"{path} holds {len(members)} files; the limit is {MAX_MEMBERS}.")
    if sum(info.file_size for info in members) > MAX_TOTAL_BYTES:
        raise CommandError(f"{path} unpacks to more than {MAX_TOTAL_BYTES} bytes: refused.")
    media = []
    for info in members:
        name = info.filename
        if info.file_size > MAX_MEMBER_BYTES:
            raise CommandError(f"{name} unpacks to more than {MAX_MEMBER_BYTES} bytes: refused.")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise CommandError(
                f"{name} unpacks to {ratio:.0f} times its packed size (a zip bomb?): refused."
            )
        if name == CONTENT_FILE:
            continue
        if not name.startswith(MEDIA_PREFIX):
            raise CommandError(f"{name} is not part of a content export: refused.")
        media_name(name)  # raises when unsafe
        media.append(info)
    return media


def media_name(member):
    """The storage name of a media entry, refused unless it is a plain relative image name that
    the storage keeps as it is."""
    name = member.removeprefix(MEDIA_PREFIX)
    path = PurePosixPath(name)
    try:
        validate_file_name(name, allow_relative_path=True)
        unsafe = (
            "\\" in name
            or "\0" in name
            or any(part in {"", ".", ".."} for part in name.split("/"))
            or default_storage.generate_filename(name) != name
        )
    except SuspiciousFileOperation:
        unsafe = True
    if unsafe:
        raise CommandError(f"{member}: not a safe media file name: refused.")
    if path.suffix.lower() not in MEDIA_FORMATS:
        raise CommandError(f"{member}: only JPEG, PNG and WebP images can be imported.")
    return name


def checked_records(path, data, media):
    """The archive's records as unsaved model instances, once every one is content."""
    try:
        objects = json.loads(data)
        labels = {obj["model"].lower() for obj in objects}
    except (ValueError, TypeError, KeyError, AttributeError):
        raise CommandError(f"{CONTENT_FILE} in {path} is not a Django data dump.") from None
    allowed = {model._meta.label_lower for model in content_models()}
    if not labels <= allowed:
        raise CommandError(
            f"{path} holds records that are not site content ({', '.join(sorted(labels - allowed))}): "
            f"only {', '.join(sorted(CONTENT_APPS))} records can be imported."
        )
    # File names first: making the instances may already open their files (image sizes).
    available = {info.filename.removeprefix(MEDIA_PREFIX) for info in media}
    for obj in objects:
        for field in apps.get_model(obj["model"])._meta.concrete_fields:
            name = obj.get("fields", {}).get(field.name)
            if isinstance(field, models.FileField) and name:
                media_name(MEDIA_PREFIX + str(name))
                if name not in available and not default_storage.exists(name):
                    raise CommandError(f"{obj['model']} {obj.get('pk')} needs {name}: missing.")
    try:
        return [obj.object for obj in serializers.deserialize("python", objects)]
    except (DeserializationError, OSError, ValueError) as error:
        raise CommandError(f"{CONTENT_FILE} in {path} cannot be read: {error}") from None


def unpack_media(archive, media, folder):
    """Each media entry written to `folder` and checked to be the image its name says."""
    unpacked = []
    for number, info in enumerate(media):
        target = folder / str(number)
        with archive.open(info) as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy)
        name = media_name(info.filename)
        expected = MEDIA_FORMATS[PurePosixPath(name).suffix.lower()]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(target) as image:
                    detected = image.format
        except Exception:
            detected = None
        if detected != expected:
            raise CommandError(f"{info.filename} is not the image its name says: refused.")
        unpacked.append((name, target))
    return unpacked


def store_media(unpacked):
    """Files already in the storage under the same name are kept."""
    for name, source in unpacked:
        if default_storage.exists(name):
            continue
        with open(source, "rb") as content:
            stored = default_storage.save(name, File(content))
        if stored != name:
            raise CommandError(f"media/{name} could not be stored under its own name.")


def save_records(records):
    """Validate and save each record as the admin would, models referred to first; keep the
    dates the archive gives (save() would set them to now)."""
    order = saving_order(content_models())
    for record in sorted(records, key=lambda record: order.index(type(record))):
        model = type(record)
        kept = {
            field.attname: getattr(record, field.attname)
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateField) and not field.editable
        }
        try:
            for field in model._meta.concrete_fields:
                if isinstance(field, models.ImageField):
                    field.update_dimension_fields(record, force=True)
            record.full_clean()
            record.save()
        except ValidationError as error:
            raise CommandError(f"{describe(record)} is not valid: {error}") from None
        except (DatabaseError, OSError, ValueError) as error:
            raise CommandError(f"{describe(record)} could not be saved: {error}") from None
        model._default_manager.filter(pk=record.pk).update(**kept)
    # Rows came with their primary keys: the next ones the site adds must not collide.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), content_models()):
            cursor.execute(sql)


def saving_order(models_to_save):
    """The models, each after the models its foreign keys refer to."""
    ordered = []

    def visit(model):
        if model in ordered:
            return
        for field in model._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and target in models_to_save and target is not model:
                visit(target)
        ordered.append(model)

    for model in models_to_save:
        visit(model)
    return ordered


def describe(record):
    return f"{record._meta.label} {record.pk}"
