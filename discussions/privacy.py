"""The discussions app's part in the privacy duties (see lippe_ikz/privacy.py): the person's
posts (with where they were written) and their reports."""

from discussions.models import Post, Report
from lippe_ikz.privacy import PersonalData, plain, rows


def personal_data(person) -> list[PersonalData]:
    posts = Post.objects.filter(author=person).prefetch_related("target").order_by("created_at")
    post_rows = [
        {
            "id": p.pk,
            "on": str(p.target) if p.target is not None else "",
            "url": p.get_absolute_url(),
            "reply_to": p.parent_id,
            "is_question": p.is_question,
            "text": p.body,
            "created_at": plain(p.created_at),
            "edited_at": plain(p.edited_at),
            "deleted_at": plain(p.deleted_at),
            "hidden_reason": p.hidden_reason,
        }
        for p in posts
    ]
    reports = rows(Report.objects.filter(reporter=person), "post_id", "reason", "created_at")
    parts = []
    if post_rows:
        parts.append(PersonalData("posts", post_rows))
    if reports:
        parts.append(PersonalData("reports", reports))
    return parts
