"""Issue 15 item 11: the web font does not shift the page; static files are compressed and
hashed ones cached for good (whitenoise with CompressedManifestStaticFilesStorage)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

ROOT = Path(__file__).parents[1]
PROD_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/impressum/", "/online-dienste/"])
def test_pages_preload_the_fonts_above_the_fold(client, reference_data, url):
    html = client.get(url).content.decode()
    assert re.search(
        r'<link rel="preload" href="/static/kern/fonts/fira-sans/FiraSans-Regular\.woff2" '
        r'as="font" type="font/woff2" crossorigin>',
        html,
    )
    assert html.count('as="font"') == 1  # more preloads compete with the CSS on a phone
    assert "kern/fonts/fira-sans.css" not in html  # 36 faces without font-display
    assert "kern-utilities" not in html  # 125 kB of render-blocking CSS the portal never uses


def test_every_font_face_avoids_the_layout_shift():
    css = (ROOT / "static/css/fonts.css").read_text()
    faces = re.findall(r"@font-face\s*\{(.*?)\}", css, re.S)
    fira = [f for f in faces if '"Fira Sans";' in f]
    assert len(fira) == 3  # Regular (400-500), Italic, SemiBold (600-700)
    assert all("font-display: optional" in f for f in fira)
    fallback = next(f for f in faces if "Fira Sans Fallback" in f)
    assert "size-adjust" in fallback and "ascent-override" in fallback
    assert '"Fira Sans", "Fira Sans Fallback"' in (ROOT / "static/css/portal.css").read_text()


def test_production_keeps_the_compressed_manifest_storage():
    # test.py and local.py switch to the plain storage; production inherits base's
    base = (ROOT / "lippe_ikz/settings/base.py").read_text()
    assert (
        '"staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}'
        in base
    )
    assert "STORAGES" not in (ROOT / "lippe_ikz/settings/production.py").read_text()


@pytest.fixture(scope="module")
def collected(tmp_path_factory, django_db_blocker):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STORAGES=PROD_STORAGES, STATIC_ROOT=root):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.mark.django_db
def test_hashed_static_files_are_compressed_and_cached_for_a_year(collected):
    with override_settings(
        STORAGES=PROD_STORAGES, STATIC_ROOT=collected, WHITENOISE_AUTOREFRESH=False, DEBUG=False
    ):
        from django.templatetags.static import static

        css_url = static("css/portal.css")
        font_url = static("kern/fonts/fira-sans/FiraSans-Regular.woff2")
        assert re.search(r"portal\.[0-9a-f]{12}\.css$", css_url)
        client = Client()
        css = client.get(css_url, HTTP_ACCEPT_ENCODING="gzip, br")
        font = client.get(font_url, HTTP_ACCEPT_ENCODING="gzip, br")
        fonts_css = b"".join(client.get(static("css/fonts.css")).streaming_content).decode()
    assert css.status_code == 200
    assert css["Content-Encoding"] in {"gzip", "br"}
    assert "immutable" in css["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", css["Cache-Control"]).group(1)) >= 365 * 24 * 3600
    assert "immutable" in font["Cache-Control"]
    # the preloaded URL is the one the stylesheet asks for, so the font is fetched once
    assert font_url.rsplit("/", 1)[1] in fonts_css
