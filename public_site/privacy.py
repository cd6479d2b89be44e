"""The public site's part in the privacy duties (see lippe_ikz/privacy.py): personal API
tokens (their names and dates, never the secret or its hash)."""

from django.db import transaction

from lippe_ikz.privacy import PersonalData, rows
from public_site.models import ApiToken


def personal_data(person) -> list[PersonalData]:
    tokens = rows(ApiToken.objects.filter(user=person), "name", "prefix", "created_at",
                  "last_used_at", "revoked_at")  # fmt: skip
    return [PersonalData("api_tokens", tokens)] if tokens else []


@transaction.atomic
def anonymise(*, person, actor) -> None:
    """The person's API tokens go: nobody may use the API in their name any more."""
    ApiToken.objects.filter(user=person).delete()
