import pytest

pytestmark = pytest.mark.django_db


def sign_in(client, password, **headers):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password},
        REMOTE_ADDR="203.0.113.7",
        **headers,
    )


def test_the_source_is_locked_out_after_the_configured_failures(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        response = sign_in(client, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "<h1>Sign-in locked</h1>" in locked.content.decode()
    # Even the right password is refused while locked out.
    assert sign_in(client, "a long editor password").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_out_page_is_in_french(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 1
    locked = sign_in(client, "wrong", HTTP_ACCEPT_LANGUAGE="fr")
    assert locked.status_code == 429
    assert "<h1>Connexion bloquée</h1>" in locked.content.decode()


def test_a_correct_login_below_the_limit_gets_in(client, editor):
    sign_in(client, "wrong")
    response = sign_in(client, "a long editor password")
    assert response.status_code == 302 and response["Location"] == "/admin/"
