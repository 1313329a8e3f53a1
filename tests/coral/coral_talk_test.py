"""Coral Talk against `modfilter serve`, request for request as Coral makes
them (coralproject/talk server/src/core/server/services/perspective/
perspective.ts and comments/pipeline/phases/toxic.ts):

- the admin's endpoint joined with the operation by Node's path.join, the
  key set with URLSearchParams.set("key", ...);
- POST, Content-Type application/json, body {comment:{text}, doNotStore,
  requestedAttributes:{MODEL:{}}, languages:[locale]} (locales Coral has no
  Perspective language for are sent as "en");
- an 800 ms timeout, redirects refused, any error or non-2xx answer
  publishing the comment unchecked;
- only attributeScores.MODEL.summaryScore.value is read; above the
  threshold (default 0.8) the comment is held back;
- a moderator's decision sent to comments:suggestscore with score 0
  (approved) or 1 (rejected).

Usage: coral_talk_test.py MODFILTER RULES WORKDIR"""

import json
import os
import posixpath
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from e2e_support import Checks, ServeProcess  # noqa: E402

TIMEOUT_SECONDS = 0.8   # Coral's perspective timeout
THRESHOLD = 0.8         # Coral's default toxicity threshold
KEY = "coral key/with+odd=chars"
check = Checks()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        raise urllib.error.HTTPError(args[0].full_url, args[2], "redirect refused", args[4], None)


OPENER = urllib.request.build_opener(NoRedirects)


def coral_url(endpoint, operation, key):
    """new URL(endpoint.trim()); url.pathname = path.join(url.pathname,
    "/" + operation); url.searchParams.set("key", key.trim())."""
    parts = urllib.parse.urlsplit(endpoint.strip())
    # Node's path.join concatenates and normalises; an absolute second
    # part does not restart the path (unlike Python's posixpath.join).
    path = posixpath.normpath((parts.path or "/") + "/" + "/" + operation)
    query = urllib.parse.parse_qsl(parts.query)
    query = [(k, v) for (k, v) in query if k != "key"] + [("key", key.strip())]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path,
                                    urllib.parse.urlencode(query), parts.fragment))


def send(endpoint, operation, body, key=KEY):
    """Coral's sendToPerspective: (ok, status, data, seconds)."""
    request = urllib.request.Request(coral_url(endpoint, operation, key),
                                     data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json"})
    start = time.monotonic()
    try:
        with OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            data = json.loads(response.read().decode("utf-8"))
            return True, response.status, data, time.monotonic() - start
    except urllib.error.HTTPError as error:
        return False, error.code, None, time.monotonic() - start


def coral_screens(endpoint, model, text, locale_language="en", key=KEY):
    """What Coral does with a new comment: 'held', 'published' or
    'published unchecked' (any error), and the score it read."""
    ok, status, data, seconds = send(endpoint, "comments:analyze", {
        "comment": {"text": text}, "doNotStore": True,
        "requestedAttributes": {model: {}}, "languages": [locale_language]}, key)
    check(seconds < TIMEOUT_SECONDS, "%r answered in %.0f ms, within Coral's 800 ms"
          % (text, seconds * 1000))
    if not ok:
        return "published unchecked", status
    score = data["attributeScores"][model]["summaryScore"]["value"]
    return ("held" if score > THRESHOLD else "published"), score


def coral_decides(endpoint, model, text, comment_id, approved):
    return send(endpoint, "comments:suggestscore", {
        "comment": {"text": text},
        "context": {"entries": [{"text": json.dumps({
            "url": "https://news.example/story?commentID=" + comment_id,
            "reply_to_id_Coral_comment_id": None,
            "Coral_comment_id": comment_id})}]},
        "attributeScores": {model: {"summaryScore": {"value": 0 if approved else 1}}},
        "languages": ["en"], "communityId": "Coral:https://news.example",
        "clientToken": "comment:" + comment_id})


def main():
    modfilter, rules, workdir = sys.argv[1:4]
    os.makedirs(workdir, exist_ok=True)
    keys = os.path.join(workdir, "perspective-keys")
    with open(keys, "w") as f:
        f.write(KEY + "\n")
    store = os.path.join(workdir, "coral-audit.db")
    if os.path.exists(store):
        os.unlink(store)

    # With the default scores a review hit (0.6) stays under Coral's 0.8:
    # published, the moderators see it only in modfilter's queue.
    with ServeProcess(modfilter, ["--rules", rules, "--api-keys-file", keys]) as serve:
        endpoint = serve.base + "/v1alpha1"
        check(coral_screens(endpoint, "TOXICITY", "darn it") == ("published", 0.6),
              "default scores: a review hit is published (0.6 <= 0.8)")
        check(coral_screens(endpoint, "SEVERE_TOXICITY", "darn it") == ("published", 0.02),
              "SEVERE_TOXICITY counts rejecting rules only: a review hit scores 0.02")

    # The README's settings: --score-review above the threshold holds review
    # hits too.
    with ServeProcess(modfilter, ["--rules", rules, "--api-keys-file", keys,
                                  "--score-review", "0.85", "--audit", store]) as serve:
        for endpoint in (serve.base + "/v1alpha1", serve.base + "/v1alpha1/",
                         " " + serve.base + "/v1alpha1 "):
            check(coral_screens(endpoint, "SEVERE_TOXICITY", "I will kill you") == ("held", 0.95),
                  "endpoint %r: a threat is held back (0.95)" % endpoint)
        endpoint = serve.base + "/v1alpha1"
        check(coral_screens(endpoint, "TOXICITY", "darn it") == ("held", 0.85),
              "TOXICITY with --score-review 0.85: a review hit is held back too")
        check(coral_screens(endpoint, "TOXICITY", "what a lovely morning") == ("published", 0.02),
              "a clean comment is published (0.02)")
        for model in ("TOXICITY@6", "SEXUALLY_EXPLICIT", "FLIRTATION", "PROFANITY_EXPERIMENTAL"):
            verdict = coral_screens(endpoint, model, "what the fuck")
            check(verdict == ("held", 0.95), "model %s scores, no 400: %r" % (model, verdict))
        check(coral_screens(endpoint, "SEVERE_TOXICITY", "what the fuck", key="wrong")[0]
              == "published unchecked", "a wrong key is an error: Coral publishes unchecked")

        # The moderators approve the held "darn it" (we were wrong) and
        # reject the threat (we were right).
        ok, status, data, _ = coral_decides(endpoint, "TOXICITY", "darn it", "c0ffee-1", True)
        check(ok and data == {"requestedLanguages": ["en"], "clientToken": "comment:c0ffee-1"},
              "suggestscore accepted: %r %r" % (status, data))
        ok, status, _, _ = coral_decides(endpoint, "TOXICITY", "I will kill you",
                                         "c0ffee-2", False)
        check(ok, "suggestscore of a rejection accepted (%r)" % status)

    def audit(*args):
        return subprocess.run([modfilter, "audit"] + list(args), capture_output=True, text=True)

    found = audit("search", store, "--label", "wrong", "--color", "never")
    check("c0ffee-1  profanity.darn  [[darn]] it" in found.stdout,
          "the approved review hit is labelled wrong in the audit store, under Coral's id:\n"
          + found.stdout)
    found = audit("search", store, "--label", "correct", "--color", "never")
    check("c0ffee-2  threat.kill-you  I will [[kill you]]" in found.stdout,
          "the rejected threat is labelled correct:\n"
          + found.stdout)
    number = found.stdout.split()[0]
    shown = audit("show", store, number, "--color", "never")
    check("comments:suggestscore: the moderators rejected it (TOXICITY 1) in "
          "Coral:https://news.example" in shown.stdout, "the label's note says where it came from:\n"
          + shown.stdout)
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())
