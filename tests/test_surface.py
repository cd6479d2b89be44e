"""Issue 15 without a browser: KERN radios/checkboxes from `{% field %}`, the error summary
and the "Error:" title flag, the percent scale of the OZG charts, the admin's branding, what
non-technical staff see, and labels on inline fields."""

import re
from decimal import Decimal

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.test import Client

from lippe_ikz.templatetags.portal import error_summary, form_has_errors
from ozg.models import OzgService
from ozg.selectors import nice_percent_maximum, share_chart
from projects.forms import CostItemForm
from tests.members.factories import UserFactory
from tests.ozg.factories import ServiceStatusFactory
from tests.projects.factories import ProjectFactory


class ChoiceForm(forms.Form):
    name = forms.CharField(label="Name")
    kind = forms.ChoiceField(
        label="Art", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    tags = forms.MultipleChoiceField(
        label="Tags", choices=[("x", "X")], widget=forms.CheckboxSelectMultiple, required=False
    )


def render(source: str, **context) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


def test_radios_and_checkbox_lists_get_kern_classes_and_error_state():
    html = render("{% field form.kind %}{% field form.tags %}", form=ChoiceForm())
    assert html.count('class="kern-form-check__radio"') == 2
    assert 'class="kern-form-check__checkbox"' in html
    bound = ChoiceForm(data={"name": ""})
    html = render("{% field form.kind %}", form=bound)
    assert "kern-form-check__radio kern-form-check__radio--error" in html
    assert 'aria-describedby="id_kind_error"' in html  # on the fieldset


def test_error_summary_lists_every_wrong_field_with_the_id_to_link_to():
    form = ChoiceForm(data={"name": "", "kind": ""})
    assert [(i["id"], i["label"]) for i in error_summary(form)] == [
        ("id_name", "Name"),
        ("id_kind_0", "Art"),  # a radio group links to its first radio
    ]
    html = render('{% include "partials/form_errors.html" %}', form=form)
    assert 'href="#id_name"' in html and 'href="#id_kind_0"' in html
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert error_summary(ChoiceForm()) == []  # unbound: nothing to list


def test_title_flag_only_for_forms_that_failed_validation():
    invalid = ChoiceForm(data={"name": ""})
    invalid.is_valid()
    valid = ChoiceForm(data={"name": "x", "kind": "a"})
    valid.is_valid()
    assert form_has_errors(Context({"add_form": invalid})) is True
    assert form_has_errors(Context({"form": valid})) is False
    unchecked = ChoiceForm(data={"name": ""})  # bound, never validated: not counted
    assert form_has_errors(Context({"form": unchecked})) is False
    assert unchecked._errors is None


@pytest.mark.django_db
def test_project_edit_page_title_says_error(detmold_client, detmold):
    project = ProjectFactory(lead=detmold, slug="bauakte")
    response = detmold_client.post(f"/projekte/{project.slug}/bearbeiten/", {"title": ""})
    html = response.content.decode()
    assert "<title>Fehler: " in html
    assert 'href="#id_title"' in html
    assert "<title>Fehler" not in detmold_client.get(f"/projekte/{project.slug}/").content.decode()


@pytest.mark.django_db
def test_cost_form_radios_are_kern(detmold):
    project = ProjectFactory(lead=detmold)
    form = CostItemForm(sharing=[])
    html = render("{% field form.recurrence %}", form=form)
    assert "kern-form-check__radio" in html
    assert project.pk


@pytest.mark.parametrize(
    ("largest", "maximum"),
    [(0, 5), (4.5, 5), (8, 10), (12, 20), (21, 25), (49, 50), (51, 75), (99, 100), (100, 100)],
)
def test_percent_scale_ends_at_a_round_value_above_the_largest_share(largest, maximum):
    assert nice_percent_maximum(largest) == maximum


def test_share_chart_bars_of_5_to_8_percent_are_not_stubs():
    chart = share_chart([{"label": "A", "share": 5}, {"label": "B", "share": 8}])
    assert chart["scale_max"] == 10
    a, b = chart["bars"]
    space = chart["scale_end_x"] - chart["label_width"]
    assert b.width == pytest.approx(space * 0.8) and a.width == pytest.approx(space * 0.5)


def test_share_chart_full_scale_when_a_kommune_is_complete():
    chart = share_chart([{"label": "A", "share": 100}, {"label": "B", "share": Decimal(3)}])
    assert chart["scale_max"] == 100


@pytest.mark.django_db
def test_admin_is_branded(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "IKZ-Portal Lippe – Verwaltung" in html
    assert "css/admin.css" in html


@pytest.mark.django_db
def test_celery_and_allauth_internals_only_for_superusers(admin_client):
    staff = UserFactory(email="pflege@example.org", is_staff=True)
    staff.user_permissions.set(Permission.objects.all())  # every model permission there is
    client = Client()
    client.force_login(staff)
    index = client.get("/admin/").content.decode()
    assert "/admin/projects/project/" in index
    for path in [
        "/admin/django_celery_beat/periodictask/",
        "/admin/account/emailaddress/",
        "/admin/mfa/authenticator/",
    ]:
        assert path not in index
        assert client.get(path).status_code == 403
        assert admin_client.get(path).status_code == 200


@pytest.mark.django_db
def test_inline_foreign_keys_are_named_after_their_own_row(admin_client, detmold, lemgo):
    """A foreign key in an inline row is wrapped by the admin (add/change links): each row's
    select is named after that row, not after the row before (nor the last request's)."""
    from tests.workshops.factories import ActionItemFactory, MeetingFactory

    meeting = MeetingFactory(host=detmold)
    for municipality in (detmold, lemgo):
        ActionItemFactory(meeting=meeting, responsible_municipality=municipality)
    url = f"/admin/workshops/meeting/{meeting.pk}/change/"
    for _ in range(2):  # the second request must not inherit the first one's labels
        html = admin_client.get(url).content.decode()
        for row in (0, 1):
            name = f'name="action_items-{row}-responsible_municipality"'
            select = re.search(f"<select[^>]*{name}[^>]*>", html).group(0)
            assert f'aria-label="Verantwortliche Kommune, Zeile {row + 1}"' in select


@pytest.mark.django_db
def test_project_change_form_labels_inline_fields(admin_client, detmold, lemgo):
    project = ProjectFactory(lead=detmold)
    html = admin_client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    assert 'aria-label="Rolle, Zeile 1"' in html
    assert 'aria-label="Löschen, Zeile 1"' in html
    assert '<th class="original"><span class="visually-hidden">Eintrag</span></th>' in html
    assert "select2" not in html.split("id_contacts")[1][:400]  # a checkbox list


@pytest.mark.django_db
def test_status_changelist_has_five_columns(admin_client, detmold):
    ServiceStatusFactory(municipality=detmold, service=OzgService.objects.get(ozg_id="10000"))
    html = admin_client.get("/admin/ozg/servicestatus/").content.decode()
    assert html.count('<th scope="col" class="sortable column-') == 5


def test_a_multi_select_shows_its_rows_and_says_how_to_choose_several():
    class PeopleForm(forms.Form):
        people = forms.MultipleChoiceField(label="Personen", choices=[("a", "A"), ("b", "B")])

    html = render("{% field form.people %}", form=PeopleForm())
    assert "kern-form-input__select-wrapper" not in html  # no dropdown arrow on a list box
    assert 'class="kern-form-input__input portal-multiselect"' in html
    assert 'aria-describedby="id_people_multihint"' in html
    assert "Strg" in html
