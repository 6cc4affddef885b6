"""Only what pyproject.toml cannot say:

* the top-level ``resources/`` folder (fonts, translations, demo texts, icons) is installed as the
  package ``annotator.resources``, so that a wheel, an editable install and the source tree all
  have them where ``annotator.paths.resource_path`` looks;
* the wheel gets the compiled Arabic interface (``annotator_ar.qm``), compiled from the committed
  ``.ts`` at build time by ``annotator/qm.py`` (plain Python: no Qt in the build environment).
"""

import importlib.util
from pathlib import Path

from setuptools import find_namespace_packages, find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

# resources/ and each folder in it (fonts, translations, ...) as packages of data files: setuptools
# warns about data folders that are not listed as packages.
RESOURCES = ["annotator.resources"] + [f"annotator.resources.{name}" for name in
                                       find_namespace_packages(where="resources", exclude=["*__pycache__*"])]


class BuildWithTranslations(build_py):
    """build_py, then every resources/translations/*.ts compiled to .qm next to it in the build."""

    def run(self):
        super().run()
        spec = importlib.util.spec_from_file_location("_annotator_qm", ROOT / "annotator" / "qm.py")
        qm = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(qm)
        target = Path(self.build_lib, "annotator", "resources", "translations")
        for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
            target.mkdir(parents=True, exist_ok=True)
            qm.write_qm(ts, target / f"{ts.stem}.qm")


setup(
    packages=find_packages(include=["annotator", "annotator.*"]) + RESOURCES,
    package_dir={"annotator.resources": "resources"},
    package_data={name: ["*"] for name in RESOURCES},
    cmdclass={"build_py": BuildWithTranslations},
)
