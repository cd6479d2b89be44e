"""Safe Markdown for texts that members write (descriptions, minutes, results).

markdown-it-py renders CommonMark with raw HTML switched off; nh3 (ammonia) then keeps only
an allow-list of tags and attributes, so that a script tag or a javascript: link written by
anyone ends up as harmless text.
"""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}


# The result depends on the text alone, and pages render the same texts again and again (a
# thread of 500 posts took 0.75 s of Markdown per request): the last 1,024 texts of up to
# 10,000 characters are kept with their HTML in each process (30 MB at the very most).
CACHED_LENGTH = 10_000


def render_markdown(text: str) -> SafeString:
    text = text or ""
    if len(text) <= CACHED_LENGTH:
        return _render_cached(text)
    return _render(text)


@lru_cache(maxsize=1024)
def _render_cached(text: str) -> SafeString:
    return _render(text)


def _render(text: str) -> SafeString:
    html = _md.render(text)
    # Members' headings start at h2: the page's own title is its only h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
