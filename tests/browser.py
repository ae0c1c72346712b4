"""Headless Chromium for the browser tests: Debian's `chromium` and `chromium-driver` (installed by
.ci/run). Where either or selenium is missing the tests are skipped, with the reason, unless
VERIFY_REQUIRE_BROWSER=1 (as .ci/run sets) makes that a failure."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def unavailable(reason: str) -> None:
    """Skip, saying why; where the browser is required (VERIFY_REQUIRE_BROWSER=1, as .ci/run sets), fail."""
    if os.environ.get("VERIFY_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@contextlib.contextmanager
def chromium(profile: Path) -> Iterator:
    """A driver for headless Chromium with an empty profile (thrown away after), keeping the console
    and the network (performance) logs."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        unavailable(f"the headless browser test needs {' and '.join(missing)} "
                    "(apt-get install chromium chromium-driver; .ci/run installs them)")
    try:
        from selenium import webdriver
    except ImportError:
        unavailable("the headless browser test needs selenium (pip install -e '.[test]')")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)  # Debian's browser: selenium must not fetch one of its own
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={profile}", "--window-size=1200,900", "--no-first-run",
                "--disable-extensions", "--disable-background-networking"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
