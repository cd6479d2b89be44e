"""Writes in the Django admin bypass the services and publish no events. Every admin add,
change and delete writes a LogEntry, though: when one is saved for a model the search
indexes (or a part of one, e.g. a LeiKa row of an OZG service), the object is re-synced
right after the admin's transaction commits (indexed if it exists, removed if it is gone)."""

from django.db import transaction
from django.db.models.signals import post_save


def _on_log_entry(sender, instance, created, **kwargs):
    if not created or not instance.content_type_id or not instance.object_id:
        return
    model = instance.content_type.model_class()
    if model is None:
        return
    from search.indexing import is_indexed_model, reindex_by_id

    if not is_indexed_model(model) and not any(
        f.is_relation and f.many_to_one and is_indexed_model(f.related_model)
        for f in model._meta.concrete_fields
    ):
        return
    try:
        pk = model._meta.pk.to_python(instance.object_id)
    except Exception:  # noqa: BLE001 – an odd primary key is simply not indexed
        return
    transaction.on_commit(lambda: reindex_by_id(model, pk))


def connect() -> None:
    from django.contrib.admin.models import LogEntry

    post_save.connect(_on_log_entry, sender=LogEntry, dispatch_uid="search_admin_log_entry")
