"""Only what pyproject.toml cannot say: the wheel gets the top-level ``resources/`` folder (fonts,
translations, demo texts, icons) as ``annotator/resources/``, where ``annotator.paths.resource_path``
looks in an installed copy, with the Arabic interface compiled from the committed ``.ts`` to
``annotator_ar.qm`` by ``annotator/qm.py`` (plain Python: no Qt in the build environment).

An editable install needs neither: ``resource_path`` finds ``resources/`` in the checkout, and make
builds the ``.qm`` there. ``package_dir = {"": "."}`` keeps the layout one setuptools installs
editable with a plain ``.pth`` file (its other modes print a warning box at every install).
"""

import importlib.util
import shutil
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithResources(build_py):
    """build_py, then resources/ copied into the build as annotator/resources/, .ts compiled to .qm."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib, "annotator", "resources")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / "resources", target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm"))
        spec = importlib.util.spec_from_file_location("_annotator_qm", ROOT / "annotator" / "qm.py")
        qm = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(qm)
        for ts in sorted(target.glob("translations/*.ts")):
            qm.write_qm(ts, ts.with_suffix(".qm"))


setup(
    package_dir={"": "."},
    packages=find_packages(include=["annotator", "annotator.*"]),
    cmdclass={"build_py": BuildWithResources},
)
