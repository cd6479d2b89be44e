"""Text helpers shared by the apps: German-aware slugs."""

from django.utils.text import slugify

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def german_slugify(value: str) -> str:
    """Slug the way the Kommunen's own domains spell umlauts: Lügde → luegde."""
    return slugify(value.translate(_GERMAN))
