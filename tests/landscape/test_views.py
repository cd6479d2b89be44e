"""Pages over HTTP: what a member sees, denials (403, nothing changed), query counts."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from landscape.models import Usage
from members.models import Municipality
from tests.landscape.factories import months_ahead

pytestmark = pytest.mark.django_db


GROWN = 60


def grow() -> None:
    """60 Kommunen, each with a product in every category (bulk, as the bench): more than
    three times the network, enough to show a query per Kommune or per row (NRW's 396 took
    seconds per page and proved nothing more)."""
    from landscape.bench_data import generate

    generate(kommunen=GROWN)


PAGES = [
    ("landscape:overview", {}, ""),
    ("landscape:catalogue", {}, ""),
    ("landscape:catalogue", {}, "?kategorie=ratsinformationssystem&q=gremien&hosting=it_provider"),
    ("landscape:product_detail", {"slug": "gremienwerk-ris"}, ""),
    ("landscape:matrix", {}, ""),
    ("landscape:matrix_csv", {}, ""),
    ("landscape:matrix_xlsx", {}, ""),
    ("landscape:windows", {}, "?horizont=36"),
    ("landscape:joint_project", {"kategorie": "ratsinformationssystem"}, ""),
    ("landscape:municipality", {"slug": "detmold"}, ""),
    ("landscape:finder", {"slug": "detmold"}, ""),
    ("landscape:bulk_edit", {"slug": "detmold"}, ""),
    ("landscape:municipality_import", {"slug": "detmold"}, ""),
    ("landscape:municipality_export_csv", {"slug": "detmold"}, ""),
    ("landscape:export_xlsx", {}, ""),
    ("members:municipality_detail", {"slug": "detmold"}, ""),
]


@pytest.mark.parametrize(("name", "kwargs", "query"), PAGES)
def test_query_count_does_not_grow(
    network, detmold_client, django_assert_max_num_queries, name, kwargs, query
):
    url = reverse(name, kwargs=kwargs) + query
    with django_assert_max_num_queries(30) as small:
        assert detmold_client.get(url).status_code == 200
    grow()
    assert Municipality.objects.count() == GROWN
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert detmold_client.get(url).status_code == 200


def test_finder_answers_who_else_uses_our_ris(network, detmold_client, detmold_cdo):
    page = detmold_client.get(reverse("landscape:finder", args=["detmold"])).content.decode()
    section = page.split("Gremienwerk RIS</h2>")[1].split("</section>")[0]
    assert "Lage" in section and "Blomberg" in section
    # Lage's contract (in 4 months) ends before Detmold's (in 7), Blomberg's (13) does not.
    lage_row = section.split("Lage</a>")[1].split("</tr>")[0]
    blomberg_row = section.split("Blomberg</a>")[1].split("</tr>")[0]
    assert f"{months_ahead(4):%d.%m.%Y}" in lage_row and "endet vor Ihrem" in lage_row
    assert "endet vor Ihrem" not in blomberg_row
    # Lemgo uses another product in the category, with its satisfaction.
    assert "SitzungsPilot" in section and "Lemgo" in section and "2,0 von 5" in section
    lage_link = reverse("landscape:municipality", kwargs={"slug": "lage"})
    assert f'href="{lage_link}">Lage</a>' in section


def test_overview_shows_fragmentation_and_shared_products(network, detmold_client):
    page = detmold_client.get(reverse("landscape:overview")).content.decode()
    ris_row = page.split("Ratsinformationssystem</a></th>")[1].split("</tr>")[0]
    assert ">2<" in ris_row  # two different products
    assert ">4<" in ris_row  # in four Kommunen
    shared = page.split('id="shared-heading"')[1]
    assert "Gremienwerk RIS" in shared and "SitzungsPilot" not in shared


def test_windows_group_contracts_with_notice_dates(network, detmold_client):
    """12/24/36 months: Lage (4 months, notice passed), Detmold (7) and Blomberg (13)."""
    from django.utils.formats import date_format

    rows = {u.municipality.slug: u for u in Usage.objects.filter(product__slug="gremienwerk-ris")}

    def window(months):
        response = detmold_client.get(reverse("landscape:windows") + f"?horizont={months}")
        [ris] = [
            w for w in response.context["windows"] if w.category.slug == "ratsinformationssystem"
        ]
        found = {u.municipality.slug for u in ris.usages if u.product.slug == "gremienwerk-ris"}
        return response.content.decode(), found

    page, found = window(12)
    assert found == {"detmold", "lage"}
    for months in (24, 36):
        page, found = window(months)
        assert found == {"detmold", "lage", "blomberg"}
    for usage in rows.values():
        assert date_format(usage.notice_date, "SHORT_DATE_FORMAT") in page
    lage = page.split(">Lage</a>")[1].split("</tr>")[0]
    detmold = page.split(">Detmold</a>")[1].split("</tr>")[0]
    assert "Frist verstrichen" in lage and "Frist verstrichen" not in detmold
    assert reverse("landscape:joint_project", args=["ratsinformationssystem"]) in page
    # every row links its Kommune's landscape and the product's page
    lage_link = reverse("landscape:municipality", kwargs={"slug": "lage"})
    product_link = reverse("landscape:product_detail", kwargs={"slug": "gremienwerk-ris"})
    assert f'href="{lage_link}">Lage</a>' in page
    assert f'href="{product_link}">' in lage


def test_matrix_cells_and_exports(network, detmold_client):
    page = detmold_client.get(reverse("landscape:matrix")).content.decode()
    assert "data-grid-nav" in page and "js/ozg-matrix" in page
    assert "<td>Gremienwerk RIS</td>" in page
    content = detmold_client.get(reverse("landscape:matrix_csv")).content.decode("utf-8-sig")
    rows = {r[0]: r for r in csv.reader(io.StringIO(content), delimiter=";")}
    header = rows["Kommune"]
    assert rows["Detmold"][header.index("Ratsinformationssystem")] == "Gremienwerk RIS"
    assert rows["Detmold"][header.index("E-Akte/DMS")] == "AktenWerk DMS"
    book = openpyxl.load_workbook(
        io.BytesIO(detmold_client.get(reverse("landscape:matrix_xlsx")).content)
    )
    values = list(book.active.values)
    assert "Lemgo" in {v[0] for v in values}


def _bulk_post(client, slug, rows, existing=()):
    data = {
        "u-TOTAL_FORMS": str(len(rows)),
        "u-INITIAL_FORMS": str(len(existing)),
        "u-MIN_NUM_FORMS": "0",
        "u-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"u-{i}-{key}"] = value
    return client.post(reverse("landscape:bulk_edit", args=[slug]), data)


def test_bulk_edit_records_two_products(client, lemgo, lemgo_cdo, ris, dms):
    client.force_login(lemgo_cdo)
    response = _bulk_post(
        client,
        "lemgo",
        [
            {
                "product": ris.pk,
                "since": "2020-01-01",
                "contract_end": "2027-09-30",
                "notice_months": "6",
                "yearly_cost": "8500",
                "satisfaction": "4",
            },
            {"product": dms.pk, "satisfaction": "3", "comment": "Gut."},
            {},
        ],
    )
    assert response.status_code == 302
    assert set(
        Usage.objects.filter(municipality=lemgo).values_list("product__name", flat=True)
    ) == {"Gremienwerk RIS", "AktenWerk DMS"}
    assert Usage.objects.get(product=ris).updated_by == lemgo_cdo


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"since": "2028-01-01", "contract_end": "2027-01-01"}, "Der Vertrag kann nicht enden"),
        ({"yearly_cost": "-5"}, "größer oder gleich 0"),
        ({"comment": "x" * 10_000}, "höchstens 500 Zeichen"),
    ],
)
def test_bulk_edit_bad_input_saves_nothing(client, lemgo, lemgo_cdo, ris, dms, row, message):
    client.force_login(lemgo_cdo)
    response = _bulk_post(client, "lemgo", [{"product": dms.pk}, {"product": ris.pk, **row}])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Usage.objects.exists()


def test_bulk_edit_refuses_a_product_twice(client, lemgo, lemgo_cdo, ris):
    client.force_login(lemgo_cdo)
    response = _bulk_post(client, "lemgo", [{"product": ris.pk}, {"product": ris.pk}])
    assert response.status_code == 400
    assert not Usage.objects.exists()


def test_stranger_cannot_edit_another_kommune(client, network, detmold_cdo, ris):
    client.force_login(detmold_cdo)
    lemgo_usage = Usage.objects.get(municipality__slug="lemgo")
    assert client.get(reverse("landscape:bulk_edit", args=["lemgo"])).status_code == 403
    response = _bulk_post(
        client,
        "lemgo",
        [{"id": lemgo_usage.pk, "product": ris.pk, "DELETE": "on"}],
        existing=[lemgo_usage],
    )
    assert response.status_code == 403
    assert client.get(reverse("landscape:municipality_import", args=["lemgo"])).status_code == 403
    assert client.post(reverse("landscape:municipality_import", args=["lemgo"])).status_code == 403
    assert client.get(reverse("landscape:import")).status_code == 403
    lemgo_usage.refresh_from_db()
    assert lemgo_usage.product.name == "SitzungsPilot"


def test_bulk_edit_cannot_reach_rows_of_another_kommune(
    client, network, detmold_cdo, lemgo_cdo, ris
):
    """A Lemgo person posting the id of a Detmold row to Lemgo's form changes nothing."""
    client.force_login(lemgo_cdo)
    detmold_usage = Usage.objects.get(municipality__slug="detmold", product=ris)
    _bulk_post(
        client,
        "lemgo",
        [{"id": detmold_usage.pk, "product": ris.pk, "DELETE": "on"}],
        existing=[detmold_usage],
    )
    assert Usage.objects.filter(pk=detmold_usage.pk).exists()


def test_joint_project_from_window(client, network, lemgo, lemgo_cdo, ris):
    from projects.models import Participation, Project, Topic

    client.force_login(lemgo_cdo)
    url = reverse("landscape:joint_project", args=["ratsinformationssystem"])
    usages = Usage.objects.filter(product=ris)
    response = client.post(
        url,
        {
            "title": "Gemeinsame RIS-Ausschreibung",
            "topic": Topic.objects.first().pk,
            "lead": lemgo.pk,
            "usages": [u.pk for u in usages],
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(title="Gemeinsame RIS-Ausschreibung")
    assert response["Location"] == project.get_absolute_url()
    assert project.participations.filter(role=Participation.Role.INTERESTED).count() == 3
    listing = client.get(reverse("projects:list")).content.decode()
    assert "Gemeinsame RIS-Ausschreibung" in listing
    detail = client.get(project.get_absolute_url()).content.decode()
    assert detail.count("Interesse") >= 3 and "Blomberg" in detail


def test_joint_project_denied_without_own_kommune(client, network, detmold, ris):
    from projects.models import Project, Topic
    from tests.members.factories import UserFactory

    client.force_login(UserFactory())
    url = reverse("landscape:joint_project", args=["ratsinformationssystem"])
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"title": "X", "topic": Topic.objects.first().pk, "lead": detmold.pk}
    )
    assert response.status_code == 403
    assert not Project.objects.filter(title="X").exists()


def test_joint_project_lead_must_be_own_kommune(client, network, detmold, lemgo_cdo, ris):
    from projects.models import Project, Topic

    client.force_login(lemgo_cdo)
    url = reverse("landscape:joint_project", args=["ratsinformationssystem"])
    response = client.post(
        url,
        {
            "title": "X",
            "topic": Topic.objects.first().pk,
            "lead": detmold.pk,
            "usages": [u.pk for u in Usage.objects.filter(product=ris)],
        },
    )
    assert response.status_code == 400
    assert not Project.objects.filter(title="X").exists()


def test_anonymous_sees_nothing_not_even_costs(client, network):
    response = client.get(reverse("landscape:municipality", args=["detmold"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("landscape:export_csv")).status_code == 302


def test_members_see_costs(network, detmold_client):
    page = detmold_client.get(reverse("landscape:municipality", args=["lemgo"])).content.decode()
    assert "12.000,00 €" in page


def test_municipality_panel(network, detmold_client):
    page = detmold_client.get(
        reverse("members:municipality_detail", args=["detmold"])
    ).content.decode()
    assert "Softwarelandschaft" in page and "Gremienwerk RIS" in page


def test_satisfaction_and_comment_per_row(network, detmold_client):
    """Each using Kommune's satisfaction ("4 von 5", "–" where none) and comment, on the product
    page, the Kommune page and the finder."""
    Usage.objects.filter(municipality__slug="lage").update(satisfaction=None, comment="")
    page = detmold_client.get(reverse("landscape:product_detail", args=["gremienwerk-ris"]))
    text = page.content.decode()
    detmold = text.split(">Detmold</a>")[1].split("</tr>")[0]
    lage = text.split(">Lage</a>")[1].split("</tr>")[0]
    assert "4 von 5<br>Läuft stabil." in detmold
    assert "4 von 5" not in lage and "–" in lage
    for url in (reverse("landscape:municipality", args=["detmold"]),
                reverse("landscape:finder", args=["detmold"])):  # fmt: skip
        assert "4 von 5<br>Läuft stabil." in detmold_client.get(url).content.decode()
