"""Operators: send this period's digests now, to everyone due or to one person."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from digests import selectors, services


class Command(BaseCommand):
    help = (
        "Send the weekly digests whose slot has come (with --now: regardless of the slot) in "
        "this process. Never sends a person the same period twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="ignore the people's slots")
        parser.add_argument("--user", metavar="EMAIL", help="only this person")

    def handle(self, *args, **options):
        User = get_user_model()
        if options["user"]:
            person = User.objects.filter(email__iexact=options["user"]).first()
            if person is None:
                raise CommandError(f"No person with the email address {options['user']}.")
            people = [person]
        elif options["now"]:
            people = User.objects.filter(is_active=True).order_by("pk")
        else:
            people = None
        if people is None:
            ids = services.dispatch_due_digests()
            results = [self._send(lambda i=i: services.delivery_send(delivery_id=i)) for i in ids]
        else:
            results = []
            for person in people:
                preference = selectors.preference_for(person)
                if not preference.enabled and not options["user"]:
                    continue
                status = self._send(lambda p=person: services.send_digest_now(person=p))
                self.stdout.write(f"{person.email}: {status}")
                results.append(status)
        summary = {s: results.count(s) for s in sorted(set(results))}
        self.stdout.write(f"{len(results)} digest(s): {summary}")

    def _send(self, call) -> str:
        try:
            return call() or "already handled"
        except services.TransientMailError as exc:
            return f"error ({exc})"
