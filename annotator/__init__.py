"""Arabic research annotation: span annotation for right-to-left text."""

__version__ = "0.1.0"
