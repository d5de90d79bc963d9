import pytest

from migrant_site.auth import client_ip
from tests import people

pytestmark = pytest.mark.django_db

EDITOR_PASSWORD = people.password("editor")


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
    assert sign_in(client, EDITOR_PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_out_page_is_in_french(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 1
    locked = sign_in(client, "wrong", HTTP_ACCEPT_LANGUAGE="fr")
    assert locked.status_code == 429
    assert "<h1>Connexion bloquée</h1>" in locked.content.decode()


def test_a_correct_login_below_the_limit_gets_in(client, editor):
    sign_in(client, "wrong")
    response = sign_in(client, EDITOR_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


# Behind the TLS proxy every request comes from the proxy's address (REMOTE_ADDR); the visitor's
# own address is the one the proxy appends to X-Forwarded-For.
PROXY = "10.0.0.2"


def sign_in_from(client, address, username="editor", password="wrong", peer=PROXY, chain=None):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=", ".join([*(chain or []), address]),
    )


@pytest.fixture
def behind_the_proxy(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1", "10.0.0.0/24"]


def test_an_attacker_behind_the_proxy_does_not_lock_out_the_editor(
    client, editor, behind_the_proxy
):
    for _ in range(3):
        sign_in_from(client, "198.51.100.66")
    assert sign_in_from(client, "198.51.100.66").status_code == 429
    # The editor, through the same proxy from another address, still gets in.
    response = sign_in_from(client, "192.0.2.10", password=EDITOR_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_addresses_the_attacker_adds_to_x_forwarded_for_do_not_reset_the_count(
    client, editor, behind_the_proxy
):
    # The attacker sends their own X-Forwarded-For; the proxy appends the real address last.
    for n in range(3):
        sign_in_from(client, "198.51.100.66", chain=[f"192.0.2.{n}"])
    locked = sign_in_from(client, "198.51.100.66", password=EDITOR_PASSWORD, chain=["192.0.2.99"])
    assert locked.status_code == 429


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(client, editor, behind_the_proxy):
    # Straight to the server, not through the proxy: a made-up header changes nothing.
    for n in range(3):
        sign_in_from(client, f"192.0.2.{n}", peer="203.0.113.7")
    locked = sign_in_from(client, "192.0.2.50", password=EDITOR_PASSWORD, peer="203.0.113.7")
    assert locked.status_code == 429


def test_signing_in_to_another_account_does_not_reset_the_failures(
    client, editor, django_user_model, behind_the_proxy
):
    django_user_model.objects.create_user(
        "insider", password="the insider's password", is_staff=True
    )
    for _ in range(2):
        sign_in_from(client, "192.0.2.20")
    own = sign_in_from(client, "192.0.2.20", username="insider", password="the insider's password")
    assert own.status_code == 302
    client.logout()
    # The third failure against the editor's account still reaches the limit.
    assert sign_in_from(client, "192.0.2.20").status_code == 429
    assert sign_in_from(client, "192.0.2.20", password=EDITOR_PASSWORD).status_code == 429


@pytest.mark.parametrize(
    "peer, forwarded_for, counted",
    [
        ("10.0.0.2", "198.51.100.66", "198.51.100.66"),
        ("::ffff:10.0.0.2", "198.51.100.66", "198.51.100.66"),
        ("10.0.0.2", "192.0.2.1, 198.51.100.66, 10.0.0.3", "198.51.100.66"),
        ("10.0.0.2", "not an address", "10.0.0.2"),
        ("10.0.0.2", "fe80::1%eth0", "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("203.0.113.7", "198.51.100.66", "203.0.113.7"),
    ],
)
def test_the_address_counted_is_the_one_the_trusted_proxy_saw(
    rf, behind_the_proxy, peer, forwarded_for, counted
):
    request = rf.post("/admin/login/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == counted
