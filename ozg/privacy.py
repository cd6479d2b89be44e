"""The ozg app's part in the privacy duties (see lippe_ikz/privacy.py): the OZG statuses the
person changed. (Uniform forms belong to a Kommune and record no uploader.)"""

from lippe_ikz.privacy import PersonalData, rows
from ozg.models import ServiceStatus, StatusChange


def personal_data(person) -> list[PersonalData]:
    changes = rows(
        StatusChange.objects.filter(changed_by=person),
        "municipality__name", "service__ozg_id", "service__name", "old_maturity",
        "new_maturity", "old_state", "new_state", "values", "changed_at",
    )  # fmt: skip
    last_updated = rows(
        ServiceStatus.objects.filter(updated_by=person),
        "municipality__name", "service__ozg_id", "maturity", "state", "notes", "updated_at",
    )  # fmt: skip
    return [
        PersonalData("status_changes", changes),
        PersonalData("statuses_last_updated", last_updated),
    ]
