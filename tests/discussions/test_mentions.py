from types import SimpleNamespace

from discussions import mentions

DANA = SimpleNamespace(pk=1, full_name="Dana Demo")
DANA_LONG = SimpleNamespace(pk=2, full_name="Dana Demo Müller")
LEMGO = SimpleNamespace(pk=1, name="Lemgo", slug="lemgo", get_absolute_url=lambda: "/k/lemgo/")
SALZUFLEN = SimpleNamespace(
    pk=2, name="Bad Salzuflen", slug="bad-salzuflen", get_absolute_url=lambda: "/k/bs/"
)
PEOPLE = mentions.people_lookup([DANA, DANA_LONG])
KOMMUNEN = mentions.kommune_lookup([LEMGO, SALZUFLEN])


def parse(text):
    return mentions.parse(text, people=PEOPLE, kommunen=KOMMUNEN)


def test_person_by_full_name_longest_match_wins():
    found, unknown = parse("Hallo @Dana Demo, und @dana demo müller bitte.")
    assert [m.obj for m in found] == [DANA, DANA_LONG]
    assert unknown == []


def test_kommune_by_name_or_slug():
    found, unknown = parse("!Lemgo und !Bad Salzuflen und !bad-salzuflen")
    assert [m.obj for m in found] == [LEMGO, SALZUFLEN, SALZUFLEN]
    assert unknown == []


def test_emails_and_exclamations_are_no_mentions():
    found, unknown = parse("Schreib an info@lemgo.de! Toll!")
    assert found == [] and unknown == []


def test_unknown_person_is_reported_as_typed():
    found, unknown = parse("Frage an @Niemand Unbekannt hier")
    assert found == []
    assert unknown == ["@Niemand Unbekannt"]


def test_linked_turns_stored_mentions_into_markdown_links():
    text = mentions.linked("Danke @Dana Demo und !Lemgo", users=[DANA], municipalities=[LEMGO])
    assert "[@Dana Demo](/personen/?q=Dana+Demo)" in text
    assert "[!Lemgo](/k/lemgo/)" in text
