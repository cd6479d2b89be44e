"""Members' Markdown: sanitised, headings from h2, and the same text rendered once."""

from lippe_ikz import markdown


def test_script_and_javascript_links_stay_harmless_also_when_cached():
    text = "# Titel\n\n<script>alert(1)</script> [x](javascript:alert(1)) **fett**"
    first = markdown.render_markdown(text)
    again = markdown.render_markdown(text)
    assert first == again
    assert "<h2>Titel</h2>" in first and "<strong>fett</strong>" in first
    assert "<script" not in first and 'href="javascript' not in first


def test_a_text_is_rendered_once_and_a_long_one_is_not_kept():
    markdown._render_cached.cache_clear()
    for _ in range(3):
        markdown.render_markdown("Ein *Beitrag* im Thread")
    info = markdown._render_cached.cache_info()
    assert (info.misses, info.hits) == (1, 2)
    long_text = "Protokoll " * (markdown.CACHED_LENGTH // 10 + 1)
    assert "<p>Protokoll" in markdown.render_markdown(long_text)
    assert markdown._render_cached.cache_info().currsize == 1
