"""German is the portal's default language: its catalogue must be complete and compiled."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"


def test_every_german_entry_is_translated():
    po = polib.pofile(str(CATALOGUE))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert not missing, f"untranslated German entries: {missing[:20]}"
    assert not fuzzy, f"fuzzy German entries: {fuzzy[:20]}"


def test_compiled_catalogue_matches_source():
    po = polib.pofile(str(CATALOGUE))
    mo = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    stale = [
        e.msgid
        for e in po
        if e.translated()
        and not e.obsolete
        and compiled.get((e.msgctxt, e.msgid)) != (e.msgstr, e.msgstr_plural)
    ]
    assert not stale, f"run `make messages`: the .mo file is older than the .po for {stale[:10]}"


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is not installed")
def test_catalogue_passes_msgfmt_format_checks():
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
