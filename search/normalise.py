"""One normal form for document and query text, so that umlauts and their transliteration
match each other (ä/ae, ö/oe, ü/ue, ß/ss) and accents do not matter (é/e).

Both the indexed text and the query go through ``fold``: lower case, umlauts written out the
way German domains and slugs do (ä→ae …), other accents removed, NUL and control characters
dropped. "Bürgerservice", "Buergerservice" and "BÜRGERSERVICE" all become "buergerservice".
"""

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f⟦⟧]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def clean(text: str | None) -> str:
    """Text without NUL/control characters (PostgreSQL refuses NUL in text) and without the
    two characters the snippets use as highlight markers."""
    return _CONTROL.sub(" ", text or "")


def fold(text: str | None) -> str:
    text = clean(text).lower().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str | None) -> list[str]:
    """The folded words of a text (letters and digits)."""
    return _WORD.findall(fold(text))
