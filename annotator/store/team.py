"""``annotator server init`` and ``server add-coder``: a PostgreSQL project set up for a team."""

from __future__ import annotations

from sqlalchemy import inspect

from annotator.core.errors import ProjectError
from annotator.store import roles
from annotator.store.location import display, is_server_url, server_url


def _require_server(url: str) -> None:
    if not is_server_url(url):
        raise ProjectError(f"{url}: team roles live on a PostgreSQL server; give a postgresql:// URL")


def init_server(url: str, lead: str, *, password: str | None = None, lead_password: str | None = None) -> str:
    """Make ``url``'s database a team project: an empty database gets an empty project; one that
    holds a project (e.g. filled by ``copy``) keeps its data. Then the roles, grants and policies,
    and the lead's login. Run it as the database owner. Returns what was done, in words."""
    from annotator.store import Project
    from annotator.store.server import make_server_engine

    _require_server(url)
    database = server_url(url).database
    engine = make_server_engine(url, password=password)
    try:
        with engine.connect() as conn:
            empty = "meta" not in inspect(conn).get_table_names()
    finally:
        engine.dispose()
    # Creating (or upgrading) goes through the project itself, so a server project is made the same way
    # as a file: default labels, current schema revision.
    if empty:
        Project.create(url, password=password).close()
    else:
        Project.open(url, password=password).close()
    engine = make_server_engine(url, password=password)
    try:
        with engine.begin() as conn:
            roles.apply(conn, database)
            new = roles.add_member(conn, database, lead, "lead", lead_password)
    finally:
        engine.dispose()
    made = "created an empty project" if empty else "kept the project's data"
    return (f"{display(url)}: {made}; roles {', '.join(roles.Roles(database).group(f) for f in roles.FUNCTIONS)} "
            f"and their policies are in place; {'created' if new else 'updated'} the lead's login {lead!r}")


def add_member(url: str, name: str, function: str = "coder", *, password: str | None = None,
               member_password: str | None = None) -> str:
    from annotator.store.server import make_server_engine

    _require_server(url)
    database = server_url(url).database
    engine = make_server_engine(url, password=password)
    try:
        with engine.begin() as conn:
            new = roles.add_member(conn, database, name, function, member_password)
    finally:
        engine.dispose()
    how = "with a password" if member_password is not None else "without a password (set one with --password)"
    return f"{display(url)}: {'created' if new else 'updated'} the {function} login {name!r} {how}"
