"""Damaged, encrypted, empty and not-PDF files, built at test time from the Leicester pack.

The repository ships no broken files: each one here is made from the project's own pack (or
from nothing), so the tests of hostile input run in every checkout.
"""

from __future__ import annotations

import random
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

LEICESTER = Path(__file__).resolve().parent.parent / "corpus" / "leicester" / "leicester-phhi-2026-04-28-pack.pdf"
USER_PASSWORD = "agendapack-user"


def _first_pages(n: int) -> pikepdf.Pdf:
    pdf = pikepdf.open(LEICESTER)
    del pdf.pages[n:]
    return pdf


def zero_bytes(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def not_a_pdf(path: Path) -> Path:
    """A macOS alias record saved with a .pdf name: binary, no PDF header."""
    path.write_bytes(b"book\x00\x00\x00\x00mark\x00\x00\x00\x00" + bytes(range(256)) * 8)
    return path


def encrypted(path: Path) -> Path:
    """Two text pages behind a user password (AES-256)."""
    with _first_pages(2) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=USER_PASSWORD, owner="agendapack-owner", R=6))
    return path


def owner_password_only(path: Path) -> Path:
    """Encrypted with an owner password and an empty user password: opens without one."""
    with _first_pages(2) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="", owner="agendapack-owner", R=4))
    return path


def blank_page(path: Path) -> Path:
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.save(path)
    return path


def corrupt_streams(path: Path) -> Path:
    """Every page's content stream claims Flate compression but holds noise."""
    with _first_pages(3) as pdf:
        noise = random.Random(7).randbytes(2000)
        for page in pdf.pages:
            page.obj.Contents = pdf.make_stream(noise, Filter=pikepdf.Name.FlateDecode)
        pdf.save(path)
    return path


def truncated(path: Path, keep: float = 0.9) -> Path:
    """The pack cut short, as an interrupted download leaves it (no cross-reference table)."""
    data = LEICESTER.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def fuzzed(path: Path, flips: int = 400, seed: int = 11) -> Path:
    """The first pages of the pack with bytes overwritten at random past the header."""
    source = path.with_suffix(".src")
    with _first_pages(4) as pdf:
        pdf.save(source, compress_streams=False)
    data = bytearray(source.read_bytes())
    source.unlink()
    rng = random.Random(seed)
    for _ in range(flips):
        data[rng.randrange(16, len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))
    return path


def image_only(path: Path, pages: int = 2, scale: float = 2.0) -> Path:
    """The first pages of the pack as pictures, as a scanner gives them: no text layer."""
    source = pdfium.PdfDocument(LEICESTER)
    images = [source[i].render(scale=scale).to_pil().convert("L") for i in range(pages)]
    source.close()
    images[0].save(path, "PDF", resolution=72 * scale, save_all=True, append_images=images[1:])
    return path


BUILDERS = {
    "zero-bytes.pdf": zero_bytes,
    "not-a-pdf.pdf": not_a_pdf,
    "encrypted.pdf": encrypted,
    "owner-password-only.pdf": owner_password_only,
    "blank-page.pdf": blank_page,
    "corrupt-streams.pdf": corrupt_streams,
    "truncated.pdf": truncated,
    "fuzzed.pdf": fuzzed,
    "image-only.pdf": image_only,
}


def build_all(folder: Path) -> dict[str, Path]:
    """Every hostile file, written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: build(folder / name) for name, build in BUILDERS.items()}


def text_bomb(path: Path, operators: int = 100_000) -> Path:
    """One page of `operators` positioned text runs (a few hundred KB compressed): far more text than a page holds."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[0]
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        runs = b"".join(b"1 0 0 1 %d %d Tm (Agenda item) Tj\n" % (20 + i * 7 % 500, 20 + i * 13 % 800)
                        for i in range(operators))
        page.obj.Contents = pdf.make_stream(b"BT /F1 9 Tf " + runs + b"ET")
        pdf.save(path, compress_streams=True)
    return path


def huge_scan(path: Path, points: int = 14400) -> Path:
    """A scanned image on a `points` x `points` page (the largest PDF allows): a small file, a vast bitmap."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 400), 255)
    ImageDraw.Draw(image).text((20, 180), "Agenda", fill=0)
    image.save(path, "PDF", resolution=400 * 72 / points)
    return path


def text_pages(path: Path, pages: int = 2, mark: str = "") -> Path:
    """The first pages of the pack; `mark` appended after %%EOF makes the bytes (and the document) distinct."""
    with _first_pages(pages) as pdf:
        pdf.save(path)
    if mark:
        with open(path, "ab") as fh:
            fh.write(f"% {mark}\n".encode())
    return path


def truncated_pages(path: Path, pages: int = 8, keep: float = 0.9) -> Path:
    """The first pages of the pack, saved and then cut short (no cross-reference table): a quick truncated file."""
    text_pages(path, pages)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path
