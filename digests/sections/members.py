from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from digests.sections import DigestContext, Item, Section

LIMIT = 50
SLACK = 20  # room for a person's own memberships among the shared rows


class NewMembersSection(Section):
    key = "new_members"
    app_label = "members"
    order = 60
    label = gettext_lazy("New members")

    @property
    def title(self) -> str:
        return _("New in the network")

    def items(self, ctx: DigestContext) -> list[Item]:
        memberships = None
        if ctx.shared is not None:
            memberships = self._from_shared(ctx)
        if memberships is None:
            memberships = self._query(ctx).exclude(user=ctx.person)
            if ctx.municipality_ids is not None:
                memberships = memberships.filter(municipality_id__in=ctx.municipality_ids)
            memberships = memberships[:LIMIT]
        if ctx.shared is not None:
            # The same member makes the same item for everyone of one language.
            language = get_language()
            return [
                self.shared(ctx, ("item", language, m.pk), lambda m=m: self._item(ctx, m, {}))
                for m in memberships
            ]
        urls: dict[int, str] = {}  # one reverse() per Kommune, not per member
        return [self._item(ctx, m, urls) for m in memberships]

    def _item(self, ctx: DigestContext, m, urls: dict[int, str]) -> Item:
        if m.municipality_id not in urls:
            urls[m.municipality_id] = self.link(ctx, m.municipality)
        return Item(
            title=str(m.user),
            url=urls[m.municipality_id],
            meta=f"{m.get_role_display()}, {m.municipality.name}",
            when=m.created_at,
        )

    @staticmethod
    def _query(ctx: DigestContext):
        from members.models import Membership

        return (
            Membership.objects.filter(
                created_at__gt=ctx.since, created_at__lte=ctx.until, user__is_active=True
            )
            .select_related("user", "municipality")
            .order_by("created_at", "pk")
        )

    def _from_shared(self, ctx: DigestContext):
        """The first LIMIT + SLACK new members of the window, read once for everyone; each
        person's list leaves out their own memberships (and, for "only mine", other
        Kommunen). None when the shared rows cannot give the same list as the query."""
        rows = self.shared(ctx, "rows", lambda: list(self._query(ctx)[: LIMIT + SLACK]))
        complete = len(rows) < LIMIT + SLACK
        if ctx.municipality_ids is not None and not complete:
            return None
        own = set(ctx.municipality_ids) if ctx.municipality_ids is not None else None
        mine = [
            m for m in rows
            if m.user_id != ctx.person.pk and (own is None or m.municipality_id in own)
        ]  # fmt: skip
        if len(mine) < LIMIT and not complete:
            return None
        return mine[:LIMIT]
