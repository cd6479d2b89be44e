"""Links, milestones and awards on the edit form: several rows without JavaScript."""

import re

from projects.models import Project, ProjectLink


def _form_data(html: str) -> dict:
    """What a browser without JavaScript submits: every named input, select and textarea."""
    data = {}
    for tag in re.finditer(r"<(input|textarea|select)\b([^>]*)>", html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(2)))
        name = attrs.get("name")
        if not name or attrs.get("type") in ("submit", "checkbox", "radio"):
            continue
        if tag.group(1) == "textarea":
            end = html.index("</textarea>", tag.end())
            data[name] = html[tag.end() : end].strip()
        elif tag.group(1) == "select":
            end = html.index("</select>", tag.end())
            chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', html[tag.end() : end])
            if "multiple" in tag.group(2):
                if chosen:
                    data[name] = chosen
            else:
                data[name] = chosen[0] if chosen else ""
        else:
            data[name] = attrs.get("value", "")
    return data


def test_add_another_row_keeps_entries_and_saves_nothing(detmold_client, project):
    url = f"/projekte/{project.slug}/bearbeiten/"
    page = detmold_client.get(url).content.decode()
    assert 'name="add_row" value="links"' in page
    data = _form_data(page) | {"links-0-title": "Portal", "links-0-url": "https://a.example.org"}
    assert data["links-TOTAL_FORMS"] == "1"
    response = detmold_client.post(url, data | {"add_row": "links"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="links-TOTAL_FORMS" value="2"' in html
    assert 'value="https://a.example.org"' in html  # the typed row is still there
    assert 'id="links-1"' in html  # the new empty row, the button's anchor target
    assert "Es wurde nichts gespeichert" not in html
    assert not ProjectLink.objects.exists()

    data = _form_data(html) | {"links-1-title": "Wiki", "links-1-url": "wiki.example.org"}
    response = detmold_client.post(url, data | {"add_row": "links"})
    data = _form_data(response.content.decode()) | {
        "links-2-title": "Forum", "links-2-url": "https://forum.example.org"}  # fmt: skip
    assert data["links-TOTAL_FORMS"] == "3"
    response = detmold_client.post(url, data)  # "Save": no add_row
    assert response.status_code == 302
    assert sorted(ProjectLink.objects.values_list("title", "url")) == [
        ("Forum", "https://forum.example.org"),
        ("Portal", "https://a.example.org"),
        ("Wiki", "https://wiki.example.org"),
    ]
    page = detmold_client.get(url).content.decode()
    assert 'name="links-TOTAL_FORMS" value="4"' in page  # three saved rows and one empty


def test_milestones_and_awards_get_rows_too_and_a_bad_row_blocks_saving(detmold_client, project):
    url = f"/projekte/{project.slug}/bearbeiten/"
    data = _form_data(detmold_client.get(url).content.decode())
    for prefix in ("milestones", "awards"):
        response = detmold_client.post(url, data | {"add_row": prefix})
        assert f'name="{prefix}-TOTAL_FORMS" value="2"' in response.content.decode()
    data |= {"title": "Neu", "awards-0-title": "Top 3", "awards-0-year": "1800"}
    response = detmold_client.post(url, data)
    assert response.status_code == 200
    assert "Es wurde nichts gespeichert" in response.content.decode()
    project.refresh_from_db()
    assert project.title != "Neu" and not project.awards.exists()


def test_the_number_of_rows_is_capped(detmold_client, project):
    url = f"/projekte/{project.slug}/bearbeiten/"
    data = _form_data(detmold_client.get(url).content.decode()) | {"links-TOTAL_FORMS": "30"}
    html = detmold_client.post(url, data | {"add_row": "links"}).content.decode()
    assert 'name="links-TOTAL_FORMS" value="30"' in html
    assert 'name="add_row" value="links"' not in html
    assert Project.objects.get().title == project.title
