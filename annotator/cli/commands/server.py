"""annotator server init URL --lead NAME | server add-coder URL NAME [--adjudicator]"""

from __future__ import annotations

import getpass
import sys

from annotator.core.errors import AnnotatorError


def register(sub) -> None:
    p = sub.add_parser("server", help="set up a PostgreSQL project for a team (roles, coders)",
                       description="Team mode on a PostgreSQL server (docs/team.md). Run these as the database "
                                   "owner; the URL's password comes from ~/.pgpass or PGPASSWORD.")
    inner = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = inner.add_parser("init", help="create the project (or keep the one copied there), roles and policies")
    init.add_argument("url")
    init.add_argument("--lead", required=True, help="the lead's login name (created, with a coder row)")
    _password_options(init)
    init.set_defaults(func=run_init)
    add = inner.add_parser("add-coder", help="create a coder's login role (or an adjudicator's)")
    add.add_argument("url")
    add.add_argument("name", help="the login name; it is also the coder's name in the project")
    add.add_argument("--adjudicator", action="store_true", help="may also write the gold layer")
    add.add_argument("--lead", action="store_true", help="another lead (changes labels, documents, assignments)")
    _password_options(add)
    add.set_defaults(func=run_add)


def _password_options(p) -> None:
    p.add_argument("--password", action="store_true",
                   help="ask for the new login's password (typed twice, never shown or stored)")
    p.add_argument("--password-stdin", action="store_true", help="read the new login's password from standard input")


def _new_password(args) -> str | None:
    if args.password_stdin:
        value = sys.stdin.readline().rstrip("\n")
    elif args.password:
        value = getpass.getpass("password for the new login: ")
        if getpass.getpass("again: ") != value:
            raise AnnotatorError("the two passwords differ; nothing was changed")
    else:
        return None
    if not value:
        raise AnnotatorError("empty password; nothing was changed")
    return value


def run_init(args) -> int:
    from annotator.store.team import init_server

    print(init_server(args.url, args.lead, lead_password=_new_password(args)), file=sys.stderr)
    return 0


def run_add(args) -> int:
    from annotator.store.team import add_member

    function = "lead" if args.lead else "adjudicator" if args.adjudicator else "coder"
    print(add_member(args.url, args.name, function, member_password=_new_password(args)), file=sys.stderr)
    return 0
