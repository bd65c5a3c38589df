"""Small helpers shared by the web page tests."""

from __future__ import annotations

import io
import os
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image


def png_file(name: str = "photo.png", size: tuple[int, int] = (8, 8), noisy: bool = False) -> SimpleUploadedFile:
    """A real PNG made by Pillow; `noisy` pixels do not compress, so the file is about 3 bytes a pixel."""
    buf = io.BytesIO()
    if noisy:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (20, 120, 110))
    image.save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow_get(client: Client, url: str):
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    return response
