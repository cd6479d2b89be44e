"""The software landscape's part in the privacy duties (see lippe_ikz/privacy.py): the usage
rows the person is contact for or last changed."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import ngettext

from landscape.models import Usage
from lippe_ikz import events
from lippe_ikz.privacy import PersonalData, rows


def personal_data(person) -> list[PersonalData]:
    usages = rows(
        Usage.objects.filter(Q(contact=person) | Q(updated_by=person)).order_by("pk"),
        "municipality__name", "product__name", "since", "contract_end", "comment", "plans",
        "contact__email", "updated_at",
    )  # fmt: skip
    return [PersonalData("software_usages", usages)] if usages else []


@transaction.atomic
def hand_over(*, person, successor, actor) -> list[str]:
    """The successor becomes contact person for the Kommune's software where the person was."""
    usages = list(Usage.objects.filter(contact=person).select_related("municipality"))
    for usage in usages:
        usage.contact = successor
        usage._history_user = actor
        usage.save(update_fields=["contact", "updated_at"])
        events.publish("landscape.usage.changed", usage, actor=actor,
                       municipality=usage.municipality)  # fmt: skip
    n = len(usages)
    return (
        [ngettext("%(n)d software contact", "%(n)d software contacts", n) % {"n": n}] if n else []
    )
