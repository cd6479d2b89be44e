import datetime as dt

import factory
from django.utils import timezone

from tests.members.factories import MunicipalityFactory, UserFactory
from workshops.models import ActionItem, Attendance, Meeting, Workshop, WorkshopSession


def in_days(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    goal = "Gemeinsam lernen."
    organiser = factory.SubFactory(MunicipalityFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopSession

    workshop = factory.SubFactory(WorkshopFactory)
    title = factory.Sequence(lambda n: f"Teil {n}")
    start = factory.LazyFunction(lambda: in_days(14, 9))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=3))
    location = "Kreishaus Detmold"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Netzwerktreffen {n}")
    host = factory.SubFactory(MunicipalityFactory)
    start = factory.LazyFunction(lambda: in_days(7, 14))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    location = "Rathaus"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    response = Attendance.Response.ACCEPTED


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    meeting = factory.SubFactory(MeetingFactory)
    responsible_municipality = factory.SubFactory(MunicipalityFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
