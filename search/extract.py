"""The text inside uploaded files, for the index (run by the Celery task
``search.tasks.extract_file_text`` after an upload, never in the request).

- DOCX (Word) and ODT (OpenDocument): the document's XML read from the zip with defusedxml,
  paragraph by paragraph.
- PDF: a small reader of the text operators (``Tj``, ``TJ``, ``'``, ``"``) in the page content
  streams, uncompressed or FlateDecode. It reads PDFs whose fonts use a simple one-byte
  encoding (most PDFs written by office suites' "export as PDF" with standard fonts, scanners'
  text layers often not). PDFs whose fonts are embedded as CID fonts (Identity-H) hold glyph
  numbers, not characters: for them it returns nothing rather than garbage. Reading every
  PDF needs a PDF library (pypdf or pdfminer.six), which the project does not depend on.

Limits: files above ``MAX_BYTES`` are not read; at most ``MAX_CHARS`` characters are kept.
A broken file gives "" (the document stays findable by its title).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import PurePath

from defusedxml import ElementTree

MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 100_000
KINDS = ("pdf", "docx", "odt")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def kind_of(name: str) -> str:
    suffix = PurePath(name or "").suffix.lower().lstrip(".")
    return suffix if suffix in KINDS else ""


def extract_text(data: bytes, name: str) -> str:
    """The plain text of a PDF/DOCX/ODT file's bytes ("" for other kinds or broken files)."""
    kind = kind_of(name)
    if not kind or len(data) > MAX_BYTES:
        return ""
    try:
        text = {"pdf": _pdf, "docx": _docx, "odt": _odt}[kind](data)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, zlib.error):
        return ""
    except Exception:  # noqa: BLE001 – defusedxml's refusals and any malformed input
        return ""
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n", text).strip()
    return text[:MAX_CHARS]


def _xml(data: bytes, member: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_BYTES * 5:
            raise ValueError("member too large")
        return ElementTree.fromstring(archive.read(member))


def _docx(data: bytes) -> str:
    root = _xml(data, "word/document.xml")
    paragraphs = []
    for p in root.iter(f"{_W}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append(" ")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _odt(data: bytes) -> str:
    root = _xml(data, "content.xml")
    paragraphs = []
    for node in root.iter():
        if node.tag in (f"{_TEXT_NS}p", f"{_TEXT_NS}h"):
            paragraphs.append("".join(node.itertext()))
    return "\n".join(paragraphs)


# --- PDF -----------------------------------------------------------------------------------

_STREAM = re.compile(rb"<<(.{0,2000}?)>>\s*stream\r?\n", re.S)
_STRING_OPS = re.compile(
    rb"\((?P<str>(?:\\.|[^\\)])*)\)\s*(?:Tj|'|\")|\[(?P<arr>(?:\\.|[^\]])*)\]\s*TJ|(?P<nl>T\*|Td|TD|ET)",
    re.S,
)
_IN_ARRAY = re.compile(rb"\((?P<str>(?:\\.|[^\\)])*)\)|(?P<num>-?\d+(?:\.\d+)?)")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf(data: bytes) -> str:
    if not data.startswith(b"%PDF"):
        return ""
    if b"/Identity-H" in data or b"/Identity-V" in data:
        return ""  # CID fonts: the strings are glyph numbers (see the module docstring)
    out = []
    for match in _STREAM.finditer(data):
        header = match.group(1)
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        if re.search(rb"/(Type\s*/XObject|Subtype\s*/Image|Length1|Type\s*/XRef)", header):
            continue
        raw = data[start:end].rstrip(b"\r\n")
        if b"/FlateDecode" in header:
            try:
                raw = zlib.decompressobj().decompress(raw, MAX_BYTES)
            except zlib.error:
                continue
        elif b"/Filter" in header:
            continue  # other encodings (DCT images, LZW …) hold no text we read
        out.append(_content_text(raw))
    return "\n".join(t for t in out if t.strip())


def _content_text(content: bytes) -> str:
    if b"BT" not in content:
        return ""
    parts: list[str] = []
    for m in _STRING_OPS.finditer(content):
        if m.group("nl"):
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n" if m.group("nl") == b"ET" else " ")
        elif m.group("str") is not None:
            parts.append(_unescape(m.group("str")))
        else:
            for piece in _IN_ARRAY.finditer(m.group("arr")):
                if piece.group("str") is not None:
                    parts.append(_unescape(piece.group("str")))
                elif float(piece.group("num")) < -200:
                    parts.append(" ")  # a wide negative kern is a word gap
    return "".join(parts)


def _unescape(value: bytes) -> str:
    result = bytearray()
    i = 0
    while i < len(value):
        c = value[i : i + 1]
        if c != b"\\":
            result += c
            i += 1
            continue
        nxt = value[i + 1 : i + 2]
        if nxt in _ESCAPES:
            result += _ESCAPES[nxt]
            i += 2
        elif nxt and nxt in b"01234567":
            octal = re.match(rb"[0-7]{1,3}", value[i + 1 : i + 4]).group(0)
            result.append(int(octal, 8) & 0xFF)
            i += 1 + len(octal)
        elif nxt in (b"\n", b"\r"):
            i += 2
        else:
            result += nxt
            i += 2
    return result.decode("cp1252", errors="replace")
