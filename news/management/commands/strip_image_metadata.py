"""Clean the news images stored before uploads were: upright, without EXIF, XMP, IPTC or comments.

Each original that still carries metadata goes through the upload's own cleaning
(news.images.cleaned_upload), so it ends up as an upload today would: re-encoded upright, under a
name with the digest of its new content, with new copies (make_renditions). The items and the
history versions naming it then name the cleaned file, in one transaction, and the content
version moves on, so the pages point at the new copies. The old original and copies are removed
once nothing names them any more. The colour profile (ICC) is kept, as uploads keep it.
"""

import json
from collections import Counter, defaultdict
from io import BytesIO

from django.core.files.base import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from PIL import Image, UnidentifiedImageError
from reversion.models import Version

from migrant_site.content_version import bump_content_version
from news.images import (
    ACCEPTED_FORMATS,
    cleaned_upload,
    make_renditions,
    metadata,
    rendition_names,
    rendition_widths,
    store,
)
from news.models import NewsItem


class LeftAlone(Exception):
    """An image the command cannot clean, and why; it is reported and left as it is."""


def plural(count, word):
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def recorded_fields(version):
    """The news item's fields as a history version holds them (None in another format)."""
    if version.format != "json":
        return None
    try:
        return json.loads(version.serialized_data)[0]["fields"]
    except (ValueError, LookupError, TypeError):
        return None


def named_files(name, width):
    """The files an item showing `name`, `width` pixels wide, points at: it and its copies."""
    return [name, *rendition_names(name, width)] if width else [name]


class Users:
    """Who names one stored original: live items and history versions, each with the width it
    recorded (the copies' names depend on it)."""

    def __init__(self):
        self.items = {}
        self.versions = {}

    def widths(self):
        return [*self.items.values(), *self.versions.values()]

    def described(self):
        parts = []
        if self.items:
            parts.append(plural(len(self.items), "item"))
        if self.versions:
            parts.append(plural(len(self.versions), "history version"))
        return ", ".join(parts) or "no item"


class Command(BaseCommand):
    help = (
        "Rewrite each stored news image that still carries metadata (EXIF with GPS and camera "
        "details, XMP, IPTC, comments) upright and without it, as uploads are stored; the "
        "items, their history and the pages follow. --dry-run lists what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would change; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        self.dry_run = dry_run
        self.field = NewsItem._meta.get_field("image")
        self.storage = self.field.storage
        users = self.users()
        # How many items and versions point at each file: a file is removed only at zero.
        self.references = Counter()
        for name, named_by in users.items():
            for width in named_by.widths():
                self.references.update(named_files(name, width))
        cleaned = remade = 0
        self.problems = []
        for name in sorted(users):
            try:
                outcome = self.clean(name, users[name])
            except Exception as reason:  # reported, and on to the next image
                if not isinstance(reason, LeftAlone):
                    reason = f"unexpected error ({reason!r})"
                self.stderr.write(f"{name}: {reason}: left as it is.")
                self.problems.append(name)
                continue
            cleaned += outcome == "cleaned"
            remade += outcome == "remade"
        self.summarise(len(users), cleaned, remade)
        if self.problems:
            raise CommandError(
                f"{plural(len(self.problems), 'image')} could not be cleaned (see above); "
                "the others were."
            )

    def users(self):
        """{stored name: Users} for every image a news item or a history version names."""
        users = defaultdict(Users)
        rows = NewsItem.objects.exclude(image="").values_list("pk", "image", "image_width")
        for pk, name, width in rows:
            users[name].items[pk] = width
        versions = Version.objects.get_for_model(NewsItem).only("format", "serialized_data")
        for version in versions.iterator():
            fields = recorded_fields(version)
            if fields and fields.get("image"):
                users[fields["image"]].versions[version.pk] = fields.get("image_width")
        return users

    def clean(self, name, named_by):
        """What was done: "cleaned", "remade" (the copies only) or None; LeftAlone if nothing
        could be."""
        try:
            content, image_format, found = self.inspect(name)
        except FileNotFoundError:
            if not named_by.items:
                return None  # named only by history, and gone: nothing left to clean
            raise LeftAlone("the file is missing") from None
        if image_format not in ACCEPTED_FORMATS:
            raise LeftAlone(f"a {image_format} file, not a JPEG, PNG or WebP image")
        if not found:
            return self.clean_copies(name, named_by)
        # Exactly what an upload goes through: upright, no metadata, named by its content.
        try:
            cleaned = cleaned_upload(File(BytesIO(content), name=name), image_format)
            new_content = cleaned.read()
            with Image.open(BytesIO(new_content)) as image:
                (width, height), left = image.size, metadata(image)
        except Exception as error:
            raise LeftAlone(f"cannot be re-encoded ({error})") from None
        if left:  # rewriting would not help, this run nor the next
            raise LeftAlone(f"still carries {', '.join(left)} once re-encoded")
        new_name = self.field.generate_filename(None, cleaned.name)
        said = f"{name}: {', '.join(found)}"
        if self.dry_run:
            self.stdout.write(f"{said}: would be rewritten as {new_name} ({named_by.described()}).")
            return "cleaned"
        self.replace(name, named_by, new_name, new_content, width, height)
        removed = self.remove_unnamed(name, named_by, new_name, width)
        self.stdout.write(
            f"{said}: rewritten as {new_name} ({named_by.described()}); "
            f"{plural(removed, 'old file')} removed."
        )
        return "cleaned"

    def inspect(self, name):
        """The file's content, format and metadata (FileNotFoundError if it is missing)."""
        try:
            with self.storage.open(name) as file:
                content = file.read()
        except FileNotFoundError:
            raise
        except Exception as error:
            raise LeftAlone(f"cannot be read ({error})") from None
        try:
            with Image.open(BytesIO(content)) as image:
                if image.format == "PNG":
                    image.load()  # texts may follow the pixels
                return content, image.format, metadata(image)
        except UnidentifiedImageError:
            raise LeftAlone("not an image") from None
        except Exception as error:
            raise LeftAlone(f"cannot be read as an image ({error})") from None

    def copy_metadata(self, name):
        try:
            with self.storage.open(name) as file, Image.open(file) as image:
                return metadata(image)
        except Exception:
            return []  # a missing or broken copy carries nothing

    def clean_copies(self, name, named_by):
        """A clean original whose copies carry metadata: the copies made again, same names."""
        widths = set(named_by.items.values()) - {None}
        found = list(
            dict.fromkeys(
                kind
                for width in widths
                for copy in rendition_names(name, width)
                for kind in self.copy_metadata(copy)
            )
        )
        if not found:
            return None
        said = f"{name}: its copies carry metadata ({', '.join(found)})"
        if self.dry_run:
            self.stdout.write(f"{said}: they would be made again.")
            return "remade"
        try:
            for width in widths:
                make_renditions(self.image_file(name), rendition_widths(width))
        except Exception as error:
            raise LeftAlone(f"its copies could not be made again ({error})") from None
        self.stdout.write(f"{said}: made again.")
        return "remade"

    def image_file(self, name):
        """The field file make_renditions reads the image `name` through."""
        return self.field.attr_class(None, self.field, name)

    def replace(self, name, named_by, new_name, content, width, height):
        """Store the cleaned original and its copies, then point the items and history at it.
        On any failure, the files this wrote are removed and nothing else has changed."""
        written = []
        try:
            if self.storage.exists(new_name):
                with self.storage.open(new_name) as file:
                    if file.read() != content:
                        raise LeftAlone(f"{new_name} exists already, with another content")
            else:
                store(self.storage, new_name, content)
                written.append(new_name)
            if named_by.items:
                copies = rendition_names(new_name, width)
                written += [copy for copy in copies if not self.storage.exists(copy)]
                make_renditions(self.image_file(new_name), rendition_widths(width))
            with transaction.atomic():
                self.point_at(name, named_by, new_name, width, height)
        except Exception as error:
            for written_name in written:
                self.storage.delete(written_name)
            if isinstance(error, LeftAlone):
                raise
            raise LeftAlone(f"could not be rewritten ({error})") from None

    def point_at(self, name, named_by, new_name, width, height):
        new = {"image": new_name, "image_width": width, "image_height": height}
        # Only the rows still naming the old file (an editor may have changed one meanwhile);
        # the update counts as an edit, so a form opened before cannot save the old name back.
        updated = NewsItem.objects.filter(pk__in=named_by.items, image=name).update(**new)
        if updated != len(named_by.items):
            raise LeftAlone("an item changed its image meanwhile: run the command again")
        versions = Version.objects.select_for_update().filter(pk__in=named_by.versions)
        for version in versions.only("format", "serialized_data"):
            data = json.loads(version.serialized_data)
            fields = data[0]["fields"]
            if fields.get("image") == name:
                fields.update(new)
                version.serialized_data = json.dumps(data)
                version.save(update_fields=["serialized_data"])
        if updated:
            transaction.on_commit(bump_content_version, robust=True)

    def remove_unnamed(self, name, named_by, new_name, width):
        """Remove the old original and copies no item or history version names any more."""
        old = set()
        for old_width in named_by.widths():
            old.update(named_files(name, old_width))
            self.references.subtract(named_files(name, old_width))
            self.references.update(named_files(new_name, width))
        removed = 0
        for old_name in sorted(old):
            if self.references[old_name] > 0 or not self.storage.exists(old_name):
                continue
            try:
                self.storage.delete(old_name)
            except Exception as error:
                self.stderr.write(f"{old_name}: no longer used, but not removed ({error}).")
                self.problems.append(old_name)
            else:
                removed += 1
        return removed

    def summarise(self, count, cleaned, remade):
        if not cleaned and not remade:
            checked = plural(count - len(self.problems), "stored news image")
            self.stdout.write(f"Nothing to do: none of the {checked} checked carries metadata.")
            return
        if self.dry_run:
            done = [f"{plural(cleaned, 'image')} would be cleaned"] if cleaned else []
            if remade:
                done.append(f"the copies of {plural(remade, 'image')} would be made again")
            self.stdout.write(f"Dry run, nothing changed: {'; '.join(done)}.")
            return
        done = [f"Cleaned {plural(cleaned, 'image')}."] if cleaned else []
        if remade:
            done.append(f"Made the copies of {plural(remade, 'image')} again.")
        self.stdout.write(self.style.SUCCESS(" ".join(done)))
