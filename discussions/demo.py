"""Demo threads (called by `manage.py seed_demo` after the content apps; idempotent).

Written through the services, so mentions and events work as in real use; then dated back so
that the dashboard's "open questions" panel has something to show."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from discussions import services
from discussions.models import Post
from members.models import User


def _cdo(slug: str) -> User | None:
    return User.objects.filter(email=f"cdo.{slug}@example.org").first()


def _backdate(post: Post, days: int) -> None:
    Post.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days), is_demo=True
    )


@transaction.atomic
def seed_discussions(*, stdout) -> None:
    from projects.models import Project
    from workshops.models import Meeting

    if Post.objects.filter(is_demo=True).exists():
        stdout.write("discussions: demo threads already there")
        return
    lemgo, salzuflen, detmold, lage, blomberg = (
        _cdo(s) for s in ("lemgo", "bad-salzuflen", "detmold", "lage", "blomberg")
    )
    portal = Project.objects.filter(title="Einheitliches Bürgerserviceportal").first()
    eakte = Meeting.objects.filter(title__contains="E-Akte").first()
    if None in (lemgo, salzuflen, detmold, lage, blomberg) or portal is None or eakte is None:
        stdout.write("discussions: demo people, project or meeting missing; nothing seeded")
        return

    question = services.post_create(
        author=lemgo,
        target=portal,
        is_question=True,
        body=(
            f"Frage an !Bad Salzuflen zum Pilot: Wie lange hat die Anbindung der ersten "
            f"Online-Dienste an das Bürgerserviceportal gedauert, und wer hat die Formulare "
            f"angepasst? @{salzuflen.full_name}, habt ihr dafür einen Zeitplan, den wir "
            f"nachnutzen können?"
        ),
    )
    _backdate(question, 20)
    answer = services.reply_create(
        author=salzuflen,
        parent=question,
        body=(
            "Für die ersten fünf Dienste haben wir rund drei Monate gebraucht. Die Formulare "
            "hat regio.IT angepasst, wir haben die Texte geliefert. Unser Zeitplan:\n\n"
            "1. Dienste auswählen (2 Wochen)\n2. Texte und Gebühren klären (4 Wochen)\n"
            "3. Test mit Bürgerinnen und Bürgern (4 Wochen)\n4. Freischaltung\n\n"
            "Den Plan stellen wir gern in den Projektdokumenten bereit."
        ),
    )
    _backdate(answer, 18)
    services.answer_mark(actor=salzuflen, reply=answer)
    thanks = services.reply_create(
        author=lemgo, parent=question, body="Danke, das hilft uns sehr für unsere Planung!"
    )
    _backdate(thanks, 17)

    open_question = services.post_create(
        author=blomberg,
        target=portal,
        is_question=True,
        body=(
            "Gibt es schon einen Termin, ab wann die übrigen Kommunen die Bezahlfunktion "
            "des Portals nutzen können? !Bad Salzuflen"
        ),
    )
    _backdate(open_question, 9)

    agenda = services.post_create(
        author=detmold,
        target=eakte,
        body=(
            f"Vorschlag für die Tagesordnung: Erfahrungen mit der Migration der Altakten. "
            f"@{lage.full_name}, könnt ihr kurz berichten, wie ihr die Scans organisiert habt?"
        ),
    )
    _backdate(agenda, 6)
    reply = services.reply_create(
        author=lage,
        parent=agenda,
        body=(
            "Gern, wir bringen zehn Minuten zu unserem Scan-Dienstleister und den "
            "Aufbewahrungsfristen mit. Interessant wäre auch, wie !Lemgo die Aktenpläne "
            "abgestimmt hat."
        ),
    )
    _backdate(reply, 5)
    stdout.write("discussions: 6 demo posts in 3 threads")
