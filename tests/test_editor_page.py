"""The editor page end to end in headless Chromium (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = (
    os.environ.get("WORDING_GUARD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page(base_url):  # type: ignore[no-untyped-def]
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(base_url + "/")
        yield page
        browser.close()


def test_editor_highlights_and_applies_a_suggestion(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#input", "各单位要认真布署今年的防汛工作。")
    page.click("#check")
    mark = page.locator("#view mark").first
    mark.wait_for()
    assert mark.inner_text() == "布署"
    assert "improper" in (mark.get_attribute("class") or "")
    assert "部署" in (mark.get_attribute("title") or "")
    assert "发现 1 处问题" in page.inner_text("#summary")
    page.click("button.apply")
    # a locator's wait, not wait_for_function: a string predicate is eval'd, which the
    # page's Content-Security-Policy forbids (it fails whenever the first check is too early)
    from playwright.sync_api import expect

    expect(page.locator("#summary")).to_have_text("未发现问题")
    assert page.input_value("#input") == "各单位要认真部署今年的防汛工作。"


def test_editor_shows_service_errors(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#input", "<p>内容</p>")
    page.check("input[value=html]")
    page.fill("#date", "2024-03-05")
    page.click("#check")
    # a locator's wait, not wait_for_function: a string predicate is eval'd, which the
    # page's Content-Security-Policy forbids (it fails whenever the first check is too early)
    from playwright.sync_api import expect

    expect(page.locator("#summary")).to_have_text("未发现问题")
    assert page.inner_text("#error") == ""
