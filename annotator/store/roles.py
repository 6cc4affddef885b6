"""Team roles on a PostgreSQL project: who may write what, enforced by the server itself.

Three group roles per database (``<db>_lead``, ``<db>_adjudicator``, ``<db>_coder``), login roles
as their members, and row-level-security policies:

- everybody in the project reads everything (documents, labels, coders, every layer);
- a coder inserts, changes and deletes only the spans, statuses, relations and document labels
  of the coder row whose name is their login name (attribute values and figure values live on
  the span rows, so they follow the spans); a relation they write must join two spans of that
  same layer and document (not their row pointing at another coder's spans);
- the adjudicator also writes the gold layer (the coder row marked ``is_gold``) and the review's
  own settings (``setting:review_rejected:*``);
- the lead writes everything: labels, documents, coders, settings, assignments and all layers;
- suggestions (schema 4) are nobody's layer: everybody reads them, only the lead stores or clears
  them (``annotator suggest``); a coder's rejections of suggestions are that coder's rows, like
  their spans (the adjudicator's also those of the gold row). Accepting a suggestion writes a span
  into the coder's own layer and leaves the suggestion as it was.

Nothing here is enforced by the app: a coder who connects with ``psql`` meets the same walls.
Run as the database owner (or a superuser): ``annotator server init URL --lead NAME``. Running it
again (after an upgrade added tables, or after an app upgrade tightened a policy) grants on the new
tables too and puts every policy in its current form; it changes no data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from annotator.core.errors import ProjectError

FUNCTIONS = ("lead", "adjudicator", "coder")
# Tables each function may write (row-level security narrows spans and statuses further).
LAYER_TABLES = ("spans", "doc_status", "suggestion_rejections", "relations", "doc_labels")  # the last two: schema 5
# Tables with a coder_id that are not a coder's layer: only the lead writes them. Every other table
# with a coder_id column must be in LAYER_TABLES (tests/store/test_roles.py checks the schema).
LEAD_ONLY = ("assignments",)
OWN = "(SELECT c.id FROM coders c WHERE c.name = current_user)"
GOLD = "(SELECT c.id FROM coders c WHERE c.is_gold)"
REVIEW_SETTINGS = "starts_with(key, 'setting:review_rejected:')"
_NAME = re.compile(r"^[^\x00-\x1f\"%]{1,63}$")


@dataclass(frozen=True)
class Roles:
    database: str

    def group(self, function: str) -> str:
        return f"{self.database}_{function}"


def quote(name: str) -> str:
    if not _NAME.match(name) or len(name.encode("utf-8")) > 63:
        raise ProjectError(f"invalid role name {name!r}: 1-63 bytes, no quotes, % or control characters")
    return '"' + name + '"'


def _ddl(conn: Connection, sql: str) -> None:
    conn.exec_driver_sql(sql)


def _exists(conn: Connection, role: str) -> bool:
    return conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}) is not None


def _tables(conn: Connection) -> list[str]:
    return list(conn.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                  "ORDER BY tablename")))


def apply(conn: Connection, database: str) -> Roles:
    """Create the group roles (if missing), grants and policies on every table of the project."""
    roles = Roles(database)
    for function in FUNCTIONS:
        if not _exists(conn, roles.group(function)):
            _ddl(conn, f"CREATE ROLE {quote(roles.group(function))} NOLOGIN")
    lead, adj, coder = (quote(roles.group(f)) for f in FUNCTIONS)
    everyone = f"{lead}, {adj}, {coder}"
    db = quote(database)
    _ddl(conn, f"REVOKE ALL ON DATABASE {db} FROM PUBLIC")
    _ddl(conn, f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {everyone}")
    conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    _ddl(conn, f"GRANT USAGE ON SCHEMA public TO {everyone}")
    tables = _tables(conn)
    for table in tables:
        _ddl(conn, f"REVOKE ALL ON {table} FROM PUBLIC")
        _ddl(conn, f"GRANT SELECT ON {table} TO {everyone}")
        if table != "alembic_version":  # the schema's revision changes only with the schema (owner)
            _ddl(conn, f"GRANT INSERT, UPDATE, DELETE ON {table} TO {lead}")
    for table in LAYER_TABLES:
        _ddl(conn, f"GRANT INSERT, UPDATE, DELETE ON {table} TO {adj}, {coder}")
    _ddl(conn, f"GRANT INSERT, UPDATE, DELETE ON meta TO {adj}")
    _ddl(conn, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}")
    for table in LAYER_TABLES:
        _ddl(conn, f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        _policies(conn, table, lead, adj, coder, everyone)
    conn.execute(text("ALTER TABLE meta ENABLE ROW LEVEL SECURITY"))
    _policy(conn, "meta", "read", f"FOR SELECT TO {everyone} USING (true)")
    _policy(conn, "meta", "lead", f"FOR ALL TO {lead} USING (true) WITH CHECK (true)")
    _policy(conn, "meta", "review", f"FOR ALL TO {adj} USING ({REVIEW_SETTINGS}) WITH CHECK ({REVIEW_SETTINGS})")
    return roles


def _same_layer(table: str) -> str:
    """What a written row must also satisfy besides its coder_id: a relation's two spans are in its
    own layer and document (else a coder could hang their relation on another coder's spans)."""
    if table != "relations":
        return ""
    ends = " AND ".join(f"EXISTS (SELECT 1 FROM spans s WHERE s.id = relations.{end} "
                        "AND s.coder_id = relations.coder_id AND s.document_id = relations.document_id)"
                        for end in ("head_id", "child_id"))
    return " AND " + ends


def _policies(conn, table, lead, adj, coder, everyone) -> None:
    own = f"{table}.coder_id = {OWN}"
    gold = f"{table}.coder_id IN {GOLD}"
    extra = _same_layer(table)
    _policy(conn, table, "read", f"FOR SELECT TO {everyone} USING (true)")
    _policy(conn, table, "lead", f"FOR ALL TO {lead} USING (true) WITH CHECK (true)")
    # USING picks the rows one may change or delete (one's own, even one an older policy let in);
    # WITH CHECK is what a row must be after an insert or update.
    _policy(conn, table, "own", f"FOR ALL TO {adj}, {coder} USING ({own}) WITH CHECK ({own}{extra})")
    _policy(conn, table, "gold", f"FOR ALL TO {adj} USING ({gold}) WITH CHECK ({gold}{extra})")


def _policy(conn, table: str, name: str, body: str) -> None:
    _ddl(conn, f"DROP POLICY IF EXISTS {name} ON {table}")
    _ddl(conn, f"CREATE POLICY {name} ON {table} {body}")


def add_member(conn: Connection, database: str, name: str, function: str, password: str | None) -> bool:
    """Create (or update) the login role ``name`` in ``function``'s group, and its coder row.
    Returns True when the role is new. The password is hashed here (SCRAM) before it is sent."""
    if function not in FUNCTIONS:
        raise ProjectError(f"unknown function {function!r} (lead, adjudicator or coder)")
    if name.startswith("@") or name.startswith("pg_"):
        raise ProjectError(f"invalid name {name!r} for a team member")
    roles = Roles(database)
    if not _exists(conn, roles.group(function)):
        raise ProjectError("this database has no team roles yet: run 'annotator server init URL --lead NAME' first")
    role = quote(name)
    new = not _exists(conn, name)
    secret = ""
    if password is not None:
        raw = conn.connection.dbapi_connection
        hashed = raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()
        secret = " PASSWORD " + _literal(hashed)
    if new:
        _ddl(conn, f"CREATE ROLE {role} LOGIN{secret}")
    elif secret:
        _ddl(conn, f"ALTER ROLE {role}{secret}")
    for other in FUNCTIONS:
        if other != function:
            _ddl(conn, f"REVOKE {quote(roles.group(other))} FROM {role}")
    _ddl(conn, f"GRANT {quote(roles.group(function))} TO {role}")
    if conn.scalar(text("SELECT id FROM coders WHERE name = :n"), {"n": name}) is None:
        conn.execute(text("INSERT INTO coders (name, is_gold, created_at) VALUES (:n, false, now())"), {"n": name})
    return new


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def function_of(conn: Connection, database: str) -> str | None:
    """The current login's function in this project (None: not a team member, e.g. the owner)."""
    roles = Roles(database)
    for function in FUNCTIONS:
        if conn.scalar(text("SELECT pg_has_role(current_user, :g, 'MEMBER')"), {"g": roles.group(function)}) \
                if _exists(conn, roles.group(function)) else False:
            return function
    return None
