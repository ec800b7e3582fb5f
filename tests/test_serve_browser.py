"""A person's path through the pages, in a real headless Chromium driven by Selenium.

Debian's chromium and chromium-driver (``make test`` installs them when missing) at
/usr/bin/chromium and /usr/bin/chromedriver; nothing is downloaded. The server is a real
``ssegraph serve`` on 127.0.0.1.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from ssegraph.serve.http import KEEP_ALIVE
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
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # the requests made
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


def _requested(browser: webdriver.Chrome) -> set[str]:
    """The origins of every request the page has made since the last call (http(s) only)."""
    origins = set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = urlsplit(message["params"]["request"]["url"])
            if url.scheme in ("http", "https"):
                origins.add(f"{url.scheme}://{url.netloc}")
    return origins


def test_a_reader_runs_a_catalogue_example_in_yasgui_and_reads_its_table(
    server: str, browser: webdriver.Chrome
) -> None:
    expected = httpx.get(f"{server}/query/members-as-of.json", timeout=30).json()["table"]
    members = {row[0]["text"] for row in expected["rows"]}  # a member may hold two roles
    wait = WebDriverWait(browser, 30)
    browser.get(server + "/sparql")  # a browser opening the endpoint gets the query page
    button = wait.until(
        expected_conditions.element_to_be_clickable(
            (By.CSS_SELECTOR, "#example-members-as-of button.example")
        )
    )
    button.click()
    rows = ".yasr table.dataTable tbody tr"
    wait.until(lambda _: len(browser.find_elements(By.CSS_SELECTOR, rows)) == len(expected["rows"]))
    shown = browser.find_element(By.CSS_SELECTOR, ".yasr table.dataTable tbody").text
    assert all(member in shown for member in members)
    editor = browser.execute_script(
        "return document.querySelector('.CodeMirror').CodeMirror.getValue()"
    )
    assert "France" in members and "<https://w3id.org/ssegraph/id/org/gpiess>" in editor
    france = browser.find_element(By.CSS_SELECTOR, ".yasr a[href='/id/state/france']")
    assert france.text  # a node of ours links to its page on this server
    assert _requested(browser) == {server}  # no prefix.cc, no LOV, no CDN


def test_the_network_view_plays_over_time_as_the_slider_moves(
    server: str, browser: webdriver.Chrome
) -> None:
    wait = WebDriverWait(browser, 30)
    browser.get(server + "/network?network=union")
    view = browser.find_element(By.CSS_SELECTOR, ".network-view")
    wait.until(lambda _: view.get_attribute("data-visible"))
    every = int(view.get_attribute("data-visible"))
    browser.find_element(By.CSS_SELECTOR, "input.all-years").click()  # to the slider's 2012
    wait.until(lambda _: view.get_attribute("data-visible") != str(every))
    first = int(view.get_attribute("data-visible"))
    slider = browser.find_element(By.CSS_SELECTOR, "input.year")
    counts = [first]
    for _ in range(3):  # 2013, 2014, 2015: the leading group forms, the task force joins
        slider.send_keys(Keys.ARROW_RIGHT)
        counts.append(int(view.get_attribute("data-visible")))
    year = browser.find_element(By.CSS_SELECTOR, "output.year-shown").text
    assert year == "2015" and counts[0] < counts[-1] <= every
    assert len(set(counts)) > 1
    shown = browser.find_element(By.CSS_SELECTOR, "output.visible-count").text
    assert shown.startswith(f"{counts[-1]} nodes")
    legend = browser.find_element(By.CSS_SELECTOR, ".network-legend").text
    assert "State" in legend and "United Nations entity" in legend
    assert _requested(browser) == {server}


def test_a_reader_leaves_the_network_view_for_a_page_after_a_pause(
    server: str, browser: webdriver.Chrome
) -> None:
    # The view's build is a slow job: the pool forks a fresh worker while the browser's
    # connections are open. Past the keep-alive the server closes them; the next page must
    # not be sent on one that a worker still held open (and nobody read).
    browser.get(server + "/network?network=union")
    view = browser.find_element(By.CSS_SELECTOR, ".network-view")
    WebDriverWait(browser, 30).until(lambda _: view.get_attribute("data-visible"))
    time.sleep(KEEP_ALIVE + 1)
    browser.get(server + "/id/org/ilo")
    assert browser.find_element(By.TAG_NAME, "h1").text == "International Labour Organization"


def test_an_actors_page_draws_its_network_when_the_reader_reaches_it(
    server: str, browser: webdriver.Chrome
) -> None:
    browser.get(server + "/id/org/ilo")
    view = browser.find_element(By.CSS_SELECTOR, "#network .network-view")
    assert view.get_attribute("data-visible") is None  # not built before it is seen
    browser.execute_script("arguments[0].scrollIntoView()", view)
    WebDriverWait(browser, 30).until(lambda _: view.get_attribute("data-visible"))
    assert int(view.get_attribute("data-visible")) > 10
