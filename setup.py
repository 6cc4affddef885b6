"""Only what pyproject.toml cannot say: the top-level ``resources/`` folder (fonts, translations,
demo texts, icons) is installed as the package ``annotator.resources``, so that a wheel, an
editable install and the source tree all have them where ``annotator.paths.resource_path`` looks."""

from setuptools import find_namespace_packages, find_packages, setup

# resources/ and each folder in it (fonts, translations, ...) as packages of data files: setuptools
# warns about data folders that are not listed as packages.
RESOURCES = ["annotator.resources"] + [f"annotator.resources.{name}" for name in
                                       find_namespace_packages(where="resources", exclude=["*__pycache__*"])]

setup(
    packages=find_packages(include=["annotator", "annotator.*"]) + RESOURCES,
    package_dir={"annotator.resources": "resources"},
    package_data={name: ["*"] for name in RESOURCES},
)
