import pytest


@pytest.mark.django_db
def test_dashboard_shows_greeting_and_network(detmold_client):
    response = detmold_client.get("/")
    assert response.status_code == 200
    assert "Dana" in response.content.decode()
