"""Demo content for `manage.py seed_demo`: the network's story and a few knowledge articles
from its history. Idempotent: rows are found by title, so a second run creates nothing twice.
Invented details (demo checklists, talks) are marked `is_demo`."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from knowledge import services
from knowledge.models import Adoption, Article, Expertise, StoryEntry, Talk
from members.models import Municipality, User

S = StoryEntry.Section

# section, order, when, title, body, public, demo
STORY = [
    (
        S.HISTORY,
        10,
        "2019",
        "Die CDOs finden sich",
        "Die Digitalisierungsbeauftragten der Städte und Gemeinden und des Kreises Lippe "
        "beginnen, sich regelmäßig auf Arbeitsebene auszutauschen.",
        True,
        True,
    ),
    (
        S.HISTORY,
        20,
        "2020–2021",
        "Der digitale rote Faden",
        "Mit DETECON und gefördert vom Land NRW entsteht eine gemeinsame "
        "Digitalisierungsstrategie für den Kreis und alle 16 Städte und Gemeinden.",
        True,
        False,
    ),
    (
        S.HISTORY,
        30,
        "April 2021",
        "Workshop mit Stadt.Land.Digital",
        "14 Kommunen arbeiten an den Schwerpunkten Wissensmanagement und interkommunale "
        "Kooperation.",
        True,
        False,
    ),
    (
        S.HISTORY,
        40,
        "2021",
        "Top 3 im eGovernment-Wettbewerb",
        "Das Netzwerk erreicht einen Platz unter den Top 3 in der Kategorie „Bestes "
        "Kooperationsprojekt 2021“.",
        True,
        False,
    ),
    (
        S.METHOD,
        10,
        "",
        "Auftakt auf Arbeitsebene",
        "Die Zusammenarbeit beginnt bei den Menschen, die die Arbeit machen.",
        True,
        False,
    ),
    (
        S.METHOD,
        20,
        "",
        "Anknüpfungspunkte und Gemeinsamkeiten",
        "Welche Aufgaben haben alle? Wo lohnt es sich, sie gemeinsam anzugehen?",
        True,
        False,
    ),
    (
        S.METHOD,
        30,
        "",
        "Regelmäßiger Austausch und Strukturen",
        "Feste Netzwerktreffen, Jours fixes und ein gemeinsamer Ort für Wissen.",
        True,
        False,
    ),
    (
        S.METHOD,
        40,
        "",
        "Ressourcen bündeln und teilen",
        "Gemeinsame Beschaffung, geteilte Lösungen, aufgeteilte OZG-Leistungen.",
        True,
        False,
    ),
    (
        S.SUCCESS,
        10,
        "2021",
        "Der digitale rote Faden",
        "Eine Digitalisierungsstrategie, in allen Räten beschlossen.",
        True,
        False,
    ),
    (
        S.SUCCESS,
        20,
        "2021",
        "Top 3 „Bestes Kooperationsprojekt 2021“",
        "Platz unter den Top 3 im eGovernment-Wettbewerb. Die Jury hob den Wissenstransfer "
        "zwischen den Kommunen hervor.",
        True,
        False,
    ),
    (
        S.SUCCESS,
        30,
        "",
        "Gemeinsame technische Basis",
        "Ein einheitliches Bürgerserviceportal für die beteiligten Kommunen.",
        True,
        False,
    ),
    (
        S.SUCCESS,
        40,
        "",
        "OZG als gemeinsame Aufgabe",
        "Die Kommunen teilen die OZG-Leistungen untereinander auf: „Wir machen uns OZG-ready“.",
        True,
        False,
    ),
    (
        S.SUCCESS,
        50,
        "",
        "Workshops zum Wissensaufbau",
        "Workshops, in denen die Kommunen voneinander lernen.",
        True,
        False,
    ),
    (
        S.LESSON,
        10,
        "",
        "Der Erfolg steht und fällt mit den Personen!",
        "Verlässliche Ansprechpersonen in jeder Kommune tragen das Netzwerk.",
        True,
        False,
    ),
    (
        S.LESSON,
        20,
        "",
        "Einfach machen!",
        "Nicht auf die perfekte Struktur warten: anfangen, ausprobieren, nachbessern.",
        True,
        False,
    ),
    (
        S.OUTLOOK,
        10,
        "",
        "Impulsgeber für Kommunen in OWL, NRW und darüber hinaus",
        "Das Netzwerk teilt seine Erfahrungen mit anderen Kommunen und Netzwerken.",
        True,
        False,
    ),
    (
        S.OUTLOOK,
        20,
        "",
        "Interne Notiz: nächste Schritte",
        "Nur für Mitglieder sichtbar (Demo): Themen für das nächste Netzwerktreffen sammeln.",
        False,
        True,
    ),
]

E_AKTE_ITEMS = [
    "Projektverantwortung und Projektteam benennen",
    "Ist-Analyse der Aktenablage und Posteingänge",
    "Aktenplan festlegen (z. B. auf Basis des KGSt-Aktenplans)",
    "Dienstanweisung zur elektronischen Aktenführung erarbeiten",
    "Personalrat und Datenschutz beteiligen",
    "Pilotbereich auswählen und schulen",
    "Scanprozess (ersetzendes Scannen) regeln",
    "Rollout-Plan für alle Fachbereiche abstimmen",
]


EFA_ITEMS = [
    "Leistung und Anbieter im Marktplatz der EfA-Leistungen prüfen",
    "Zuständigkeit und Fachverfahren in der Kommune klären",
    "Anbindung beim kommunalen IT-Dienstleister beauftragen",
    "Gebühren und E-Payment einrichten",
    "Leistung im Zuständigkeitsfinder freischalten",
    "Mitarbeitende schulen und die Leistung bekannt machen",
]


def demo_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _user(slug: str) -> User | None:
    return User.objects.filter(email=f"cdo.{slug}@example.org").first()


@transaction.atomic
def seed_knowledge(*, stdout) -> None:
    from ozg.models import OzgService
    from projects.models import Topic
    from workshops.models import Workshop

    created = 0
    for section, order, when, title, body, public, demo in STORY:
        _obj, was_created = StoryEntry.objects.get_or_create(
            section=section,
            title=title,
            defaults={
                "order": order,
                "when": when,
                "body": body,
                "is_public": public,
                "is_demo": demo,
            },
        )
        created += was_created
    if not Talk.objects.exists():
        Talk.objects.create(
            title="Interkommunale Zusammenarbeit in Lippe: das CDO-Netzwerk",
            date=dt.date(2022, 5, 12),
            event="Fachtagung Digitale Verwaltung (Demo)",
            place="Bielefeld",
            speakers="CDOs des Kreises Lippe (Demo)",
            is_public=True,
            is_demo=True,
        )
        created += 1
    kommunen = {m.slug: m for m in Municipality.objects.all()}
    admin = User.objects.filter(email="admin@example.org").first()
    lemgo_cdo, lage_cdo, kreis = _user("lemgo"), _user("lage"), _user("kreis-lippe")
    if not (admin and lemgo_cdo and lage_cdo and kreis and kommunen):
        stdout.write(f"Knowledge: {created} story entries; no demo people, no articles.")
        return
    topics = {t.name: t for t in Topic.objects.all()}
    articles = [
        {
            "kind": Article.Kind.CHECKLIST,
            "title": "Einführung E-Akte",
            "summary": "Die Schritte zur Einführung der elektronischen Akte, aus den "
            "Erfahrungen der Kommunen im Netzwerk (Demo).",
            "body": "Diese Checkliste sammelt, was die Kommunen bei der Einführung der E-Akte "
            "gelernt haben. Übernehmen Sie sie für Ihre Kommune und haken Sie die Punkte ab.",
            "municipality": kommunen["lage"],
            "owner": lage_cdo,
            "topics": ["Wissensmanagement"],
            "items": E_AKTE_ITEMS,
            "workshop": "E-Akte",
        },
        {
            "kind": Article.Kind.CHECKLIST,
            "title": "OZG-Leistung nachnutzen (EfA)",
            "summary": "Schritt für Schritt eine Einer-für-Alle-Leistung in der eigenen Kommune "
            "online bringen (Demo).",
            "body": "Aus den Erfahrungen der Kommunen, die Leistungen wie das Wohngeld schon "
            "nachnutzen. Übernehmen Sie die Checkliste für Ihre Kommune; offene Punkte werden "
            "zu Maßnahmen mit Verantwortlichen und Termin.",
            "municipality": kommunen["detmold"],
            "owner": _user("detmold") or admin,
            "topics": ["OZG"],
            "items": EFA_ITEMS,
            "service_names": ["Wohngeld"],
        },
        {
            "kind": Article.Kind.TEMPLATE,
            "title": "Muster: öffentlich-rechtliche Vereinbarung zur IKZ",
            "summary": "Ein Muster für eine öffentlich-rechtliche Vereinbarung (Zweckvereinbarung) "
            "zwischen Kommunen, z. B. für eine gemeinsame Beschaffung (Demo).",
            "body": "## Aufbau\n1. Gegenstand der Vereinbarung\n2. Aufgaben der Beteiligten\n"
            "3. Kostenverteilung (z. B. nach Einwohnerzahl)\n4. Laufzeit und Kündigung\n\n"
            "Das Muster ist vor der Verwendung rechtlich zu prüfen.",
            "municipality": kommunen["kreis-lippe"],
            "owner": kreis,
            "topics": ["Beschaffung"],
        },
        {
            "kind": Article.Kind.FAQ,
            "title": "FAQ: OZG-Nachnutzung",
            "summary": "Häufige Fragen zur Nachnutzung von OZG-Leistungen (Einer für Alle) in "
            "den Kommunen.",
            "body": "### Was bedeutet Nachnutzung?\nEine Kommune nutzt eine Online-Leistung, die "
            "ein anderes Land oder eine andere Kommune entwickelt hat, statt sie selbst zu "
            "bauen.\n\n### Wer kümmert sich im Netzwerk?\nDie Federführung je Leistung steht "
            "in der OZG-Übersicht des Portals.\n\n### Wo stehen die anderen Kommunen?\nIn der "
            "OZG-Matrix: je Leistung und Kommune der Stand.",
            "municipality": kommunen["lemgo"],
            "owner": lemgo_cdo,
            "topics": ["OZG"],
            "services": 3,
        },
        {
            "kind": Article.Kind.LESSONS,
            "title": "Lessons Learned aus dem CDO-Netzwerk",
            "summary": "Was das Netzwerk gelernt hat: Der Erfolg steht und fällt mit den "
            "Personen! Einfach machen!",
            "body": "- **Der Erfolg steht und fällt mit den Personen!**\n- **Einfach machen!**\n"
            "- Auf Arbeitsebene anfangen, Gemeinsamkeiten finden, regelmäßig treffen.",
            "municipality": kommunen["kreis-lippe"],
            "owner": kreis,
            "topics": ["Strategie"],
            "workshop": "Stadt.Land.Digital",
        },
    ]
    for spec in articles:
        if Article.objects.filter(title=spec["title"]).exists():
            continue
        workshop = None
        if spec.get("workshop"):
            workshop = Workshop.objects.filter(title__icontains=spec["workshop"]).first()
        services_qs = list(OzgService.objects.order_by("ozg_id")[: spec.get("services", 0)])
        services_qs += list(OzgService.objects.filter(name__in=spec.get("service_names", [])))
        article = services.article_create(
            actor=admin,
            data={
                k: spec[k] for k in ("kind", "title", "summary", "body", "municipality", "owner")
            },
            m2m={
                "topics": [topics[n] for n in spec["topics"] if n in topics],
                "workshops": [workshop] if workshop else [],
                "services": services_qs,
            },
            items=spec.get("items"),
            note="Demo",
            publish=True,
        )
        article.is_demo = "(Demo)" in spec["summary"]
        article.save(update_fields=["is_demo"])
        created += 1
    created += _history_versions_and_review(
        admin=admin, owner=lemgo_cdo, kreis=kreis, kommunen=kommunen
    )
    checklist = Article.objects.filter(title="Einführung E-Akte").first()
    if checklist and not Adoption.objects.filter(article=checklist).exists():
        adoption = services.adoption_create(
            actor=lage_cdo, article=checklist, municipality=kommunen["lage"]
        )
        for item in list(checklist.items.all())[:3]:
            services.adoption_item_set_done(actor=lage_cdo, adoption=adoption, item=item, done=True)
    for person, label, topic in [
        (lage_cdo, "E-Akte eingeführt 2023", "Wissensmanagement"),
        (lemgo_cdo, "OZG-Nachnutzung (EfA)", "OZG"),
        (kreis, "Vergabe", "Beschaffung"),
        (_user("augustdorf"), "Ratsinformationssystem", None),
    ]:
        if person is not None:
            _e, was_created = Expertise.objects.get_or_create(
                user=person, label=label, defaults={"topic": topics.get(topic)}
            )
            created += was_created
    stdout.write(f"Knowledge: {created} demo records created.")


def _history_versions_and_review(*, admin, owner, kreis, kommunen) -> int:
    """What makes the pages worth trying: a second revision of the FAQ to compare, its
    review overdue (its owner's dashboard and digest remind them), and two versions of the
    model agreement with one Kommune still on the older one ("neuere Version verfügbar")."""
    created = 0
    faq = Article.objects.filter(title="FAQ: OZG-Nachnutzung").first()
    if faq is not None and faq.revision_number == 1:
        services.article_update(
            actor=owner,
            article=faq,
            base_revision=1,
            data={
                "body": faq.body + "\n\n### Was kostet die Nachnutzung?\nMeist nur den Betrieb "
                "beim IT-Dienstleister und die Anbindung des Fachverfahrens (Demo)."
            },
            note="Frage zu den Kosten ergänzt (Demo)",
        )
        Article.objects.filter(pk=faq.pk).update(
            last_reviewed_at=timezone.localdate() - dt.timedelta(days=400)
        )
        created += 1
    template = Article.objects.filter(title="Muster: öffentlich-rechtliche Vereinbarung zur IKZ")
    template = template.first()
    if template is not None and not template.files.exists():
        versions = [
            services.article_file_add(
                actor=kreis,
                article=template,
                title="Muster öffentlich-rechtliche Vereinbarung",
                uploaded_file=SimpleUploadedFile(
                    f"muster-oerv-{year}.pdf",
                    demo_pdf(f"Muster oeffentlich-rechtliche Vereinbarung, Fassung {year} (Demo)"),
                    content_type="application/pdf",
                ),
                note=note,
            )
            for year, note in (
                (2022, "Erste Fassung (Demo)"),
                (2024, "Kostenverteilung nach Einwohnerzahl präzisiert (Demo)"),
            )
        ]
        for slug, version in (("detmold", versions[0]), ("lemgo", versions[1])):
            if slug in kommunen:
                services.template_usage_set(
                    actor=admin, article=template, municipality=kommunen[slug], file=version
                )
        created += len(versions)
    return created
