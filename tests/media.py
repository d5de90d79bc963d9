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


def camera_photo(**options):
    """A 2000 × 1000 JPEG taken with the camera turned (EXIF orientation 6: rotate 90°), with
    the camera's make and model and where it was taken; `options` go to Pillow's save."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "Canon EOS Secret"  # Model
    exif.get_ifd(0x8825)[2] = (46.0, 13.0, 30.0)  # GPSLatitude
    return picture(exif=exif, **options)


def image_file(name="photo.jpg", size=(2000, 1000), image_format="JPEG", colour=DEFAULT_COLOUR):
    """A picture as a browser uploads it."""
    return SimpleUploadedFile(name, picture(size, image_format, colour))


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())
