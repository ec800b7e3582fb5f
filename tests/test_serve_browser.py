"""A person's path through the pages, in a real headless Chromium driven by Selenium.

Debian's chromium and chromium-driver (``make test`` installs them when missing) at
/usr/bin/chromium and /usr/bin/chromedriver; nothing is downloaded. The server is a real
``ssegraph serve`` on 127.0.0.1.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from ssegraph.servers import running_ssegraph

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TASK_FORCE = "United Nations Inter-Agency Task Force on Social and Solidarity Economy"
# As root, in a sandbox, with no network but loopback: no sandboxing, no background traffic.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-GB",
)  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_ssegraph() as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    with tempfile.TemporaryDirectory() as profile:
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        try:
            yield driver
        finally:
            driver.quit()


def test_a_reader_searches_oit_and_finds_the_ilos_membership_with_its_source(
    server: str, browser: webdriver.Chrome
) -> None:
    wait = WebDriverWait(browser, 20)
    browser.get(server + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("OIT")
    box.submit()
    wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "table.matches")))
    browser.find_element(By.LINK_TEXT, "International Labour Organization").click()
    wait.until(expected_conditions.url_contains("/id/org/ilo"))

    assert browser.find_element(By.TAG_NAME, "h1").text == "International Labour Organization"
    rows = browser.find_elements(By.CSS_SELECTOR, "#member-of tr.membership")
    row = next(row for row in rows if TASK_FORCE in row.text)
    sources = [link.text for link in row.find_elements(By.CSS_SELECTOR, "a.source")]
    assert "member" in row.text
    assert "Présentation" in sources
    assert browser.find_elements(By.CSS_SELECTOR, "svg.neighbourhood a")


def test_a_reader_switches_the_page_to_french(server: str, browser: webdriver.Chrome) -> None:
    browser.get(server + "/id/org/ilo")
    browser.find_element(By.CSS_SELECTOR, "a.switch-language").click()
    WebDriverWait(browser, 20).until(expected_conditions.url_contains("lang=fr"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Organisation internationale du Travail"
    assert browser.find_element(By.CSS_SELECTOR, "#member-of h2").text == "Membre de"
