"""Issue 15 item 8: the English portal: translated Reifegrad labels, localized dates and times
(no German patterns, no "a.m.."), German user content marked lang="de"."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from lippe_ikz.dates import weekday_date
from tests.ozg.factories import OzgServiceFactory
from tests.projects.factories import ProjectFactory
from tests.workshops.factories import MeetingFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).parents[1] / "templates"


@pytest.fixture
def english_client(client, detmold_cdo):
    detmold_cdo.preferred_language = "en"
    detmold_cdo.save(update_fields=["preferred_language"])
    client.force_login(detmold_cdo)
    return client


def test_status_form_shows_english_reifegrad_labels(english_client, detmold):
    service = OzgServiceFactory()
    html = english_client.get(f"/ozg/leistungen/{service.ozg_id}/status/{detmold.slug}/")
    html = html.content.decode()
    assert "2 – Form assistant" in html
    assert "4 – Online transaction" in html
    assert "Formular-Assistent" not in html


def test_catalogue_filter_shows_english_reifegrad_labels(english_client):
    html = english_client.get("/ozg/").content.decode()
    assert "2 – Form assistant" in html
    assert "Formular-Assistent" not in html


def test_german_reifegrad_labels_stay_german(detmold_client):
    html = detmold_client.get("/ozg/").content.decode()
    assert "2 – Formular-Assistent" in html


def test_no_template_hard_codes_a_date_pattern():
    """Dates go through the locale's named formats (DATE_FORMAT, SHORT_DATE_FORMAT …)."""
    named = {"c", "U", "Y", "l", "D", "Y-m-d"}  # Y-m-d: machine-readable datetime=""
    offenders = []
    for path in TEMPLATES.rglob("*.*"):
        for fmt in re.findall(r"\|(?:date|time):[\"']([^\"']+)[\"']", path.read_text()):
            if not fmt.endswith("_FORMAT") and fmt not in named:
                offenders.append(f"{path.relative_to(TEMPLATES)}: {fmt}")
    assert offenders == []


def test_weekday_date_follows_the_language():
    value = timezone.make_aware(dt.datetime(2026, 3, 2, 14, 0))
    with translation.override("de"):
        assert weekday_date(value, with_time=True) == "Montag, 2. März 2026, 14:00"
    with translation.override("en"):
        assert weekday_date(value, with_time=True) == "Monday, March 2, 2026, 14:00"


@pytest.mark.parametrize("hour", [9, 12, 0])
def test_english_datetime_at_the_end_of_a_sentence_has_one_dot(hour):
    value = dt.datetime(2026, 3, 2, hour, 0)
    with translation.override("en"):
        sentence = f"Next: {date_format(value, 'DATETIME_FORMAT')}."
        time = date_format(value, "TIME_FORMAT")
    assert ".." not in sentence
    assert "a.m." not in sentence and "noon" not in sentence and "midnight" not in sentence
    assert time == f"{hour:02d}:00"


def test_english_pages_with_times_show_no_double_dot(english_client, detmold, detmold_cdo):
    meeting = MeetingFactory(host=detmold, start=timezone.now() + dt.timedelta(days=3))
    for url in ["/digest/einstellungen/", "/", meeting.get_absolute_url(), "/termine/",
                f"{meeting.get_absolute_url()}folgetermin/", "/profil/"]:  # fmt: skip
        html = english_client.get(url, follow=True).content.decode()
        assert "a.m.." not in html and "p.m.." not in html, url
        assert " Uhr" not in html, url


def test_english_meeting_page_dates_are_english(english_client, detmold):
    start = timezone.make_aware(dt.datetime(2031, 3, 3, 14, 0))
    meeting = MeetingFactory(host=detmold, start=start, end=start + dt.timedelta(hours=2))
    html = english_client.get(meeting.get_absolute_url()).content.decode()
    assert "Monday, March 3, 2031, 14:00–16:00" in html
    assert "März" not in html


def test_german_user_content_is_marked_lang_de_on_english_pages(english_client, detmold):
    project = ProjectFactory(lead=detmold, description="Gemeinsame **Digitalisierungsstrategie**")
    html = english_client.get(project.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert re.search(r'<div class="portal-markdown kern-body" lang="de"><p>Gemeinsame', html)


def test_english_privacy_policy_body_is_english_but_imprint_is_marked_german(english_client):
    from django.core.management import call_command

    call_command("load_reference_data", stdout=__import__("io").StringIO())
    html = english_client.get("/datenschutz/").content.decode()
    assert 'class="portal-markdown kern-body" lang="en"' in html
    html = english_client.get("/impressum/").content.decode()
    assert 'class="portal-markdown kern-body" lang="de"' in html
