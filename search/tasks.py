from celery import shared_task


@shared_task(acks_late=True)
def reindex_search_type(type_key: str) -> int:
    """Re-index every object of one search type (after bulk writes such as a catalogue import)."""
    from search.indexing import reindex_type, type_by_key

    stype = type_by_key(type_key)
    return reindex_type(stype) if stype else 0


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def extract_file_text(type_key: str, object_id: int) -> int:
    """Read the text inside an object's uploaded file and re-index the object (safe to run
    twice: the text is stored once per object and file). Returns the number of characters."""
    from search.indexing import extract_and_index, type_by_key

    stype = type_by_key(type_key)
    return extract_and_index(stype, object_id) if stype and stype.file else 0
