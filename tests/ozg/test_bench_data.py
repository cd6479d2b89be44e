import io

import pytest
from django.core.management import CommandError, call_command

from ozg.models import OzgService, ServiceStatus

pytestmark = pytest.mark.django_db


def test_generate_bench_data_needs_confirmation_and_fills_every_cell(catalogue):
    with pytest.raises(CommandError, match="scratch database"):
        call_command("generate_bench_data", "--kommunen", "19")
    assert not ServiceStatus.objects.exists()
    out = io.StringIO()
    call_command("generate_bench_data", "--kommunen", "19", "--yes", stdout=out)
    assert ServiceStatus.objects.count() == 19 * OzgService.objects.count()
    call_command("generate_bench_data", "--kommunen", "19", "--yes", stdout=out)  # idempotent
    assert ServiceStatus.objects.count() == 19 * 557
