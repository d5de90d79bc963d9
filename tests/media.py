"""Pictures made in memory, and the files a test's media folder holds (fixture media_root)."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

DEFAULT_COLOUR = (30, 45, 190)


def picture(size=(2000, 1000), image_format="JPEG", colour=DEFAULT_COLOUR, **options):
    """An image file's bytes, all one colour; `options` go to Pillow's save (exif=...)."""
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, image_format, **options)
    return buffer.getvalue()


def image_file(name="photo.jpg", size=(2000, 1000), image_format="JPEG", colour=DEFAULT_COLOUR):
    """A picture as a browser uploads it."""
    return SimpleUploadedFile(name, picture(size, image_format, colour))


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())
