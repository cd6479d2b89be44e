import pytest

from tests.browser.conftest import check_a11y, login, visit
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_cdo_logs_in_and_sees_dashboard(page, live_server, detmold_cdo):
    login(page, live_server, detmold_cdo.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Willkommen")
    check_a11y(page)
    visit(page, f"{live_server.url}/kommunen/")
