"""Serving a kept PDF over HTTP: checked against its hash, streamed in chunks, with byte ranges and a safe file name."""

from __future__ import annotations

import asyncio
import os
import re
import threading
import unicodedata
from pathlib import Path
from urllib.parse import quote

from datasette.utils.asgi import Response

from .filestore import hash_fd, looks_like_pdf, open_stored

CHUNK = 256 * 1024
RANGE = re.compile(r"\s*(\d{0,19})\s*-\s*(\d{0,19})\s*")
# Files found intact, by what changes when a file's bytes change (a rewrite changes ctime, which no one can set).
_verified: set[tuple[int, ...]] = set()
_verify_lock = threading.Lock()


class Unsatisfiable(ValueError):
    """A `Range` header no byte range of the file can answer."""


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive (first, last) byte of a single `bytes=` range; None for the whole file.

    Other units and lists of ranges are answered with the whole file, as RFC 9110 allows.
    """
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    m = RANGE.fullmatch(spec)
    if not m or not (m[1] or m[2]):
        raise Unsatisfiable(header)
    if m[1]:
        first, last = int(m[1]), int(m[2]) if m[2] else size - 1
        if first >= size or last < first:
            raise Unsatisfiable(header)
        return first, min(last, size - 1)
    suffix = int(m[2])
    if suffix == 0 or size == 0:
        raise Unsatisfiable(header)
    return max(0, size - suffix), size - 1


def shown_name(name: str | bytes | None) -> str:
    """A file name as text: bytes that are not UTF-8 become replacement characters."""
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    try:
        return (name or "").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return (name or "").encode("utf-8", "replace").decode("utf-8")


def content_disposition(name: str | bytes | None, disposition: str = "inline") -> str:
    """A Content-Disposition header for any file name: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187)."""
    text = shown_name(name) or "document.pdf"
    # Accents dropped ('Août' -> 'Aout'); any other character not ASCII becomes '_'.
    ascii_name = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    fallback = re.sub(r"[^A-Za-z0-9 ._()+,-]", "_", ascii_name).strip() or "document.pdf"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(text, safe='')}"


async def open_pdf(path: Path, sha256: str) -> int | None:
    """An open descriptor of a kept PDF whose bytes still hash to sha256 (None if missing, not a PDF, or altered)."""
    try:
        fd = open_stored(path)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        if not looks_like_pdf(os.pread(fd, 1024, 0)):
            raise ValueError("not a PDF")
        if key not in _verified and not await asyncio.to_thread(_intact, fd, sha256, key):
            raise ValueError("altered")
        return fd
    except (OSError, ValueError):
        os.close(fd)
        return None


def _intact(fd: int, sha256: str, key: tuple[int, ...]) -> bool:
    with _verify_lock:  # one hash at a time: a burst of range requests must not hash one file ten times over
        if key not in _verified and hash_fd(fd) == sha256:
            _verified.add(key)
        return key in _verified


class PdfResponse(Response):
    """An open PDF sent in chunks read off the event loop: the whole file, or one byte range (206)."""

    def __init__(self, fd: int, filename: str | bytes | None, sha256: str, range_header: str | None = None,
                 head_only: bool = False):
        size = os.fstat(fd).st_size
        self.fd, self.head_only = fd, head_only
        self.span = byte_range(range_header, size)  # raises Unsatisfiable: the caller answers 416
        headers = {
            "accept-ranges": "bytes",
            "content-disposition": content_disposition(filename),
            "etag": f'"{sha256}"',
            "x-content-type-options": "nosniff",
        }
        first, last = self.span or (0, size - 1)
        if self.span:
            headers["content-range"] = f"bytes {first}-{last}/{size}"
        headers["content-length"] = str(last - first + 1)
        self.first, self.last = first, last
        super().__init__(None, status=206 if self.span else 200, headers=headers, content_type="application/pdf")

    async def asgi_send(self, send) -> None:
        """Send the headers, then the bytes chunk by chunk; the descriptor is closed however it ends."""
        try:
            headers = [[k.encode("latin-1"), v.encode("latin-1")] for k, v in
                       {**self.headers, "content-type": self.content_type}.items()]
            headers += [[b"set-cookie", c.encode("latin-1")] for c in self._set_cookie_headers]
            await send({"type": "http.response.start", "status": self.status, "headers": headers})
            offset = self.first
            while not self.head_only and offset <= self.last:
                chunk = await asyncio.to_thread(os.pread, self.fd, min(CHUNK, self.last + 1 - offset), offset)
                if not chunk:
                    break  # the file shrank under us: end the body short rather than hang
                offset += len(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": offset <= self.last})
            if self.head_only or offset <= self.last:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            os.close(self.fd)
