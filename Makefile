# ua-writer: two commands on a fresh Debian machine.
#   make run    set up (venv + OS libraries for Qt) and launch the app
#   make test   set up (venv + test tools + OS packages) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed

.PHONY: run test setup setup-test setup-bundle system-deps system-deps-test bench catalogs wheel bundle deb icons clean

run: setup system-deps
	$(VENV)/bin/ua-writer $(ARGS)

test: setup-test system-deps-test
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest $(PYTEST_ARGS)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP)-run: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	touch $@

$(STAMP)-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e ".[test]"
	touch $@ $(STAMP)-run

$(STAMP)-bundle: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e ".[bundle]"
	touch $@ $(STAMP)-run

setup: $(STAMP)-run
setup-test: $(STAMP)-test
setup-bundle: $(STAMP)-bundle

# Qt's runtime libraries (and, for tests, poppler-utils and xvfb). Installs only what is
# missing, and only as root; otherwise prints the apt-get command to run.
system-deps:
	@bash .ci/system-deps.sh run
system-deps-test:
	@bash .ci/system-deps.sh test

bench: setup-test
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/run.py $(BENCH_ARGS)

# UI translations: extract, update, compile (pybabel from Babel). Files in sorted path order and
# 100-column lines, as the committed catalogs are, so a run only shows the real changes.
catalogs: setup
	$(VENV)/bin/pybabel extract -w 100 -F translations/babel.cfg -o translations/ua_writer.pot \
		$$(find ua_writer -name '*.py' | LC_ALL=C sort)
	$(VENV)/bin/pybabel update -w 100 -i translations/ua_writer.pot -d translations -D ua_writer
	$(VENV)/bin/pybabel compile -d translations -D ua_writer

wheel: setup-test
	$(VENV)/bin/python -m build --wheel --outdir dist .

# The self-contained one-folder bundle (PyInstaller; no Python needed where it runs) and the
# Debian package made from it with dpkg-deb (no network). Both land in dist/; see docs/install.md.
bundle: setup-bundle
	PYINSTALLER_CONFIG_DIR=build/pyinstaller-cache $(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/ua-writer.spec
	@du -sh dist/ua-writer | sed 's|^|bundle: |'

deb: bundle
	$(VENV)/bin/python packaging/build_deb.py --bundle dist/ua-writer --out dist

# The hicolor PNGs in resources/icons/hicolor/, rendered from resources/icons/ua-writer.svg
icons: setup
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python packaging/icons.py png

clean:
	rm -rf $(VENV) dist build .pytest_cache
