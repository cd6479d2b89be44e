"""The members app's part in the privacy duties (see lippe_ikz/privacy.py): the account,
its email addresses, second factors and sessions, and the roles in the Kommunen."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from lippe_ikz import events
from lippe_ikz.privacy import PersonalData, plain, rows
from members.models import Membership, User

FORMER_MEMBER_NAME = "ehemaliges Mitglied"


def personal_data(person: User) -> list[PersonalData]:
    account = rows(
        User.objects.filter(pk=person.pk),
        "email", "full_name", "preferred_language", "phone", "job_title", "is_staff",
        "is_active", "date_joined", "last_login",
    )  # fmt: skip
    memberships = [
        {
            "municipality": m.municipality.name,
            "role": m.get_role_display(),
            "motto": m.motto,
            "responsibilities": m.responsibilities,
            "created_at": plain(m.created_at),
        }
        for m in Membership.objects.filter(user=person).select_related("municipality")
    ]
    addresses = rows(EmailAddress.objects.filter(user=person), "email", "verified", "primary")
    # The type and dates of the second factors, never their secrets.
    factors = rows(Authenticator.objects.filter(user=person), "type", "created_at", "last_used_at")
    return [
        PersonalData("account", account),
        PersonalData("memberships", memberships),
        PersonalData("email_addresses", addresses),
        PersonalData("second_factors", factors),
    ]


@transaction.atomic
def hand_over(*, person: User, successor: User, actor: User) -> list[str]:
    """The person's roles go to the successor (with an empty motto and text: those were the
    person's own words); a role the successor already has is simply dropped."""
    moved = 0
    for membership in Membership.objects.filter(user=person).select_related("municipality"):
        duplicate = Membership.objects.filter(
            user=successor, municipality=membership.municipality, role=membership.role
        ).exists()
        if duplicate:
            membership.delete()
            continue
        membership.user = successor
        membership.motto = ""
        membership.responsibilities = ""
        membership.full_clean()
        membership.save()
        events.publish("members.membership.changed", membership, actor=actor)
        moved += 1
    return [ngettext("%(n)d role", "%(n)d roles", moved) % {"n": moved}] if moved else []


def record_login(sender, user, **kwargs) -> None:
    """Receiver of user_logged_in in place of Django's update_last_login: the time of the last
    login only, written without a save (so no row in the account's change history)."""
    user.last_login = timezone.now()
    User.objects.filter(pk=user.pk).update(last_login=user.last_login)


def _tracked(row) -> tuple:
    return tuple(getattr(row, f.attname) for f in User.history.model._meta.fields
                 if not f.name.startswith("history_") and f.name != "id")  # fmt: skip


@transaction.atomic
def apply_retention(*, now) -> dict[str, int]:
    """Login records: before logins stopped writing the account (record_login), each login
    added a change-history row identical to the one before it (last_login and the password
    are not in the history). Rows identical to the one before go; real changes stay."""
    ids = []
    previous: dict[int, tuple] = {}
    for row in User.history.order_by("id", "history_date", "history_id").iterator():
        values = _tracked(row)
        if row.history_type == "~" and previous.get(row.id) == values:
            ids.append(row.history_id)
        previous[row.id] = values
    deleted, _ = User.history.filter(history_id__in=ids).delete()
    return {"login_history_rows": deleted}


def _sessions_of(person: User):
    ids = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(person.pk):
            ids.append(session.pk)
    return Session.objects.filter(pk__in=ids)


@transaction.atomic
def anonymise(*, person: User, actor: User) -> None:
    """Name "ehemaliges Mitglied", an address that cannot receive mail, no password, inactive;
    second factors, email addresses, open sessions and the account's change history go."""
    person.full_name = FORMER_MEMBER_NAME
    person.email = f"ehemalig-{person.pk}@anonymisiert.invalid"
    person.phone = ""
    person.job_title = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    Authenticator.objects.filter(user=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    _sessions_of(person).delete()
    Membership.objects.filter(user=person).delete()
    # The history of the account holds the old name and address: keep only the anonymous row.
    person.history.exclude(pk=person.history.latest().pk).delete()
    Membership.history.filter(user_id=person.pk).update(motto="", responsibilities="")
    events.publish("members.user.changed", person, actor=actor, anonymised=True)
