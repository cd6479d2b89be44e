"""The agenda editor: add, move and remove rows without JavaScript; nothing is saved until
"Save"; with htmx only the fieldset is swapped."""

import pytest

from tests.workshops.factories import MeetingFactory
from workshops.forms import AGENDA_MAX_ROWS, agenda_apply
from workshops.models import Meeting

pytestmark = pytest.mark.django_db


def rows(*titles):
    return [{"title": t, "presenter": "", "duration_minutes": ""} for t in titles]


@pytest.mark.parametrize(
    ("action", "expected", "focus"),
    [
        ("add", ["A", "B", "C", ""], 3),
        ("up-1", ["B", "A", "C"], 0),
        ("down-1", ["A", "C", "B"], 2),
        ("remove-0", ["B", "C"], 0),
        ("remove-2", ["A", "B"], 1),
        ("up-0", ["A", "B", "C"], None),  # the first row cannot move up
        ("down-2", ["A", "B", "C"], None),
        ("remove-9", ["A", "B", "C"], None),
        ("explode", ["A", "B", "C"], None),
    ],
)
def test_agenda_apply(action, expected, focus):
    result, row, _message = agenda_apply(rows("A", "B", "C"), action)
    assert [r["title"] for r in result] == expected
    assert row == focus


def test_removing_the_last_row_leaves_an_empty_one():
    result, _row, _message = agenda_apply(rows("A"), "remove-0")
    assert [r["title"] for r in result] == [""]


def test_no_row_beyond_the_maximum():
    full = rows(*[str(i) for i in range(AGENDA_MAX_ROWS)])
    assert len(agenda_apply(full, "add")[0]) == AGENDA_MAX_ROWS


@pytest.fixture
def agenda_meeting(detmold):
    meeting = MeetingFactory(host=detmold, title="Jour fixe")
    for i, title in enumerate(["Begrüßung", "OZG", "Verschiedenes"], start=1):
        meeting.agenda_items.create(position=i, title=title, presenter="Dana")
    return meeting


def post_data(meeting, titles, **extra):
    data = {
        "kind": "network", "title": "Jour fixe (neu)", "host": meeting.host_id,
        "start": "2030-05-01T14:00", "end": "2030-05-01T16:00",
        "agenda-TOTAL_FORMS": str(len(titles)), "agenda-INITIAL_FORMS": str(len(titles)),
    }  # fmt: skip
    for i, title in enumerate(titles):
        data[f"agenda-{i}-title"] = title
        data[f"agenda-{i}-presenter"] = f"P{i}" if title else ""
    data.update(extra)
    return data


def test_edit_page_shows_rows_and_one_empty(detmold_client, agenda_meeting):
    page = detmold_client.get(f"/termine/{agenda_meeting.pk}/bearbeiten/").content.decode()
    assert 'name="agenda-TOTAL_FORMS" value="4"' in page
    assert 'value="down-0"' in page and 'value="up-0"' not in page
    assert 'value="add"' in page


def test_move_up_rerenders_without_saving(detmold_client, agenda_meeting):
    url = f"/termine/{agenda_meeting.pk}/bearbeiten/"
    data = post_data(agenda_meeting, ["Begrüßung", "OZG", "Verschiedenes"], agenda_action="up-2")
    response = detmold_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    # Row order changed on the page, typed values kept, the new title still in the form…
    assert page.index('value="Verschiedenes"') < page.index('value="OZG"')
    assert 'value="P2"' in page and 'value="Jour fixe (neu)"' in page
    assert "TOP 3 wurde auf Position 2 nach oben verschoben." in page
    # …and nothing saved yet.
    agenda_meeting.refresh_from_db()
    assert agenda_meeting.title == "Jour fixe"
    assert [a.title for a in agenda_meeting.agenda_items.all()] == [
        "Begrüßung", "OZG", "Verschiedenes"
    ]  # fmt: skip


def test_add_and_remove_then_save(detmold_client, agenda_meeting):
    url = f"/termine/{agenda_meeting.pk}/bearbeiten/"
    data = post_data(agenda_meeting, ["Begrüßung", "OZG"], agenda_action="add")
    page = detmold_client.post(url, data).content.decode()
    assert 'name="agenda-TOTAL_FORMS" value="3"' in page
    assert 'id="id_agenda-2-title"' in page and "autofocus" in page
    data = post_data(agenda_meeting, ["Begrüßung", "OZG", "Neu"], agenda_action="remove-0")
    page = detmold_client.post(url, data).content.decode()
    assert 'value="Begrüßung"' not in page
    # Save: the order on the page is the order stored.
    response = detmold_client.post(url, post_data(agenda_meeting, ["Neu", "OZG", ""]))
    assert response.status_code == 302
    assert [(a.position, a.title) for a in agenda_meeting.agenda_items.all()] == [
        (1, "Neu"), (2, "OZG")
    ]  # fmt: skip


def test_new_meeting_agenda_buttons_do_not_create_it(detmold_client, detmold):
    data = post_data(MeetingFactory.build(host=detmold), ["Begrüßung"], agenda_action="add")
    response = detmold_client.post("/termine/neu/", data)
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    detmold_client.post("/termine/neu/", post_data(MeetingFactory.build(host=detmold), ["A", "B"]))
    assert [a.title for a in Meeting.objects.get().agenda_items.all()] == ["A", "B"]


def test_presenter_without_topic_is_an_error(detmold_client, agenda_meeting):
    url = f"/termine/{agenda_meeting.pk}/bearbeiten/"
    data = post_data(agenda_meeting, ["Begrüßung", ""], **{"agenda-1-presenter": "Dana"})
    response = detmold_client.post(url, data)
    assert response.status_code == 200
    assert "Geben Sie dem Punkt ein Thema oder entfernen Sie die Zeile." in (
        response.content.decode()
    )
    assert Meeting.objects.get().title == "Jour fixe"


def test_htmx_request_gets_the_page_for_hx_select(detmold_client, agenda_meeting):
    url = f"/termine/{agenda_meeting.pk}/bearbeiten/"
    data = post_data(agenda_meeting, ["A", "B"], agenda_action="down-0")
    response = detmold_client.post(url, data, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="agenda"' in page and 'id="agenda-status"' in page
    assert page.index('value="B"') < page.index('value="A"')


def test_other_kommune_cannot_use_the_agenda_buttons(client, member, agenda_meeting):
    client.force_login(member)
    url = f"/termine/{agenda_meeting.pk}/bearbeiten/"
    response = client.post(url, post_data(agenda_meeting, ["A"], agenda_action="add"))
    assert response.status_code == 403
