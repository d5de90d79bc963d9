"""News images: what an upload must be, and the resized copies the pages serve."""

import hashlib
import os
import secrets
import warnings
from io import BytesIO
from pathlib import Path, PurePosixPath

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

RENDITION_WIDTHS = (480, 960, 1440)
# Pillow's names for the formats we accept, judged from the content, never the extension,
# with the extension and the options each is stored with.
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {"JPEG": {"quality": 92}, "PNG": {}, "WEBP": {"quality": 92}}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# What a stored image may carry besides its pixels, in Pillow's names: how to lay them out, time
# and colour them. Anything else Pillow reads (EXIF, XMP, IPTC, comments, PNG texts) is metadata.
PIXEL_INFO = {
    "adobe", "adobe_transform", "aspect", "background", "chromaticity", "dpi", "duration",
    "gamma", "icc_profile", "jfif", "jfif_density", "jfif_unit", "jfif_version", "loop",
    "progression", "progressive", "srgb", "timestamp", "transparency",
}  # fmt: skip
# JPEG segments of that kind: JFIF (and its extension), the ICC profile, Adobe's colour transform.
PIXEL_SEGMENTS = {"APP0": (b"JFIF\0", b"JFXX\0"), "APP2": (b"ICC_PROFILE\0",), "APP14": (b"Adobe",)}
METADATA_NAMES = {
    "exif": "EXIF",
    "xmp": "XMP",
    "XML:com.adobe.xmp": "XMP",
    "photoshop": "IPTC",
    "comment": "comment",
}
# The other JPEG segments, by how they start (a comment is a COM segment).
SEGMENT_NAMES = {
    b"Exif\0": "EXIF",
    b"http://ns.adobe.com/xap/1.0/": "XMP",
    b"Photoshop 3.0\0": "IPTC",
}


def rendition_name(name, width, extension):
    """news/photo.png -> news/renditions/photo-960w.webp"""
    path = PurePosixPath(name)
    return str(path.parent / "renditions" / f"{path.stem}-{width}w.{extension}")


def rendition_widths(image_width):
    """The copies' widths: never enlarged, so an image narrower than one is kept at its width."""
    return sorted({min(width, image_width) for width in RENDITION_WIDTHS})


def rendition_names(name, image_width):
    """Every copy the pages may serve of the image stored as `name`, this wide."""
    return [
        rendition_name(name, width, extension)
        for width in rendition_widths(image_width)
        for extension in ("webp", "jpg")
    ]


def store(storage, name, content):
    """Write `content` under exactly `name`, replacing any file there: whole, or not at all.

    On a local disk the file is written beside its place, then renamed over it, so neither a
    reader nor a crash ever meets half a file; its permissions are those of a file the storage
    saves. Other storages (object stores) replace an object whole anyway.
    """
    try:
        path = Path(storage.path(name))
    except NotImplementedError:
        storage.delete(name)
        storage.save(name, ContentFile(content))
        return
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        if storage.directory_permissions_mode is not None:
            path.parent.chmod(storage.directory_permissions_mode)
    part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    # As FileSystemStorage opens a file it saves: created here, under the process's umask.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(part, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        if storage.file_permissions_mode is not None:
            part.chmod(storage.file_permissions_mode)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def metadata(image):
    """What an opened image carries besides its pixels: "EXIF", "XMP", "IPTC", "comment", a PNG
    text's key... Nothing for a file as cleaned_upload writes it: its colour profile is kept."""
    found = [METADATA_NAMES.get(key, key) for key in image.info if key not in PIXEL_INFO]
    if image.getexif():
        found.append("EXIF")
    for marker, content in getattr(image, "applist", ()):
        if content.startswith(PIXEL_SEGMENTS.get(marker, ())):
            continue
        kinds = (name for start, name in SEGMENT_NAMES.items() if content.startswith(start))
        found.append("comment" if marker == "COM" else next(kinds, f"{marker} segment"))
    return list(dict.fromkeys(found))


def make_renditions(image_file, widths):
    """Save a WebP and a JPEG copy of the image at each width, next to the original.

    Every copy is encoded before any is written, so a failure leaves none behind. The copies
    carry no metadata (EXIF, XMP, comments): no camera or GPS details.
    """
    image_file.open("rb")
    copies = {}
    with Image.open(image_file) as original:
        original = ImageOps.exif_transpose(original)
        has_alpha = original.mode in ("RGBA", "LA") or "transparency" in original.info
        original = original.convert("RGBA" if has_alpha else "RGB")
        original.info = {}
        for width in widths:
            height = round(original.height * width / original.width)
            resized = original.resize((width, height), Image.Resampling.LANCZOS)
            for extension, pillow_format in (("webp", "WEBP"), ("jpg", "JPEG")):
                copy = resized.convert("RGB") if pillow_format == "JPEG" else resized
                buffer = BytesIO()
                copy.save(buffer, pillow_format, quality=82)
                copies[rendition_name(image_file.name, width, extension)] = buffer.getvalue()
    image_file.close()
    for name, content in copies.items():
        store(image_file.storage, name, content)


def cleaned_upload(upload, image_format):
    """The upload as the site stores it: turned upright (EXIF orientation), without EXIF or
    other metadata, in the format detected, named with that format's extension and a digest of
    its content (so two uploads never share a name, nor their copies)."""
    upload.seek(0)
    with Image.open(upload) as image:
        upright = ImageOps.exif_transpose(image)
        options = dict(SAVE_OPTIONS[image_format])
        for kept in ("transparency", "icc_profile"):
            if kept in upright.info:
                options[kept] = upright.info[kept]
        upright.info = {}
        buffer = BytesIO()
        upright.save(buffer, image_format, **options)
    content = buffer.getvalue()
    stem = slugify(PurePosixPath(upload.name).stem)[:60] or "image"
    digest = hashlib.sha256(content).hexdigest()[:12]
    name = f"{stem}-{digest}.{EXTENSIONS[image_format]}"
    return SimpleUploadedFile(name, content, MIME_TYPES[image_format])


class NewsImageFormField(forms.ImageField):
    """An ImageField that names what is wrong with an upload, checked before anything is stored."""

    default_error_messages = {
        "too_big": _("The file is too big (%(size)s). The limit is %(limit)s."),
        "bad_type": _("This is not a JPEG, PNG or WebP image. Please upload one of those."),
        "bomb": _("This image is far too large in pixels to be processed safely."),
        "too_many_pixels": _(
            "The image is too large (%(width)s × %(height)s pixels). "
            "Please reduce it to at most %(limit)s million pixels."
        ),
        "too_long": _(
            "The image is too long (%(width)s × %(height)s pixels). "
            "Each side may be at most %(limit)s pixels."
        ),
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if data.size > settings.NEWS_IMAGE_MAX_BYTES:
            raise forms.ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={
                    "size": filesizeformat(data.size),
                    "limit": filesizeformat(settings.NEWS_IMAGE_MAX_BYTES),
                },
            )
        try:
            # Pillow only warns below twice its pixel limit: treat that as refusal too.
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(data) as image:
                    image_format, (width, height) = image.format, image.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise forms.ValidationError(self.error_messages["bomb"], code="bomb") from None
        except Exception:
            raise forms.ValidationError(self.error_messages["bad_type"], code="bad_type") from None
        if image_format not in ACCEPTED_FORMATS:
            raise forms.ValidationError(self.error_messages["bad_type"], code="bad_type")
        # Each side too: a 40 × 20,000 image is small in pixels, but longer than WebP allows.
        if max(width, height) > settings.NEWS_IMAGE_MAX_SIDE:
            raise forms.ValidationError(
                self.error_messages["too_long"],
                code="too_long",
                params={"width": width, "height": height, "limit": settings.NEWS_IMAGE_MAX_SIDE},
            )
        if width * height > settings.NEWS_IMAGE_MAX_PIXELS:
            raise forms.ValidationError(
                self.error_messages["too_many_pixels"],
                code="too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "limit": settings.NEWS_IMAGE_MAX_PIXELS // 1_000_000,
                },
            )
        data.seek(0)
        # Django's own check: the whole file decodes as an image.
        super().to_python(data)
        return cleaned_upload(data, image_format)
