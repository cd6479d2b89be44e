"""Finding OZG services in the words citizens use.

A deliberately simple matcher over the catalogue's own vocabulary: the name of each
OZG-Leistung, its Lebens-/Geschäftslage and the names of its LeiKa-Leistungen ("Hundesteuer",
"Hundehaltung Meldung", "Wohngeld Bewilligung erstmalig" …).

1. Text is normalised: lower case, ä→ae, ö→oe, ü→ue, ß→ss, everything but letters and digits
   becomes a space.
2. The query is split into words; filler words ("ich", "mein", "beantragen" …) are dropped,
   and a few verbs are mapped to the nouns the LeiKa uses ("anmelden" → "meld", "umziehen"
   → "umzug"). Each remaining word is shortened to a stem by removing common endings
   (-en, -ung, -e, -n, -s) down to at least four letters.
3. A word matches a service when its stem occurs anywhere in the service's text, so that
   "hund" finds the compound "Hundesteuer".
4. Services matching every word come first; if none match every word, the services matching
   the most words are returned. Within a group, services with more single names (the
   service's or one LeiKa name) containing every word rank first ("Hundehaltung Meldung"
   for "Hund anmelden"), then those whose own name matches.

The index (one normalised string per active service) is built with two queries and kept in
memory per catalogue version (public.cache), so a search costs no query after the first.
"""

import re
import unicodedata

from ozg.models import LeikaService, OzgService

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")

STOP_WORDS = {
    "ich", "mein", "meine", "meinen", "meinem", "meiner", "mich", "mir", "will", "moechte",
    "muss", "wie", "wo", "was", "kann", "einen", "eine", "ein", "einer", "der", "die", "das",
    "den", "dem", "des", "und", "oder", "fuer", "von", "zu", "zum", "zur", "im", "in", "am",
    "an", "auf", "mit", "beantragen", "antrag", "beantragung", "online", "bekommen",
    "erhalten", "machen", "stellen", "brauche", "bitte",
}  # fmt: skip

# Verbs citizens use → a stem the LeiKa names contain.
SYNONYMS = {
    "anmelden": "meld",
    "abmelden": "abmeld",
    "ummelden": "ummeld",
    "melden": "meld",
    "umziehen": "umzug",
    "heiraten": "ehe",
    "bauen": "bau",
    "parken": "park",
    "waehlen": "wahl",
    "kuendigen": "kuendig",
}

_ENDINGS = ("ungen", "ung", "en", "e", "n", "s")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").lower().translate(_TRANSLIT)
    return " " + _NON_WORD.sub(" ", text).strip() + " "


def stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def query_terms(query: str) -> list[str]:
    terms = []
    for word in normalise(query).split():
        if word in STOP_WORDS:
            continue
        word = SYNONYMS.get(word, word)
        if len(word) < 2:
            continue
        terms.append(stem(word))
    return list(dict.fromkeys(terms))


_INDEX: dict[float, list[tuple[int, str, str, list[str]]]] = {}


def _index(version: float) -> list[tuple[int, str, str, list[str]]]:
    cached = _INDEX.get(version)
    if cached is not None:
        return cached
    texts: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for pk, name, lage in OzgService.objects.filter(withdrawn_at__isnull=True).values_list(
        "pk", "name", "lebenslage__name"
    ):
        names[pk] = normalise(name)
        texts[pk] = [name, lage]
    for service_id, name in LeikaService.objects.filter(
        service__withdrawn_at__isnull=True
    ).values_list("service_id", "name"):
        if service_id in texts:
            texts[service_id].append(name)
    index = [
        (pk, names[pk], normalise(" ".join(parts)), [normalise(p) for p in parts])
        for pk, parts in texts.items()
    ]
    _INDEX.clear()
    _INDEX[version] = index
    return index


def search(query: str, *, version: float = 0.0) -> list[int] | None:
    """Primary keys of the matching services, best first; None when the query has no word."""
    terms = query_terms(query)
    if not terms:
        return None
    scored = []
    for pk, name, text, parts in _index(version):
        hits = sum(1 for term in terms if term in text)
        if hits:
            strong = sum(1 for part in parts if all(term in part for term in terms))
            in_name = sum(1 for term in terms if term in name)
            scored.append((hits, strong, in_name, pk))
    if not scored:
        return []
    best = max(row[0] for row in scored)
    scored = [row for row in scored if row[0] == best]
    scored.sort(key=lambda row: (-row[1], -row[2], row[3]))
    return [row[3] for row in scored]
