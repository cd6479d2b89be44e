"""Issue 15 item 10: the dashboard's "To do" (action items, meeting replies, OZG upkeep, wishes
to support) and the user menu that reaches "Meine Maßnahmen" and the digest settings."""

import datetime as dt

import pytest
from django.utils import timezone

from ozg.models import ServiceStatus
from projects.models import Wish, WishVote
from tests.members.factories import MunicipalityFactory
from tests.ozg.factories import AssignmentFactory, OzgServiceFactory, ServiceStatusFactory
from tests.projects.factories import ProjectFactory, WishFactory
from tests.workshops.factories import AttendanceFactory, MeetingFactory
from workshops.models import Attendance, EventStatus

pytestmark = pytest.mark.django_db


def _todo(html: str) -> str:
    start = html.index('id="todo-heading"')
    return html[start : html.index("</section>\n\n", start)]


def test_meetings_without_my_answer_are_to_do(detmold_client, detmold_cdo, detmold):
    open_one = MeetingFactory(title="Netzwerktreffen offen", host=detmold)
    answered = MeetingFactory(title="Netzwerktreffen beantwortet", host=detmold)
    AttendanceFactory(meeting=answered, user=detmold_cdo, response=Attendance.Response.DECLINED)
    MeetingFactory(title="Netzwerktreffen abgesagt", host=detmold, status=EventStatus.CANCELLED)
    past = timezone.now() - dt.timedelta(days=3)
    MeetingFactory(title="Netzwerktreffen vorbei", start=past, end=past + dt.timedelta(hours=1))
    todo = _todo(detmold_client.get("/").content.decode())
    assert "Termine ohne Ihre Zu- oder Absage" in todo
    assert f'href="{open_one.get_absolute_url()}#attendance">Netzwerktreffen offen' in todo
    assert "Auf 1 Einladung haben Sie noch nicht geantwortet." in todo
    for hidden in ("beantwortet", "abgesagt", "vorbei"):
        assert f"Netzwerktreffen {hidden}" not in todo


def test_ozg_upkeep_lists_stale_statuses_and_led_services_without_status(
    detmold_client, detmold, lemgo
):
    led = OzgServiceFactory(name="Leistung ohne Stand")
    AssignmentFactory(lead=detmold, service=led)
    other = OzgServiceFactory(name="Leistung von Lemgo")
    AssignmentFactory(lead=lemgo, service=other)
    stale = ServiceStatusFactory(municipality=detmold, service=OzgServiceFactory(name="Alt"))
    done = ServiceStatusFactory(municipality=detmold, maturity=4,
                                service=OzgServiceFactory(name="Fertig"))  # fmt: skip
    ServiceStatusFactory(municipality=detmold, service=OzgServiceFactory(name="Frisch"))
    long_ago = timezone.now() - dt.timedelta(days=400)
    ServiceStatus.objects.filter(pk__in=[stale.pk, done.pk]).update(updated_at=long_ago)
    todo = _todo(detmold_client.get("/").content.decode())
    assert f"/ozg/leistungen/{led.ozg_id}/status/detmold/" in todo
    assert "Leistung ohne Stand" in todo
    assert f"/ozg/leistungen/{stale.service.ozg_id}/status/detmold/" in todo
    assert "1 Stand seit mehr als 180 Tagen nicht geändert" in todo
    for hidden in ("Leistung von Lemgo", "Fertig", "Frisch"):
        assert hidden not in todo
    assert 'href="/ozg/kommunen/detmold/"' in todo


def test_led_service_with_own_status_is_not_to_do(detmold_client, detmold):
    led = OzgServiceFactory(name="Leistung mit Stand")
    AssignmentFactory(lead=detmold, service=led)
    ServiceStatusFactory(municipality=detmold, service=led)
    assert "Leistung mit Stand" not in _todo(detmold_client.get("/").content.decode())


def test_wishes_my_kommune_does_not_support_yet(detmold_client, detmold, lemgo):
    project = ProjectFactory(lead=lemgo)
    wanted = WishFactory(project=project, municipality=lemgo, title="Wunsch offen")
    voted = WishFactory(project=project, municipality=lemgo, title="Wunsch unterstützt")
    WishVote.objects.create(wish=voted, municipality=detmold)
    WishFactory(project=project, municipality=detmold, title="Wunsch eigener")
    WishFactory(project=project, municipality=lemgo, title="Wunsch erledigt",
                status=Wish.Status.DONE)  # fmt: skip
    todo = _todo(detmold_client.get("/").content.decode())
    assert f'{project.get_absolute_url()}#wunsch-{wanted.pk}"' in todo
    for hidden in ("unterstützt", "eigener", "erledigt"):
        assert f"Wunsch {hidden}" not in todo


def test_person_without_kommune_gets_no_kommune_to_dos(client, reference_data):
    from tests.members.factories import UserFactory

    client.force_login(UserFactory())
    todo = _todo(client.get("/").content.decode())
    assert "Sie pflegen für keine Kommune OZG-Stände." in todo
    assert "Kein offener Wunsch" in todo


def _populate(size: int, *, detmold, lemgo, user) -> None:
    project = ProjectFactory(lead=lemgo)
    for _n in range(size):
        MeetingFactory(host=lemgo)
        AttendanceFactory(meeting=MeetingFactory(host=lemgo), user=user)
        service = OzgServiceFactory()
        AssignmentFactory(lead=detmold, service=service)
        status = ServiceStatusFactory(municipality=detmold, service=OzgServiceFactory())
        ServiceStatus.objects.filter(pk=status.pk).update(
            updated_at=timezone.now() - dt.timedelta(days=400)
        )
        WishFactory(project=project, municipality=MunicipalityFactory())


@pytest.mark.parametrize("size", [2, 12])
def test_dashboard_queries_do_not_grow_with_to_dos(
    detmold_client, detmold, lemgo, detmold_cdo, size, django_assert_max_num_queries
):
    _populate(size, detmold=detmold, lemgo=lemgo, user=detmold_cdo)
    # The base page and the other panels, plus at most two queries per to-do kind (the
    # first rows, and their number once there are more than shown), whatever the rows.
    # + notifications (bell, "Neu seit Ihrem letzten Besuch") and discussions (open questions)
    with django_assert_max_num_queries(30):
        html = detmold_client.get("/").content.decode()
    todo = _todo(html)
    assert todo.count("/status/detmold/") == min(size, 5) * 2  # five of each kind at most
    if size > 5:
        assert f"Auf {size} Einladungen haben Sie noch nicht geantwortet." in todo


@pytest.mark.parametrize("path", ["/", "/projekte/", "/ozg/", "/kommunen/detmold/"])
def test_user_menu_reaches_my_action_items_and_digest_settings(detmold_client, reference_data,
                                                              path):  # fmt: skip
    html = detmold_client.get(path).content.decode()
    menu = html[html.index('class="portal-usermenu"') : html.index("</details>")]
    assert 'href="/workshops/massnahmen/">Meine Maßnahmen</a>' in menu
    assert 'href="/digest/einstellungen/">Einstellungen zur Wochenübersicht</a>' in menu
    assert 'href="/profil/"' in menu
    assert '<nav class="portal-usermenu__panel" aria-label="Meine Seiten">' in menu


def test_user_menu_marks_the_current_page(detmold_client, reference_data):
    html = detmold_client.get("/workshops/massnahmen/").content.decode()
    assert 'href="/workshops/massnahmen/" aria-current="page">Meine Maßnahmen' in html
