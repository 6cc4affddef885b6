# Quick start on a fresh Debian machine:  make run  (the app on the demo project)  |  make test
# Both set everything up first: Debian libraries Qt needs (apt-get, when missing and root),
# a virtual environment in .venv with a suitable Python, and the package with its test extra and the
# format extras (spacy, hf, xmi, refi) whose consumer tests the suite runs; and Label Studio's converter
# in a folder of its own (scripts/install-ls-converter.sh: its wheel would shadow our tests package).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

# Debian packages: python3-venv (venv on Debian's own Python), the libraries PySide6's QtGui
# loads even offscreen, and the X11/xcb ones a real window needs.
DEBS_BASE := python3-venv libgl1 libegl1 libopengl0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
DEBS_X11 := libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
            libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
# The test suite starts its own PostgreSQL server (tests/pgserver.py) for the team-mode tests, and an X
# server with a window manager (Xvfb, openbox, xdotool) to check that the default keys reach the program.
DEBS_TEST := postgresql xvfb openbox xdotool

.PHONY: run test sysdeps sysdeps-x11 sysdeps-test venv bench bundle bundle-test clean help

help:
	@echo "make run    - set up, then open the app on the bundled demo project"
	@echo "make test   - set up, then run the whole test suite headless"
	@echo "make bench  - set up, then run the benchmarks and print their figures"
	@echo "make bundle - build the one-folder desktop bundle in dist/arabic-annotator/"
	@echo "make bundle-test - build the bundle and check that the bundled program works on its own"

sysdeps:
	@scripts/ensure-debs.sh $(DEBS_BASE)

sysdeps-x11:
	@scripts/ensure-debs.sh $(DEBS_BASE) $(DEBS_X11)

sysdeps-test:
	@scripts/ensure-debs.sh $(DEBS_BASE) $(DEBS_X11) $(DEBS_TEST)

$(STAMP): pyproject.toml setup.py MANIFEST.in | sysdeps
	@PYBIN="$$(scripts/find-python.sh)" || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys' 2>/dev/null; then \
	  echo "creating $(VENV) with $$PYBIN ($$($$PYBIN --version))"; \
	  rm -rf $(VENV); $$PYBIN -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,postgres,spacy,hf,xmi,refi,suggest]'
	scripts/install-ls-converter.sh $(PY)
	@touch $(STAMP)

venv: $(STAMP)

# The Arabic interface and the English plural forms: the committed .ts catalogues compiled to .qm
# (the app can also compile them itself at first start, so a plain pip install works too).
QM := resources/translations/annotator_ar.qm resources/translations/annotator_en.qm
$(QM): resources/translations/annotator_ar.ts resources/translations/annotator_en.ts | $(STAMP)
	VENV=$(VENV) scripts/build_translations.sh --release

run: sysdeps-x11 $(STAMP) $(QM)
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: no display (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open."; \
	  echo "  On a desktop session this opens the app. Headless: 'xvfb-run -a make run', or"; \
	  echo "  '$(VENV)/bin/annotator screenshot PROJECT -o shot.png' to render the window to a picture."; \
	  exit 1; fi
	$(VENV)/bin/annotator --demo

# Two worker processes (pytest-xdist), one per core of the CI machine; worksteal hands a long test's
# neighbours to the other worker. A single file runs in one process: $(PY) -m pytest tests/FILE.
test: sysdeps-test $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 --dist worksteal

bench: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks --size large

bundle: $(STAMP) $(QM)
	$(PY) -m pip install --quiet -e '.[bundle]'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/annotator.spec
	@echo "bundle: dist/arabic-annotator/arabic-annotator"

bundle-test: bundle
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m bundle tests/packaging

clean:
	rm -rf $(VENV) build dist *.egg-info
