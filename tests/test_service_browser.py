"""The editor's page in headless Chromium (the `browser` fixture, see browser.py) against a real
server on 127.0.0.1: paste a story, press Check or Ctrl+Enter, see the marks and the findings in
the page without a reload, refusals shown readably, and no request going anywhere but the server."""

from __future__ import annotations

import json

import pytest
from browser import console_errors
from service_server import serving

from verify.service.settings import Settings

VOTE_ERROR = ("Council vote\n\nThe 15-member Security Council voted 9 in favour and 4 against, with 3 "
              "abstentions.\nRussia and Venezuela voted against.\n")
TYPO = "The committee voted 7 in favo1r and 2 against.\n"


@pytest.fixture(scope="module")
def base():
    with serving(Settings(processes=1)) as url:
        yield url


def open_editor(browser, base: str) -> None:
    browser.get_log("performance")  # from here on, the network log is this page's
    browser.get(f"{base}/")
    browser.get_log("browser")  # start with an empty console
    # a flag on the page itself: a reload would lose it
    browser.execute_script("window.__sameDocument = true")


def type_text(browser, text: str):
    from selenium.webdriver.common.by import By

    area = browser.find_element(By.ID, "text")
    area.clear()
    area.send_keys(text)
    return area


def wait_for(browser, css: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))


def assert_only_local(browser, base: str) -> None:
    """Every request the page made, seen by the network log and by the page itself, went to `base`."""
    sent = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in sent if m["method"] == "Network.requestWillBeSent"]
    assert any(url.endswith("/v1/check") for url in urls)
    assert all(url.startswith(f"{base}/") or url.startswith("data:") for url in urls), urls
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(url.startswith(f"{base}/") for url in resources), resources


def test_check_button_shows_the_marked_report(browser, base) -> None:
    from selenium.webdriver.common.by import By

    open_editor(browser, base)
    type_text(browser, VOTE_ERROR)
    browser.find_element(By.ID, "check").click()
    wait_for(browser, "#result .finding")
    assert browser.execute_script("return window.__sameDocument") is True  # no reload
    article = browser.execute_script(
        "const copy = document.querySelector('#result #article-text').cloneNode(true);"
        "copy.querySelectorAll('.tip').forEach(t => t.remove()); return copy.textContent;")
    assert article == VOTE_ERROR  # the text as typed, with its marks
    marks = browser.find_elements(By.CSS_SELECTOR, "#result mark.first")
    contradicted = [m for m in marks if m.get_attribute("data-verdict") == "contradicted"]
    assert contradicted and all(m.is_displayed() for m in contradicted)
    style = browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", contradicted[0])
    assert style not in ("rgba(0, 0, 0, 0)", "transparent")  # the report's styles apply
    problems = browser.find_elements(By.CSS_SELECTOR, "#result .findings.problems .finding")
    assert "V101" in [p.get_attribute("data-rule") for p in problems]
    contradicted[0].click()  # the report's own script: a mark jumps to its finding
    target = contradicted[0].get_attribute("data-target")
    assert browser.current_url.endswith(f"#{target}")
    assert browser.find_element(By.ID, "status").text == "Checked."
    assert browser.find_element(By.CSS_SELECTOR, "#result h1").text == "Your story"
    assert console_errors(browser) == []  # nothing blocked by the page's CSP, nothing failed
    assert_only_local(browser, base)


def test_ctrl_enter_checks_again(browser, base) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_editor(browser, base)
    area = type_text(browser, VOTE_ERROR)
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_for(browser, "#result .finding[data-rule='V101']")
    area = type_text(browser, TYPO)
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_for(browser, "#result .finding[data-rule='T101']")
    assert not browser.find_elements(By.CSS_SELECTOR, "#result .finding[data-rule='V101']")  # replaced
    assert area.get_attribute("value") == TYPO  # Ctrl+Enter checks; it does not add a line
    assert browser.execute_script("return window.__sameDocument") is True
    assert console_errors(browser) == []
    assert_only_local(browser, base)


def test_json_view(browser, base) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_editor(browser, base)
    type_text(browser, VOTE_ERROR)
    Select(browser.find_element(By.ID, "format")).select_by_value("json")
    browser.find_element(By.ID, "check").click()
    [pre] = wait_for(browser, "#result pre.json")
    report = json.loads(pre.text)
    assert report["schema_version"] == 1 and report["document"]["length"] == len(VOTE_ERROR)
    assert any(f["rule"] == "V101" for f in report["findings"])


def test_a_refusal_is_shown_readably(browser, base) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_editor(browser, base)
    type_text(browser, VOTE_ERROR)
    browser.find_element(By.ID, "check").click()
    wait_for(browser, "#result .finding")
    browser.find_element(By.ID, "text").clear()  # nothing to check
    browser.find_element(By.ID, "check").click()
    problem = browser.find_element(By.ID, "problem")
    WebDriverWait(browser, 60).until(lambda d: problem.is_displayed())
    assert problem.text == "The service refused the text (422): text: empty document"
    assert problem.get_attribute("role") == "alert"
    assert browser.find_element(By.ID, "check").is_enabled()  # ready for the next try
    assert not browser.find_elements(By.CSS_SELECTOR, "#result *")  # no report of the earlier text
