"""The content-addressed file store: each ingested PDF's bytes kept beside the database as files/<sha256>.pdf.

The site serves PDFs only from here, by a document's hash, never from a path recorded at ingest:
the original may since have been replaced, moved or turned into a link to another file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path

FILES_DIR = "files"
CHUNK = 1 << 20
SHA256 = re.compile(r"[0-9a-f]{64}")
# Linux FICLONE ioctl: a copy-on-write clone (btrfs, xfs, ...) costs no time and no space.
FICLONE = 0x40049409


class FileChanged(Exception):
    """The file's bytes are no longer those that were read (it changed after ingest read it)."""


def looks_like_pdf(head: bytes) -> bool:
    """True when the first bytes carry a PDF header (as PDF readers accept it: within the first 1024 bytes)."""
    return b"%PDF-" in head[:1024]


def files_dir(db_path: str | Path) -> Path:
    """The store of the database at db_path: a `files` folder beside it."""
    return Path(db_path).resolve().parent / FILES_DIR


def stored_path(folder: Path, sha256: str) -> Path:
    """Where the bytes with this hash are kept; the hash is checked so no other path can be built from it."""
    if not isinstance(sha256, str) or not SHA256.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return folder / f"{sha256}.pdf"


def hash_fd(fd: int) -> str:
    """SHA-256 of an open file's bytes, read from its start without moving its offset."""
    digest = hashlib.sha256()
    offset = 0
    while block := os.pread(fd, CHUNK, offset):
        digest.update(block)
        offset += len(block)
    return digest.hexdigest()


def _clone_or_copy(src: int, dst: int) -> None:
    """Clone src into dst where the filesystem can (copy-on-write), else copy the bytes.

    Not a hard link: a download tool that rewrites the original in place (`curl -o` again) would
    change the kept copy too, and an earlier version's bytes would be lost.
    """
    try:
        fcntl.ioctl(dst, FICLONE, src)
        return
    except OSError:
        pass
    offset = 0
    while block := os.pread(src, CHUNK, offset):
        os.write(dst, block)
        offset += len(block)


def keep_file(source: str | Path, folder: Path, sha256: str) -> Path | None:
    """Keep a PDF's bytes in the store under their hash; None when the file is not a PDF.

    Written atomically (a temporary file renamed into place) and checked against the hash, so the
    store never holds a partial file or bytes under another file's name. A kept file that no longer
    matches its hash is replaced. Raises OSError when the file cannot be read or written, and
    FileChanged when its bytes changed after they were hashed.
    """
    target = stored_path(folder, sha256)
    src = os.open(source, os.O_RDONLY | os.O_NONBLOCK)  # O_NONBLOCK: a FIFO must not hang the writer
    try:
        if not stat.S_ISREG(os.fstat(src).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(source))
        if not looks_like_pdf(os.pread(src, 1024, 0)):
            return None
        if _intact(target, sha256):
            return target
        folder.mkdir(parents=True, exist_ok=True)
        dst, tmp = tempfile.mkstemp(dir=folder, prefix=".keep-", suffix=".pdf")
        try:
            _clone_or_copy(src, dst)
            if hash_fd(dst) != sha256:
                raise FileChanged(f"{source}: the file changed after it was read; its bytes were not kept")
            os.fsync(dst)
            os.fchmod(dst, 0o444)
        except BaseException:
            os.close(dst)
            os.unlink(tmp)
            raise
        os.close(dst)
        os.replace(tmp, target)
        return target
    finally:
        os.close(src)


def _intact(path: Path, sha256: str) -> bool:
    with contextlib.suppress(OSError):
        fd = open_stored(path)
        try:
            return hash_fd(fd) == sha256
        finally:
            os.close(fd)
    return False


def open_stored(path: Path) -> int:
    """Open a kept file for reading: never through a symbolic link, only a regular file (OSError otherwise)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return fd
