"""News images: what an upload must be, and the resized copies the pages serve."""

import hashlib
import warnings
from io import BytesIO
from pathlib import PurePosixPath

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


def rendition_name(name, width, extension):
    """news/photo.png -> news/renditions/photo-960w.webp"""
    path = PurePosixPath(name)
    return str(path.parent / "renditions" / f"{path.stem}-{width}w.{extension}")


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
        image_file.storage.delete(name)
        image_file.storage.save(name, ContentFile(content))


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
