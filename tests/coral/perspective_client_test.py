"""Perspective's own Python example against `modfilter serve`: the client
built from the Discovery document, as Perspective's README builds it, with
only the discovery URL changed (Debian's python3-googleapi).

Usage: perspective_client_test.py MODFILTER RULES"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
from e2e_support import Checks, ServeProcess  # noqa: E402

try:
    from googleapiclient import discovery
    from googleapiclient.errors import HttpError
except ImportError as error:
    sys.exit("perspective_client_test: %s: install Debian's python3-googleapi "
             "(scripts/install-deps.sh)" % error)

API_KEY = "a-site-key"
check = Checks()


def main():
    modfilter, rules = sys.argv[1:3]
    with ServeProcess(modfilter, ["--rules", rules]) as serve:
        for url in (serve.base + "/$discovery/rest?version=v1alpha1",
                    serve.base + "/discovery/v1/apis/{api}/{apiVersion}/rest"):
            client = discovery.build(
                "commentanalyzer",
                "v1alpha1",
                developerKey=API_KEY,
                discoveryServiceUrl=url,
            )
            analyze_request = {
                "comment": {"text": "friendly greetings from python"},
                "requestedAttributes": {"TOXICITY": {}},
            }
            response = client.comments().analyze(body=analyze_request).execute()
            check(response["attributeScores"]["TOXICITY"]["summaryScore"]["value"] == 0.02,
                  "%s: a friendly comment scores 0.02: %r" % (url, response))
            response = client.comments().analyze(body={
                "comment": {"text": "I will kill you"},
                "requestedAttributes": {"THREAT": {}, "TOXICITY": {}},
                "spanAnnotations": True}).execute()
            scores = response["attributeScores"]
            check(scores["THREAT"]["summaryScore"]["value"] == 0.95 and
                  scores["THREAT"]["spanScores"][0]["begin"] == 7,
                  "%s: a threat scores 0.95 with its span: %r" % (url, scores))
            response = client.comments().suggestscore(body={
                "comment": {"text": "darn it"},
                "attributeScores": {"TOXICITY": {"summaryScore": {"value": 0}}},
                "languages": ["en"], "clientToken": "t-1"}).execute()
            check(response == {"requestedLanguages": ["en"], "clientToken": "t-1"},
                  "%s: suggestscore answers: %r" % (url, response))
            try:
                client.comments().analyze(body={"comment": {"text": ""},
                                                "requestedAttributes": {"TOXICITY": {}}}).execute()
                check(False, "an empty comment is refused")
            except HttpError as error:
                check(error.resp.status == 400, "%s: an empty comment is a 400 HttpError" % url)
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())
