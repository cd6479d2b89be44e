import io

import pytest
from django.core.management import call_command


@pytest.fixture
def rebuild():
    """Rebuild the whole index (what `manage.py rebuild_search_index` does)."""

    def run():
        call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())

    return run


def titles(response) -> list[str]:
    import re

    page = response.context["search"]
    return [re.sub(r"<[^>]+>", "", r.title) for r in page.results]
