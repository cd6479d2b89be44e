"""The digest names contracts of my Kommune whose notice date is near."""

import datetime as dt

import pytest

from digests import services
from landscape.selectors import notice_dates_near
from tests.digests.conftest import berlin
from tests.landscape.factories import UsageFactory

pytestmark = pytest.mark.django_db

NOW = berlin(2026, 12, 7, 7, 0)


def test_notice_dates_near_only_within_the_days(lemgo, detmold, ris, dms, other_ris):
    soon = UsageFactory(
        municipality=lemgo, product=ris, contract_end=dt.date(2027, 6, 30), notice_months=6
    )  # notice by 30.12.2026
    UsageFactory(municipality=lemgo, product=dms, contract_end=dt.date(2029, 6, 30))
    UsageFactory(municipality=detmold, product=ris, contract_end=dt.date(2027, 6, 30))
    assert notice_dates_near({lemgo.pk}, on=dt.date(2026, 12, 7), days=120) == [soon]


def test_digest_section_for_the_kommunes_people(lemgo, lemgo_cdo, detmold_cdo, ris):
    UsageFactory(
        municipality=lemgo, product=ris, contract_end=dt.date(2027, 6, 30), notice_months=6
    )
    digest = services.compose_digest(person=lemgo_cdo, until=NOW)
    [(section, items)] = [(s, i) for s, i in digest.sections if s.key == "landscape_notices"]
    assert items[0].title == "Gremienwerk RIS (Lemgo)"
    assert "30.12.2026" in items[0].meta and items[0].url.endswith("/software/beschaffung/")
    other = services.compose_digest(person=detmold_cdo, until=NOW)
    assert "landscape_notices" not in [s.key for s, _i in other.sections]
