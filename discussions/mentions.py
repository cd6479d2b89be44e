"""@mentions of people and !mentions of Kommunen in a post's Markdown source.

Syntax (works without JavaScript, by typing the name):

- ``@Vorname Nachname``: a person, matched case-insensitively against the full names of the
  active members; the longest run of up to five words that is a name wins, so
  ``@Dana Demo, bitte …`` finds "Dana Demo".
- ``!Lemgo``, ``!Bad Salzuflen``, ``!bad-salzuflen``: a Kommune, by name or slug.

A trigger counts only at the start of a word (``info@lemgo.de`` and ``Toll!`` are no
mentions). The same parser runs when saving (against every member and Kommune, unknown names
are a form error) and when rendering (against the post's stored mentions, without queries).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from members.text import german_slugify

_TRIGGER = re.compile(r"(?<![\w@!\\])([@!])(?=\w)")
_WORD = re.compile(r"\w+(?:[-'.]\w+)*")
_GAP = re.compile(r"[ \t]+")
MAX_WORDS = 5
PERSON, KOMMUNE = "@", "!"


@dataclass(frozen=True)
class Mention:
    kind: str  # "@" or "!"
    start: int
    end: int
    obj: Any


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def people_lookup(users) -> dict[str, Any]:
    return {_key(u.full_name): u for u in users if u.full_name}


def kommune_lookup(municipalities) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for m in municipalities:
        found[_key(m.name)] = m
        found[m.slug.casefold()] = m
    return found


def _words_after(text: str, pos: int) -> list[int]:
    """End offsets of up to MAX_WORDS words following `pos`, separated by blanks."""
    ends: list[int] = []
    while len(ends) < MAX_WORDS:
        word = _WORD.match(text, pos)
        if not word:
            break
        ends.append(word.end())
        gap = _GAP.match(text, word.end())
        if not gap:
            break
        pos = gap.end()
    return ends


def parse(text: str, *, people: dict, kommunen: dict) -> tuple[list[Mention], list[str]]:
    """The mentions found in `text` and the mentions that match nobody (as typed)."""
    found: list[Mention] = []
    unknown: list[str] = []
    pos = 0
    while True:
        trigger = _TRIGGER.search(text, pos)
        if trigger is None:
            break
        kind = trigger.group(1)
        begin = trigger.end()
        ends = _words_after(text, begin)
        match = None
        for end in reversed(ends):
            candidate = text[begin:end]
            if kind == PERSON:
                obj = people.get(_key(candidate))
            else:
                obj = kommunen.get(_key(candidate)) or kommunen.get(german_slugify(candidate))
            if obj is not None:
                match = Mention(kind, trigger.start(), end, obj)
                break
        if match is None:
            unknown.append(kind + text[begin : ends[min(1, len(ends) - 1)]])
            pos = begin
        else:
            found.append(match)
            pos = match.end
    return found, unknown


def _person_url(user) -> str:
    return f"{reverse('members:person_list')}?{urlencode({'q': user.full_name})}"


def _escape(label: str) -> str:
    return re.sub(r"([\\\[\]()*_`])", r"\\\1", label)


def linked(text: str, *, users, municipalities) -> str:
    """`text` with the stored mentions turned into Markdown links (no queries)."""
    users, municipalities = list(users), list(municipalities)
    if not users and not municipalities:
        return text
    mentions, _unknown = parse(
        text, people=people_lookup(users), kommunen=kommune_lookup(municipalities)
    )
    parts: list[str] = []
    pos = 0
    for m in mentions:
        parts.append(text[pos : m.start])
        if m.kind == PERSON:
            label, url = f"@{m.obj.full_name}", _person_url(m.obj)
        else:
            label, url = f"!{m.obj.name}", m.obj.get_absolute_url()
        parts.append(f"[{_escape(label)}]({url})")
        pos = m.end
    parts.append(text[pos:])
    return "".join(parts)
