"""The moderator page of `modfilter serve` in a real headless Chromium
(Debian's chromium and chromium-driver, driven by python3-selenium),
used as a moderator uses it: check a comment, read the review queue, filter
it, open a comment, label it. Checks what is on screen, and keeps a
screenshot of every state in SCREENSHOTS. Exits 77 (CTest: skipped) only
when Chromium cannot start.

Usage: moderator_page_test.py MODFILTER RULES WORKDIR SCREENSHOTS"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from e2e_support import Checks, ServeProcess  # noqa: E402

SKIP = 77
TOKEN = "page-test-token"
INJECTIONS = [
    '<script>document.title="pwned"</script> darn',
    '<img src=x onerror="document.title=\'pwned\'"> you idiot',
]
check = Checks()


def start_browser(profile):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as error:
        sys.exit("moderator_page_test: %s: install Debian's python3-selenium "
                 "(scripts/install-deps.sh)" % error)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not os.path.exists(chromium) or not os.path.exists(driver):
        print("SKIP: Chromium or chromedriver is not installed (Debian's chromium "
              "and chromium-driver: scripts/install-deps.sh)")
        sys.exit(SKIP)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,900",
                "--user-data-dir=" + profile):
        options.add_argument(arg)
    try:
        return webdriver.Chrome(service=Service(executable_path=driver), options=options)
    except Exception as error:  # Chromium that cannot start: skip, saying why
        print("SKIP: Chromium cannot start here: %s" % str(error).splitlines()[0])
        sys.exit(SKIP)


class Page:
    def __init__(self, browser, screenshots):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        self.browser, self.screenshots, self.By = browser, screenshots, By
        self.wait = lambda condition, timeout=10: WebDriverWait(browser, timeout).until(condition)

    def find(self, css):
        return self.browser.find_element(self.By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.browser.find_elements(self.By.CSS_SELECTOR, css)

    def text(self, css):
        return self.find(css).text

    def open(self, url):
        self.browser.get(url)
        self.wait(lambda b: b.execute_script("return document.body.dataset.ready === 'true'"))

    def reload(self, url):
        """A fresh document at `url` (a hash change alone keeps the page)."""
        self.browser.get(url)
        self.browser.refresh()
        self.wait(lambda b: b.execute_script("return document.body.dataset.ready === 'true'"))

    def type(self, css, value):
        field = self.find(css)
        field.clear()
        field.send_keys(value)

    def wait_text(self, css, predicate, timeout=10):
        try:
            self.wait(lambda b: predicate(self.find(css).text), timeout)
        except Exception:
            pass
        return self.find(css).text

    def shot(self, name):
        path = os.path.join(self.screenshots, name)
        self.browser.save_screenshot(path)
        print("screenshot " + path)


def post(base, path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode("utf-8"),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_check(page):
    page.type("#check-text", "what the fuuuck 😀 Ünïcode darn")
    page.find("#check-button").click()
    verdict = page.wait_text("#check-verdict", lambda t: t != "")
    check(verdict == "REJECT", "the verdict is shown: %r" % verdict)
    marks = [m.text for m in page.find_all("#check-highlighted mark")]
    check(marks == ["fuuuck", "darn"],
          "the matched words are highlighted in the original text, past an emoji "
          "and accents (byte spans converted to UTF-16): %r" % marks)
    check(page.text("#check-highlighted") == "what the fuuuck 😀 Ünïcode darn",
          "the highlighted text is the comment as typed")
    rows = [[td.text for td in r.find_elements(page.By.CSS_SELECTOR, "td")]
            for r in page.find_all("#check-reasons tbody tr")]
    check(len(rows) == 2 and rows[0][:4] == ["profanity.fuck", "profanity", "reject", "fuuuck"] and
          rows[0][4].startswith("Profanity (f-word)") and
          "“fuuuck” read as “fuck” (stretch)" in rows[0][4],
          "each reason shows its rule, category, action, words, explanation and the "
          "disguise undone: %r" % rows)
    check(len(rows) == 2 and rows[1] == ["profanity.darn", "profanity", "review", "darn",
                                         "Mild profanity"],
          "the review reason is listed too: %r" % rows)
    normalized = page.text("#check-normalized")
    check("fuck" in normalized and "fuuuck" not in normalized,
          "the normalised view shows the undone disguise: %r" % normalized)
    page.shot("02-check-verdict.png")

    page.type("#check-text", "have a lovely day")
    page.find("#check-button").click()
    page.wait_text("#check-verdict", lambda t: t == "APPROVE")
    check(page.text("#check-verdict") == "APPROVE" and page.find("#check-no-reasons").is_displayed(),
          "a clean comment is approved with no reason")
    check("Identical to the comment" in page.text("#check-identical"),
          "and its normalised view is the comment itself")
    page.shot("03-check-approve.png")

    for i, text in enumerate(INJECTIONS):
        page.type("#check-text", text)
        page.find("#check-button").click()
        page.wait_text("#check-verdict", lambda t: t == "REVIEW")
        shown = page.text("#check-highlighted")
        check(shown == text, "markup in a comment is shown as text: %r" % shown)
        injected = page.find_all("#check-result script, #check-result img")
        check(injected == [], "no element was made from the comment's markup")
        check(page.browser.title == "modfilter moderator", "no script of the comment ran")
        page.shot("04-check-injection-%d.png" % (i + 1))


def test_queue(page, base, store, modfilter):
    page.browser.get(base + "/#/queue")
    page.wait(lambda b: b.execute_script("return document.body.dataset.ready === 'true'"))
    status = page.wait_text("#queue-status", lambda t: "token" in t)
    check(status == "Enter the admin token to see the queue.", "without the token the queue "
          "asks for it: %r" % status)
    page.shot("05-queue-needs-token.png")

    page.type("#token", TOKEN)
    page.find("#token-save").click()
    status = page.wait_text("#queue-status", lambda t: "newest first" in t)
    rows = page.find_all("#queue tbody tr")
    ids = [r.find_element(page.By.CSS_SELECTOR, "td:nth-child(3)").text for r in rows]
    check(status == "5 comments, newest first." and ids == ["c-6", "c-5", "c-3", "c-2", "c-1"],
          "the review queue lists the comments sent to review, newest first: %r %r" % (status, ids))
    texts = [r.find_element(page.By.CSS_SELECTOR, "td:nth-child(6)").text for r in rows]
    check(texts[0] == INJECTIONS[1] and texts[1] == INJECTIONS[0],
          "markup in queued comments is shown as text: %r" % texts[:2])
    check(page.find_all("#queue script, #queue img") == [] and
          page.browser.title == "modfilter moderator", "and never becomes an element")
    page.shot("06-queue.png")

    def apply(verdict="review", rule="", category="", text="", id_=""):
        from selenium.webdriver.support.ui import Select
        Select(page.find("#filter-verdict")).select_by_value(verdict)
        page.type("#filter-rule", rule)
        Select(page.find("#filter-category")).select_by_value(category)
        page.type("#filter-text", text)
        page.type("#filter-id", id_)
        page.find("#filter-apply").click()
        page.wait_text("#queue-status", lambda t: t != "Loading…")
        return [r.find_element(page.By.CSS_SELECTOR, "td:nth-child(3)").text
                for r in page.find_all("#queue tbody tr")]

    check(apply(verdict="reject") == ["c-4"], "filter by verdict: reject")
    check(apply(verdict="flagged", category="abuse") == ["c-6", "c-2"], "filter by category")
    page.shot("07-queue-filter-category.png")
    check(apply(verdict="any", rule="profanity.fuck") == ["c-4"], "filter by rule")
    check(apply(text="ÜNÏCODE") == [] and apply(text="darn it") == ["c-3", "c-1"],
          "search by text (ASCII letters case-blind)")
    page.shot("08-queue-search-text.png")
    check(apply(id_="c-3") == ["c-3"], "search by the comment's own id")
    check(apply(id_="#2") == ["c-2"], "search by the store's number")
    page.shot("09-queue-search-id.png")

    apply()
    page.find_all("#queue tbody tr")[2].click()  # c-3
    title = page.wait_text("#comment-title", lambda t: t.startswith("Comment #"))
    check(title == "Comment #3 (c-3)", "a row opens the comment's page: %r" % title)
    check([m.text for m in page.find_all("#comment-highlighted mark")] == ["darn"],
          "its matched words are highlighted")
    check(page.text("#comment-label") == "not labelled", "it has no label yet")
    page.shot("10-comment.png")

    page.type("#label-note", "darn is fine <b>here</b>")
    page.find("#label-wrong").click()
    saved = page.wait_text("#label-status", lambda t: t.startswith("Saved"))
    check(saved == "Saved: verdict wrong.", "labelling says it saved: %r" % saved)
    label = page.text("#comment-label")
    check(label.startswith("wrong (") and label.endswith("): darn is fine <b>here</b>"),
          "the label and its note are shown: %r" % label)
    page.shot("11-comment-labelled.png")
    shown = subprocess.run([modfilter, "audit", "show", store, "c-3", "--color", "never"],
                           capture_output=True, text=True).stdout
    check("label:   wrong (" in shown and "): darn is fine <b>here</b>" in shown,
          "the page wrote the label audit label writes:\n" + shown)

    page.browser.execute_script("sessionStorage.setItem('modfilter-token', 'not-the-token');")
    page.reload(base + "/#/comment/" + "%23" + "1")
    status = page.wait_text("#comment-status", lambda t: "token" in t)
    check(status == "Enter the admin token (Review queue) first.",
          "a wrong token shows no comment: %r" % status)
    page.shot("12-comment-wrong-token.png")

    page.browser.execute_script("sessionStorage.setItem('modfilter-token', '%s');" % TOKEN)
    page.reload(base + "/#/comment/c-6")
    page.wait_text("#comment-title", lambda t: t.startswith("Comment #"))
    check(page.text("#comment-highlighted") == INJECTIONS[1] and
          page.find_all("#comment-view img, #comment-view script") == [] and
          page.browser.title == "modfilter moderator",
          "the injection comment's own page shows its markup as text")
    page.shot("13-comment-injection.png")
    # The token is revoked while the comment is open.
    page.browser.execute_script("state.token = 'not-the-token';")
    page.find("#label-correct").click()
    refused = page.wait_text("#label-status", lambda t: t.startswith("Not saved"))
    check(refused == "Not saved: the admin token is missing or wrong.",
          "labelling without the right token is refused: %r" % refused)
    page.shot("14-label-refused.png")


def main():
    modfilter, rules, workdir, screenshots = sys.argv[1:5]
    os.makedirs(workdir, exist_ok=True)
    os.makedirs(screenshots, exist_ok=True)
    for old in os.listdir(screenshots):
        if old.endswith(".png"):
            os.unlink(os.path.join(screenshots, old))
    token = os.path.join(workdir, "admin-token")
    with open(token, "w") as f:
        f.write(TOKEN + "\n")
    store = os.path.join(workdir, "page-audit.db")
    if os.path.exists(store):
        os.unlink(store)

    profile = tempfile.mkdtemp(prefix="modfilter-chromium-")
    browser = start_browser(profile)
    try:
        page = Page(browser, screenshots)
        with ServeProcess(modfilter, ["--rules", rules]) as serve:
            page.open(serve.base + "/#/queue")
            off = page.text("#queue-off")
            check(off == "No audit store: start modfilter serve with --audit FILE to see the "
                  "review queue.", "without --audit the page says how to get the queue: %r" % off)
            page.shot("01-no-audit.png")

        with ServeProcess(modfilter, ["--rules", rules, "--audit", store,
                                      "--admin-token-file", token]) as serve:
            for i, text in enumerate(["darn it", "you idiot", "darn it again", "what the fuck",
                                      INJECTIONS[0], INJECTIONS[1], "lovely day"], start=1):
                post(serve.base, "/v1/screen", {"id": "c-%d" % i, "text": text})
            page.open(serve.base + "/")
            check(page.text("#ruleset").startswith("rules rules@"), "the page names the rule set")
            test_check(page)
            test_queue(page, serve.base, store, modfilter)
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())
