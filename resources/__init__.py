"""The app's bundled resources: fonts (with their OFL licence), translations, demo texts (with their
attribution) and icons. Installed as the package ``annotator.resources`` (see setup.py); code finds
them through ``annotator.paths.resource_path``."""
