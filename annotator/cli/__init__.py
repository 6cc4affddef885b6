"""The headless command line: parse, call the library, print. Never imports Qt."""
