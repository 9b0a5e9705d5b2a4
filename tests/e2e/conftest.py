"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server,
with axe-core for accessibility (WCAG 2.1 AA).

Never `playwright install`: it downloads a browser, which cannot work here. `make test` installs
Debian's chromium when /usr/bin/chromium is missing.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# (fixtures, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_across_contexts(django_db_setup):
    """Browser tests restore the migrations' data (groups, pages) after each flush from the
    copy Django serialised at setup. Django keeps that copy on the connection object, but
    connections are context-local and Playwright's event loop gives the test thread a new
    context, hence a new connection object without the copy. Keeping it on the connection
    class makes it visible to every connection object of this database."""
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser():
    # A missing browser is a failure, not a skip: the browser tests are part of the suite.
    assert CHROMIUM.exists(), "Chromium saknas: kör `make test`, som installerar Debians chromium."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def demo(settings, transactional_db):
    """The demo municipality, made by the real seeder (which runs only with DEBUG on)."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False


def log_in(page, username: str, password: str = "demo") -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violations on the page as it is now."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
