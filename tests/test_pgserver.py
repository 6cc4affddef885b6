"""The test suite's own PostgreSQL: it runs, listens only on loopback and its own socket."""

import psycopg


def test_the_test_server_answers_on_loopback_with_a_password_only(pg_server, pg_url):
    with psycopg.connect(pg_url) as conn:  # PGPASSWORD from the fixture
        assert conn.execute("select current_user").fetchone()[0] == "postgres"
        listen = conn.execute("show listen_addresses").fetchone()[0]
        sockets = conn.execute("show unix_socket_directories").fetchone()[0]
    assert listen == "127.0.0.1"
    assert sockets == str(pg_server.socket_dir)
    assert str(pg_server.root) in sockets


def test_the_loopback_port_wants_the_password(pg_server, pg_url, monkeypatch):
    import pytest

    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(pg_url, connect_timeout=5).close()
