"""Writing the index: (re)index objects, remove them, follow the domain events.

Everything here runs inside the caller's transaction, so an event's write and its index
update commit (or roll back) together. Only this module writes SearchEntry and SearchWord.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.utils import timezone, translation

from lippe_ikz.searchable import SearchType, search_types
from search.extract import MAX_BYTES, extract_text, kind_of
from search.models import ExtractedText, SearchEntry, SearchWord
from search.normalise import clean, fold

# The PostgreSQL text search configuration made by migration 0002: `german` (Snowball
# stemming, German stop words) with `unaccent` in front of the stemmer.
TS_CONFIG = "portal_german"
BATCH = 1000
_WORD = re.compile(r"[^\W\d_]{4,40}", re.UNICODE)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@cache
def _types() -> tuple[SearchType, ...]:
    return tuple(search_types())


def all_types() -> tuple[SearchType, ...]:
    return _types()


def type_by_key(key: str) -> SearchType | None:
    return next((t for t in _types() if t.key == key), None)


def types_for_model(model) -> list[SearchType]:
    label = model._meta.concrete_model._meta.label_lower
    return [t for t in _types() if t.model.lower() == label]


def _child_types(model) -> list[tuple[SearchType, str]]:
    """(type, parent field) for every type whose parent is a `model`."""
    label = model._meta.concrete_model._meta.label_lower
    found = []
    for t in _types():
        for name in t.parents:
            field = t.model_class._meta.get_field(name)
            if field.related_model._meta.label_lower == label:
                found.append((t, name))
    return found


def is_indexed_model(model) -> bool:
    return bool(types_for_model(model) or _child_types(model))


def group_of(obj) -> str:
    return f"{obj._meta.concrete_model._meta.label_lower}:{obj.pk}"


def _group(stype: SearchType, obj) -> str:
    for name in stype.parents:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        if value is not None:
            return f"{field.related_model._meta.label_lower}:{value}"
    return group_of(obj)


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


VECTOR = (
    SearchVector("folded_title", weight="A", config=TS_CONFIG)
    + SearchVector("folded_extra", weight="B", config=TS_CONFIG)
    + SearchVector("folded_body", weight="C", config=TS_CONFIG)
)


def index_objects(stype: SearchType, objs: Iterable) -> int:
    """Write the entries of `objs` (loaded through ``stype.get_queryset()``); an object whose
    ``document`` is None loses its entry. Returns the number of entries written."""
    ct = None
    rows: list[SearchEntry] = []
    dropped: list[int] = []
    words: dict[str, str] = {}
    objs = list(objs)
    texts = _extracted_texts(stype, objs)
    with translation.override(settings.LANGUAGE_CODE):
        for obj in objs:
            if ct is None:
                ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
            doc = stype.document(obj)
            if doc is None:
                dropped.append(obj.pk)
                continue
            title, extra, body = clean(doc.title)[:400], clean(doc.extra), clean(doc.body)
            if texts.get(obj.pk):
                body = "\n".join(p for p in (body, clean(texts[obj.pk])) if p)
            date = _as_date(doc.date)
            rows.append(
                SearchEntry(
                    type_key=stype.key,
                    content_type=ct,
                    object_id=obj.pk,
                    group=_group(stype, obj),
                    municipality_id=doc.municipality_id,
                    date=date,
                    year=date.year if date else None,
                    title=title,
                    extra=extra,
                    body=body,
                    url=doc.url[:500],
                    folded_title=fold(title)[:400],
                    folded_extra=fold(extra),
                    folded_body=fold(body),
                )
            )
            for word in _WORD.findall(f"{title} {extra} {body}"):
                words.setdefault(fold(word), word)
    if dropped:
        SearchEntry.objects.filter(type_key=stype.key, object_id__in=dropped).delete()
    if rows:
        SearchEntry.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["type_key", "object_id"],
            update_fields=[
                "content_type",
                "group",
                "municipality",
                "date",
                "year",
                "title",
                "extra",
                "body",
                "url",
                "folded_title",
                "folded_extra",
                "folded_body",
                "indexed_at",
            ],
        )
        if is_postgres():
            SearchEntry.objects.filter(
                type_key=stype.key, object_id__in=[r.object_id for r in rows]
            ).update(vector=VECTOR)
    if words:
        SearchWord.objects.bulk_create(
            [SearchWord(word=w[:100], display=d[:100]) for w, d in words.items()],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
    return len(rows)


def _extracted_texts(stype: SearchType, objs: list) -> dict[int, str]:
    """{object id: text inside its file} for a type with files (one query per batch); only
    texts read from the object's current file."""
    if stype.file is None or not objs:
        return {}
    ct = ContentType.objects.get_for_model(objs[0], for_concrete_model=True)
    names = {o.pk: (stype.file(o) or None) and stype.file(o).name for o in objs}
    return {
        pk: text
        for pk, name, text in ExtractedText.objects.filter(
            content_type=ct, object_id__in=list(names)
        ).values_list("object_id", "file_name", "text")
        if names.get(pk) == name
    }


def unread_files(stype: SearchType, objs) -> list:
    """The objects of `objs` with a PDF/DOCX/ODT file whose text has not been read yet (one
    query for all of them)."""
    if stype.file is None:
        return []
    files = {}
    for obj in objs:
        field_file = stype.file(obj)
        if field_file and kind_of(field_file.name):
            files[obj.pk] = (obj, field_file.name)
    if not files:
        return []
    ct = ContentType.objects.get_for_model(stype.model_class, for_concrete_model=True)
    read = set(
        ExtractedText.objects.filter(content_type=ct, object_id__in=list(files)).values_list(
            "object_id", "file_name"
        )
    )
    return [obj for pk, (obj, name) in files.items() if (pk, name) not in read]


def schedule_extraction(stype: SearchType, objs) -> int:
    """After the transaction commits: read each unread file's text in a Celery task."""
    pks = [obj.pk for obj in unread_files(stype, objs)]
    key = stype.key

    def enqueue():
        from search.tasks import extract_file_text

        for pk in pks:
            extract_file_text.delay(key, pk)

    if pks:
        transaction.on_commit(enqueue)
    return len(pks)


def extract_and_index(stype: SearchType, object_id: int) -> int:
    """Read the text inside the object's file, store it, re-index the object."""
    obj = stype.get_queryset().filter(pk=object_id).first()
    field_file = stype.file(obj) if obj is not None else None
    if not field_file:
        return 0
    try:
        with field_file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        data = b""
    text = extract_text(data, field_file.name)
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    with transaction.atomic():
        ExtractedText.objects.update_or_create(
            content_type=ct,
            object_id=obj.pk,
            defaults={"file_name": field_file.name, "text": text},
        )
        index_objects(stype, stype.get_queryset().filter(pk=obj.pk))
    return len(text)


def reindex(obj, *, deleting=None) -> None:
    """Re-index `obj` under every type of its model and re-sync the types that are its parts
    (`deleting`: a part being deleted in this transaction, not yet gone: left out)."""
    model = obj._meta.concrete_model
    for stype in types_for_model(model):
        index_objects(stype, stype.get_queryset().filter(pk=obj.pk))
        if not stype.get_queryset().filter(pk=obj.pk).exists():
            remove(stype.key, obj.pk)
        else:
            schedule_extraction(stype, [obj])
    for stype, field in _child_types(model):
        current = stype.get_queryset().filter(**{field: obj.pk})
        if deleting is not None and isinstance(deleting, stype.model_class):
            current = current.exclude(pk=deleting.pk)
        current = list(current)
        SearchEntry.objects.filter(type_key=stype.key, group=group_of(obj)).exclude(
            object_id__in=[c.pk for c in current]
        ).delete()
        index_objects(stype, current)
        schedule_extraction(stype, current)


def remove(type_key: str, object_id: int) -> None:
    SearchEntry.objects.filter(type_key=type_key, object_id=object_id).delete()


def remove_object(obj) -> None:
    """Drop every entry of `obj` and of its parts (at once, in the caller's transaction)."""
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    SearchEntry.objects.filter(content_type=ct, object_id=obj.pk).delete()
    ExtractedText.objects.filter(content_type=ct, object_id=obj.pk).delete()
    SearchEntry.objects.filter(group=group_of(obj)).delete()


def reindex_by_id(model, pk) -> None:
    """After a write outside the services (the admin): index what is there, drop what is gone."""
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        ct = ContentType.objects.get_for_model(model, for_concrete_model=True)
        SearchEntry.objects.filter(content_type=ct, object_id=pk).delete()
        ExtractedText.objects.filter(content_type=ct, object_id=pk).delete()
        SearchEntry.objects.filter(group=f"{model._meta.label_lower}:{pk}").delete()
        return
    if is_indexed_model(model):
        reindex(obj)
    else:
        for target in _fk_targets(obj):
            reindex(target)


def reindex_type(stype: SearchType, *, progress=None) -> int:
    """Index every object of a type, in batches; drop entries of vanished objects."""
    queryset = stype.get_queryset().order_by("pk")
    seen: list[int] = []
    written = 0
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        last = batch[-1].pk
        seen.extend(o.pk for o in batch)
        written += index_objects(stype, batch)
        if progress is not None:
            progress(len(batch))
    stale = SearchEntry.objects.filter(type_key=stype.key).exclude(object_id__in=seen)
    if len(seen) < 20000:
        stale.delete()
    else:  # large types: compare in Python instead of a huge NOT IN
        alive = set(seen)
        gone = [
            pk
            for pk in SearchEntry.objects.filter(type_key=stype.key).values_list(
                "object_id", flat=True
            )
            if pk not in alive
        ]
        for start in range(0, len(gone), BATCH):
            SearchEntry.objects.filter(
                type_key=stype.key, object_id__in=gone[start : start + BATCH]
            ).delete()
    return written


def _fk_targets(obj) -> list:
    """The indexed objects an unindexed object points at (a participation's project …)."""
    found = []
    for field in obj._meta.concrete_fields:
        if (
            field.is_relation
            and field.many_to_one
            and is_indexed_model(field.related_model)
            and getattr(obj, field.attname) is not None
        ):
            found.append(getattr(obj, field.name))
    return found


def _is_deletion_of(event, obj) -> bool:
    return event.is_deletion and event.entity.replace("_", "") == obj._meta.model_name


def handle_event(event) -> None:
    """Keep the index current after a service's write (called by SearchConfig.handle_event)."""
    obj = event.obj
    for stype in _types():
        if event.kind in stype.rebuild_on:
            key = stype.key

            def rebuild_later(key=key):
                from search.tasks import reindex_search_type

                reindex_search_type.delay(key)

            transaction.on_commit(rebuild_later)
    if not isinstance(obj, models.Model) or obj.pk is None:
        return
    targets = []
    if _is_deletion_of(event, obj):
        if is_indexed_model(obj.__class__):
            remove_object(obj)
        targets.extend(_fk_targets(obj) if not is_indexed_model(obj.__class__) else [])
    elif is_indexed_model(obj.__class__):
        targets.append(obj)
    else:
        targets.extend(_fk_targets(obj))
    targets.extend(
        v for v in event.data.values() if isinstance(v, models.Model) and v.pk is not None
    )
    seen = set()
    for target in targets:
        if not is_indexed_model(target.__class__):
            continue
        if _is_deletion_of(event, obj) and group_of(target) == group_of(obj):
            continue
        key = group_of(target)
        if key not in seen:
            seen.add(key)
            reindex(target, deleting=obj if _is_deletion_of(event, obj) else None)
