"""One module per command; each defines ``register(subparsers)``.

``COMMANDS`` lists them (command name -> module, one-line help), in the order ``annotator --help``
shows them. The launcher builds only the named command's parser (``build_parser(argv=...)``): the
others are listed by name and help alone, so ``annotator --help`` imports no command module.
tests/cli/test_startup.py checks that this table matches the modules and their own help lines.
"""

COMMANDS: dict[str, tuple[str, str]] = {
    "adjudicate": ("adjudicate", "copy the spans coders agree on into the gold layer"),
    "agreement": ("agreement", "inter-annotator agreement report (kappa, alpha, AC1, alpha_U, span F1, gamma)"),
    "assign": ("assign", "hand out the documents: each to K coders, loads balanced"),
    "copy": ("copy", "copy a whole project between a file and a PostgreSQL server"),
    "export": ("export", "export documents and spans (JSONL, Hugging Face, spaCy, Prodigy, Label Studio, "
                         "INCEpTION XMI, REFI-QDA, doccano, CoNLL, brat)"),
    "handout": ("handout", "write one project copy per coder, ready to send"),
    "import": ("import_", "import documents (and their spans) into a project"),
    "merge": ("merge", "merge coders' copies of a project into one"),
    "new": ("new", "create a project file"),
    "restore": ("restore", "replace a damaged project with its latest sound backup"),
    "server": ("server", "set up a PostgreSQL project for a team (roles, coders)"),
    "stats": ("stats", "counts of documents, coders, spans and statuses"),
    "suggest": ("suggest", "run a suggestion source; its proposals go into the suggestions layer"),
    "train": ("train", "train a spaCy NER model on finished documents (needs the suggest extra)"),
}
