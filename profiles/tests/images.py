"""Image files written by the tests themselves."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_upload(fmt: str = "JPEG", size=(300, 300), name: str = "foto.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())
