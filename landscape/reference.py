"""The software categories every Kommune needs (`manage.py load_reference_data`).

Idempotent: existing categories keep their (possibly admin-edited) names; missing ones are
added. Admins add more in the administration.
"""

from landscape.models import Category

CATEGORIES = [
    ("ratsinformationssystem", "Ratsinformationssystem"),
    ("e-akte-dms", "E-Akte/DMS"),
    ("finanzwesen", "Finanzwesen"),
    ("personalwesen", "Personalwesen"),
    ("einwohnerwesen", "Einwohnerwesen"),
    ("buergerserviceportal", "Bürgerserviceportal"),
    ("terminvergabe", "Terminvergabe"),
    ("e-payment", "E-Payment"),
    ("geoinformation", "Geoinformation"),
    ("videokonferenz", "Videokonferenz"),
    ("zeiterfassung", "Zeiterfassung"),
    ("ticketsystem", "Ticketsystem"),
]


def load_categories(*, stdout) -> None:
    created = 0
    for position, (slug, name) in enumerate(CATEGORIES, start=1):
        _obj, was_created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position * 10}
        )
        created += was_created
    stdout.write(f"Software categories: {created} created")
