"""Where the bundled resources are (fonts, translations, demo texts, icons): one function for the
app, the report's charts, the demo project, the tests and the benchmarks.

In the repository they live in the top-level ``resources/`` folder. A wheel installs that folder as
``annotator/resources/`` (setup.py copies it into the build), and the desktop bundle puts it in the
same place (packaging/annotator.spec), so an installed copy finds them next to this module and a
checkout (editable install, running from the source tree) one level up.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_MARKER = ("fonts", "OFL.txt")  # present in every complete copy of the resources


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if candidate.joinpath(*_MARKER).is_file():
            return candidate
    raise FileNotFoundError(f"the app's resources (fonts, translations, demo texts) are missing: looked in "
                            f"{_PACKAGE / 'resources'} and {_PACKAGE.parent / 'resources'}; reinstall the app")


def resource_path(*parts: str) -> Path:
    """``resource_path("fonts")``, ``resource_path("demo", "index.json")``: a path inside the resources."""
    return resources_dir().joinpath(*parts)
