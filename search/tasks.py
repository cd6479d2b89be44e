from celery import shared_task


@shared_task(acks_late=True)
def reindex_search_type(type_key: str) -> int:
    """Re-index every object of one search type (after bulk writes such as a catalogue import)."""
    from search.indexing import reindex_type, type_by_key

    stype = type_by_key(type_key)
    return reindex_type(stype) if stype else 0
