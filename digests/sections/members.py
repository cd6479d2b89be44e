from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digests.sections import DigestContext, Item, Section, url_of


class NewMembersSection(Section):
    key = "new_members"
    app_label = "members"
    order = 60
    label = gettext_lazy("New members")

    @property
    def title(self) -> str:
        return _("New in the network")

    def items(self, ctx: DigestContext) -> list[Item]:
        from members.models import Membership

        memberships = (
            Membership.objects.filter(
                created_at__gt=ctx.since, created_at__lte=ctx.until, user__is_active=True
            )
            .exclude(user=ctx.person)
            .select_related("user", "municipality")
            .order_by("created_at")
        )
        if ctx.municipality_ids is not None:
            memberships = memberships.filter(municipality_id__in=ctx.municipality_ids)
        urls: dict[int, str] = {}  # one reverse() per Kommune, not per member
        items = []
        for m in memberships[:50]:
            if m.municipality_id not in urls:
                urls[m.municipality_id] = url_of(m.municipality)
            items.append(
                Item(
                    title=str(m.user),
                    url=urls[m.municipality_id],
                    meta=f"{m.get_role_display()}, {m.municipality.name}",
                    when=m.created_at,
                )
            )
        return items
