"""Editing cost items in the portal, and a Kommune withdrawing its support for a wish."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects import selectors, services
from projects.models import CostItem, CostShare, WishVote
from tests.projects.factories import CostItemFactory, WishFactory


def _costs(item):
    item.refresh_from_db()
    return (item.title, item.amount, item.allocation_key, item.recurrence,
            sorted(item.custom_shares.values_list("municipality_id", "percent")))  # fmt: skip


def _shares(project):
    project = selectors.project_detail(slug=project.slug)
    overview = selectors.cost_overview(project)
    return {m.name: s for m, s in ((m, overview.totals.get(m.pk)) for m in overview.municipalities)}


def _post(item, **changes):
    data = {"title": item.title, "kind": item.kind, "amount": "1.000,00",
            "recurrence": item.recurrence, "allocation_key": item.allocation_key}  # fmt: skip
    return {**data, **changes}


@pytest.fixture
def item(project):
    return CostItemFactory(project=project, title="Lizenz", amount=Decimal("1000.00"))


def _url(item):
    return f"/projekte/{item.project.slug}/kosten/{item.pk}/bearbeiten/"


def test_a_participant_edits_a_cost_item_and_the_shares_follow(client, lemgo_cdo, item, project):
    client.force_login(lemgo_cdo)  # Lemgo takes part; the same people may add cost items
    assert _shares(project) == {"Detmold": Decimal("500.00"), "Lemgo": Decimal("500.00")}
    page = client.get(_url(item))
    assert page.status_code == 200
    assert 'value="1.000,00"' in page.content.decode()  # the current amount, German format
    response = client.post(_url(item), _post(item, amount="2.000,01", title="Lizenz 2026"))
    assert response.status_code == 302
    assert _costs(item)[:2] == ("Lizenz 2026", Decimal("2000.01"))
    assert _shares(project) == {"Detmold": Decimal("1000.01"), "Lemgo": Decimal("1000.00")}


def test_switching_keys_replaces_the_custom_percentages(detmold_client, item, detmold, lemgo):
    url, project = _url(item), item.project
    response = detmold_client.post(url, _post(item, allocation_key="custom", **{
        f"percent_{detmold.pk}": "70", f"percent_{lemgo.pk}": "30"}))  # fmt: skip
    assert response.status_code == 302
    assert _costs(item)[4] == [(detmold.pk, Decimal("70.00")), (lemgo.pk, Decimal("30.00"))]
    assert _shares(project) == {"Detmold": Decimal("700.00"), "Lemgo": Decimal("300.00")}
    page = detmold_client.get(url).content.decode()
    assert 'value="70,00"' in page and 'value="30,00"' in page  # shown again for editing
    response = detmold_client.post(url, _post(item, allocation_key="population"))
    assert response.status_code == 302
    assert not CostShare.objects.exists()
    shares = _shares(project)
    assert sum(shares.values()) == Decimal("1000.00")
    assert shares["Detmold"] > shares["Lemgo"]  # Detmold has more inhabitants


@pytest.mark.parametrize("who", ["lage_cdo", "outsider"])
def test_strangers_cannot_edit_cost_items(client, request, item, who):
    client.force_login(request.getfixturevalue(who))
    before = _costs(item)
    assert client.get(_url(item)).status_code == 403
    assert client.post(_url(item), _post(item, amount="1,00")).status_code == 403
    assert _costs(item) == before
    with pytest.raises(PermissionDenied):
        services.cost_item_update(actor=request.getfixturevalue(who), cost_item=item,
                                  data={"amount": Decimal("1")})  # fmt: skip
    assert _costs(item) == before


def test_negative_amount_is_rejected_with_a_german_message(detmold_client, item):
    before = _costs(item)
    response = detmold_client.post(_url(item), _post(item, amount="-5,00"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Es wurde nichts gespeichert" in html
    assert "Geben Sie einen Betrag von mehr als 0 Euro ein." in html
    assert _costs(item) == before


def test_custom_percentages_not_adding_to_100_are_rejected(
    detmold_client, detmold_cdo, item, detmold, lemgo
):
    CostShare.objects.create(cost_item=item, municipality=detmold, percent=Decimal("50"))
    CostShare.objects.create(cost_item=item, municipality=lemgo, percent=Decimal("50"))
    CostItem.objects.filter(pk=item.pk).update(allocation_key="custom")
    before = _costs(item)
    response = detmold_client.post(_url(item), _post(item, allocation_key="custom", **{
        f"percent_{detmold.pk}": "60", f"percent_{lemgo.pk}": "30"}))  # fmt: skip
    assert response.status_code == 200
    assert "Die Prozentanteile ergeben zusammen 90,00 %; sie müssen genau 100 % ergeben." in (
        response.content.decode()
    )
    assert _costs(item) == before
    with pytest.raises(ValidationError):
        services.cost_item_update(actor=detmold_cdo, cost_item=item, data={"amount": Decimal("-1")})
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="100"):
        services.cost_item_update(actor=detmold_cdo, cost_item=item, data={},
                                  percentages={detmold.pk: Decimal("99")})  # fmt: skip
    assert _costs(item) == before


def test_the_detail_page_links_to_editing_each_cost_item(detmold_client, item, client, outsider):
    html = detmold_client.get(f"/projekte/{item.project.slug}/").content.decode()
    assert _url(item) in html
    client.force_login(outsider)
    assert _url(item) not in client.get(f"/projekte/{item.project.slug}/").content.decode()


# --- withdrawing support ----------------------------------------------------------------------


@pytest.fixture
def wish(project, detmold, lemgo, provider):
    """Raised for Lemgo; Detmold supports it too."""
    wish = WishFactory(project=project, provider=provider, municipality=lemgo)
    WishVote.objects.create(wish=wish, municipality=lemgo)
    WishVote.objects.create(wish=wish, municipality=detmold)
    return wish


def _votes(wish):
    return sorted(wish.votes.values_list("municipality__slug", flat=True))


def _withdraw_url(wish):
    return f"/projekte/{wish.project.slug}/wuensche/{wish.pk}/unterstuetzung-zurueckziehen/"


def test_a_kommune_withdraws_its_support_and_may_support_again(detmold_client, wish, detmold):
    page = detmold_client.get(f"/projekte/{wish.project.slug}/").content.decode()
    assert _withdraw_url(wish) in page
    response = detmold_client.post(_withdraw_url(wish), {"municipality": detmold.pk})
    assert response.status_code == 302
    assert _votes(wish) == ["lemgo"]
    page = detmold_client.get(response["Location"]).content.decode()
    assert "Detmold unterstützt den Wunsch nicht mehr." in page
    assert "Als Detmold unterstützen" in page
    support = f"/projekte/{wish.project.slug}/wuensche/{wish.pk}/unterstuetzen/"
    assert detmold_client.post(support, {"municipality": detmold.pk}).status_code == 302
    assert _votes(wish) == ["detmold", "lemgo"]
    # Still one vote per Kommune: a second support is refused with a message.
    response = detmold_client.post(support, {"municipality": detmold.pk}, follow=True)
    assert _votes(wish) == ["detmold", "lemgo"]
    assert "unterstützt diesen Wunsch bereits" in response.content.decode()


def test_withdrawing_twice_says_so_and_changes_nothing(detmold_client, wish, detmold):
    detmold_client.post(_withdraw_url(wish), {"municipality": detmold.pk})
    response = detmold_client.post(_withdraw_url(wish), {"municipality": detmold.pk}, follow=True)
    assert "Detmold unterstützt diesen Wunsch nicht." in response.content.decode()
    assert _votes(wish) == ["lemgo"]


def test_the_raising_kommune_keeps_its_support(client, lemgo_cdo, wish, lemgo):
    client.force_login(lemgo_cdo)
    page = client.get(f"/projekte/{wish.project.slug}/").content.decode()
    assert _withdraw_url(wish) not in page
    response = client.post(_withdraw_url(wish), {"municipality": lemgo.pk}, follow=True)
    assert "kann nicht zurückgezogen werden" in response.content.decode()
    assert _votes(wish) == ["detmold", "lemgo"]


@pytest.mark.parametrize("who", ["lemgo_cdo", "lage_cdo", "outsider"])
def test_a_stranger_cannot_withdraw_another_kommunes_support(client, request, wish, detmold, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(_withdraw_url(wish), {"municipality": detmold.pk})
    assert response.status_code == 403
    assert _votes(wish) == ["detmold", "lemgo"]
    assert client.get(_withdraw_url(wish)).status_code == 405
