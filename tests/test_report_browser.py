"""The HTML report in a real browser: headless Chromium (the `browser` fixture, see browser.py) opens
generated pages from file:// URLs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from browser import console_errors

import verify
from test_batch_summary import document, finding, write_tables
from test_report_html import COUNCIL
from verify.batch.summary import write_summary
from verify.report.html import render_html, render_index

HOSTILE = ("Assembly <script>document.title='pwned';window.__pwned=1;alert(1)</script> vote\n"
           "The \"><img src=x onerror=\"window.__pwned2=1;alert(2)\"> chamber of 15 members voted 9 to 4, "
           "{{ 7*7 }} with 2 abstentions. <svg onload=\"window.__pwned3=1\"></svg>\n")

LONG_WORD = "https://example.org/" + "a-very-long-address-segment/" * 12


@pytest.fixture(scope="module")
def reports() -> dict[str, tuple[verify.Report, str]]:
    wide_text = COUNCIL + LONG_WORD + "\n"
    return {"council": (verify.check_text(COUNCIL, date="2016-10-08", id="council.txt",
                                          title="Council rejects draft"), COUNCIL),
            "hostile": (verify.check_text(HOSTILE, date="2016-10-08", id="hostile.txt",
                                          title="<script>window.__pwned4=1</script>"), HOSTILE),
            "wide": (verify.check_text(wide_text, date="2016-10-08", id="wide.txt"), wide_text)}


@pytest.fixture(scope="module")
def pages(reports, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("reports")
    paths = {}
    for name, (report, text) in reports.items():
        paths[name] = out / f"{name}.html"
        paths[name].write_text(render_html(report, text), encoding="utf-8")
    paths["index"] = out / "index.html"
    paths["index"].write_text(render_index([(r, f"{n}.html") for n, (r, _) in reports.items()]),
                              encoding="utf-8")
    paths["audit"] = audit_page(out / "audit")
    return paths


def audit_page(out: Path) -> Path:
    """The summary page of a batch audit over four documents, one of them failed, one with a page."""
    out.mkdir()
    write_tables(out, [document("quiet.txt", title="Quiet day", claims=1, verified=1),
                       document("loud.txt", title="Loud vote", html="pages/loud vote.html", errors=7, warnings=1),
                       document("broken.txt", status="error", error="broken.txt: binary file, not text"),
                       document("many.txt", title="Many figures", errors=12, warnings=3)],
                 [finding("loud.txt", "V101"), finding("many.txt", "V101"),
                  finding("many.txt", "T101", severity="warning", verdict="suspect")])
    (out / "pages").mkdir()
    (out / "pages" / "loud vote.html").write_text("<!DOCTYPE html><title>Loud vote</title><p>the page</p>",
                                                  encoding="utf-8")
    moment = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    write_summary(out, started=moment, finished=moment + timedelta(seconds=2), engine="local", jobs=1)
    return out / "index.html"


def open_page(driver, path: Path, width: int = 1200, height: int = 900) -> None:
    driver.set_window_size(width, height)
    driver.get(path.as_uri())
    driver.get_log("browser")  # start each page with an empty console


def in_view(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;", element)


def test_marks_render_and_are_visible(browser, pages, reports, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, pages["council"])
    shot = tmp_path / "council.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 1000
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-text mark.first")
    report = reports["council"][0]
    assert len(marks) >= len(report.claims) > 0
    for mark in marks:
        assert mark.is_displayed() and mark.size["width"] > 0 and mark.size["height"] > 0
    nine = browser.find_element(By.ID, "m-c1")
    assert nine.text.endswith("Nine") and nine.get_attribute("data-verdict") == "contradicted"
    style = browser.execute_script(
        "const s = getComputedStyle(arguments[0]), b = getComputedStyle(arguments[0], '::before');"
        "return [s.backgroundColor, s.borderBottomWidth, b.content];", nine)
    assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and style[1] != "0px"
    assert "\u2717" in style[2]  # an icon next to the colour
    tips = browser.find_elements(By.CSS_SELECTOR, ".tip")
    assert tips and not any(t.is_displayed() for t in tips)  # tooltips wait for focus
    assert console_errors(browser) == []


def test_header_shows_what_was_left_out(browser, reports, tmp_path) -> None:
    import dataclasses

    from selenium.webdriver.common.by import By

    report, text = reports["council"]
    page = tmp_path / "held-back.html"
    page.write_text(render_html(dataclasses.replace(report, suppressed=2, baselined=3), text), encoding="utf-8")
    open_page(browser, page, width=390, height=800)  # a phone: the header wraps, the line stays in view
    line = browser.find_element(By.ID, "held-back")
    assert line.is_displayed() and in_view(browser, line)
    assert line.text == "2 findings silenced by comments in the text, 3 known from the baseline"
    assert console_errors(browser) == []


def test_tab_reaches_a_mark_and_shows_its_finding(browser, pages) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(browser, pages["council"])
    browser.find_element(By.TAG_NAME, "body").click()
    active = None
    for _ in range(40):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        active = browser.switch_to.active_element
        if active.tag_name == "mark":
            break
    assert active is not None and active.tag_name == "mark", "Tab never reached a mark"
    tip = browser.find_element(By.ID, active.get_attribute("aria-describedby"))
    assert tip.is_displayed() and in_view(browser, tip)
    target = browser.find_element(By.ID, active.get_attribute("data-target"))
    message = target.find_element(By.CSS_SELECTOR, ".message").text
    assert message and message in tip.text
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", active)
    assert outline not in ("none", "")  # focus is visible
    active.send_keys(Keys.TAB)  # focus moves on: the tooltip goes away
    assert not tip.is_displayed()


def test_hovering_a_mark_shows_its_finding(browser, pages) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(browser, pages["council"])
    mark = browser.find_element(By.ID, "m-c3")
    tip = browser.find_element(By.ID, "tip-m-c3")
    assert not tip.is_displayed()
    ActionChains(browser).move_to_element(mark).perform()
    assert tip.is_displayed() and "R102" in tip.text and "not 3" in tip.text


def test_print_hides_navigation_and_tooltips(browser, pages) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, pages["council"])
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element(By.CSS_SELECTOR, "nav").is_displayed()
        assert browser.find_element(By.ID, "m-c1").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, ".finding").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_clicking_a_mark_jumps_to_its_finding(browser, pages) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, pages["council"], height=600)
    mark = browser.find_element(By.ID, "m-c1")
    target_id = mark.get_attribute("data-target")
    target = browser.find_element(By.ID, target_id)
    assert not in_view(browser, target)
    mark.click()
    assert browser.current_url.endswith(f"#{target_id}")
    assert in_view(browser, target)
    assert browser.switch_to.active_element == target
    assert "V101" in target.text or "R102" in target.text


def test_enter_on_a_mark_jumps_too(browser, pages) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(browser, pages["council"], height=600)
    typo = next(m for m in browser.find_elements(By.CSS_SELECTOR, "mark.first") if m.text.endswith("favo1r"))
    browser.execute_script("arguments[0].focus()", typo)
    typo.send_keys(Keys.ENTER)
    target = browser.find_element(By.ID, typo.get_attribute("data-target"))
    assert in_view(browser, target) and "favour" in target.text


def test_injected_script_runs_nothing(browser, pages) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    open_page(browser, pages["hostile"])
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    flags = browser.execute_script(
        "return [typeof window.__pwned, typeof window.__pwned2, typeof window.__pwned3, typeof window.__pwned4,"
        " document.title, document.images.length, document.querySelectorAll('svg').length]")
    assert flags[:4] == ["undefined"] * 4
    assert flags[4] != "pwned" and flags[4].endswith("<script>window.__pwned4=1</script> (verify)")
    assert flags[5:] == [0, 0]
    article = browser.execute_script(
        "const copy = document.getElementById('article-text').cloneNode(true);"
        "copy.querySelectorAll('.tip').forEach(t => t.remove()); return copy.textContent;")
    assert article == HOSTILE  # shown as written, as text
    assert browser.find_element(By.TAG_NAME, "h1").text == "<script>window.__pwned4=1</script>"
    assert console_errors(browser) == []  # nothing blocked, nothing failed: nothing was there to run


@pytest.mark.parametrize("page", ["council", "wide", "index", "audit"])
def test_phone_width_has_no_horizontal_overflow(browser, pages, page) -> None:
    open_page(browser, pages[page], width=375, height=800)
    widths = browser.execute_script(
        "const d = document.documentElement;"
        "return [d.scrollWidth, d.clientWidth, document.body.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] and widths[2] <= widths[1], widths
    assert widths[3] <= 400  # the window really is phone-sized


def test_index_links_and_sorts(browser, pages) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, pages["index"])

    def order() -> list[str]:
        return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#reports tbody tr td:first-child a")]
    first = order()
    assert len(first) == 3
    browser.find_element(By.CSS_SELECTOR, "th button[data-col='0']").click()
    by_title = order()
    assert by_title == sorted(first, key=str.lower)
    browser.find_element(By.CSS_SELECTOR, "th button[data-col='0']").click()
    assert order() == by_title[::-1]
    browser.find_element(By.LINK_TEXT, "Council rejects draft").click()
    assert browser.current_url.endswith("/council.html")
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text mark")
    assert console_errors(browser) == []


def test_audit_summary_sorts_by_a_count_and_links(browser, pages) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(browser, pages["audit"])

    def order() -> list[str]:
        return [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#reports tbody td:first-child")]
    assert order() == ["broken.txt", "many.txt", "loud.txt", "quiet.txt"]  # failed, then most problems
    assert "failed" in browser.find_element(By.CSS_SELECTOR, "#reports tbody tr.failed").text
    errors = browser.find_element(By.XPATH, "//th/button[normalize-space()='Errors']")
    errors.click()  # numbers: most first, and 12 after 7 would be a text sort
    assert order() == ["many.txt", "loud.txt", "broken.txt", "quiet.txt"]
    assert errors.find_element(By.XPATH, "..").get_attribute("aria-sort") == "descending"
    errors.send_keys(Keys.ENTER)  # the keyboard sorts too: now fewest first (ties keep their order)
    assert order() == ["broken.txt", "quiet.txt", "loud.txt", "many.txt"]
    assert errors.find_element(By.XPATH, "..").get_attribute("aria-sort") == "ascending"
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart-1 g.bar rect")
    assert [b.size["width"] > 0 and b.is_displayed() for b in bars] == [True, True]
    assert bars[0].size["width"] == pytest.approx(2 * bars[1].size["width"], rel=0.02)  # 2 findings to 1
    fills = [browser.execute_script("return getComputedStyle(arguments[0]).fill", b) for b in bars]
    assert len(set(fills)) == 2  # an error rule and a warning rule
    browser.find_element(By.LINK_TEXT, "Loud vote").click()
    assert browser.current_url.endswith("/pages/loud%20vote.html") and "the page" in browser.page_source
    assert console_errors(browser) == []
