"""The simulated people of bench/load.py (Locust, headless). Not run on its own: bench/load.py starts Locust
with this file and passes, in the environment, the accounts and targets it prepared (LOAD_PLAN) and where to
log (LOAD_LOG_DIR).

Each simulated person is one signed-in account of its own (the session made beforehand in the database), with
an address of their own (X-Real-IP; the app servers read it as deployed behind nginx), on one of the two app
servers. They read the main pages and write the five kinds of thing people write on launch day: supports of
ideas, comments, event registrations, listening votes and pledges. Before a write they open its page (as a
browser does, which also gives the CSRF cookie) and post the form with the token.

Every write is logged to acks.jsonl with what the server said: "acked" only when the answer is the success
the site shows a person (a redirect to the new comment, to the ticket …); "refused" for a 4xx with its page;
"failed" for a 5xx or a broken connection (nothing promised). bench/load.py then checks every acked write
against the database. Every request is logged to requests.jsonl (time, page, status) for the errors around
the fault events.
"""

import itertools
import json
import os
import random
import threading
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
LOG_DIR = Path(os.environ["LOAD_LOG_DIR"])
_numbers = itertools.count()
_lock = threading.Lock()  # gevent greenlets share one thread; the lock costs nothing and keeps lines whole
_acks = (LOG_DIR / "acks.jsonl").open("a", encoding="utf-8")
_requests = (LOG_DIR / "requests.jsonl").open("a", encoding="utf-8")


def _log(stream, record):
    with _lock:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        stream.flush()


@events.request.add_listener
def _on_request(request_type, name, response_time, response_length, response=None, exception=None, start_time=None,
                **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    _log(_requests, {"t": round(start_time or time.time(), 3), "name": name, "status": status or 0,
                     "ms": round(response_time or 0, 1), "error": exception is not None})


@events.quitting.add_listener
def _close(**kwargs):
    _acks.close()
    _requests.close()


class Person(HttpUser):
    wait_time = between(*PLAN["think_seconds"])

    def __init__(self, environment):
        self.number = next(_numbers)
        self.account = PLAN["accounts"][self.number % len(PLAN["accounts"])]
        self.host = PLAN["hosts"][self.number % len(PLAN["hosts"])]
        super().__init__(environment)
        self.supported, self.registered, self.voted = set(), set(), set()
        self.pledges = itertools.count(1)

    def on_start(self):
        self.client.headers["X-Real-IP"] = self.account["ip"]
        self.client.headers["Accept-Language"] = "ja"
        self.client.cookies.set("sessionid", self.account["session"])
        self.csrf = ""
        self.read("/me/", "/me/")
        if PLAN.get("each_write_first"):  # the smoke run: every kind of write is audited, however short the run
            for write in (self.support, self.comment, self.register, self.vote, self.pledge):
                write()

    # Reads --------------------------------------------------------------------------------------------------------

    def read(self, path, name):
        with self.client.get(path, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code == 200:
                response.success()
            else:
                response.failure(f"{response.status_code}")
        self.csrf = self.client.cookies.get("csrftoken", self.csrf)
        return response

    def idea(self):
        return random.choice(PLAN["ideas"])

    @task(6)
    def idea_list(self):
        self.read("/ideas/", "/ideas/")

    @task(6)
    def idea_page(self):
        self.read(f"/ideas/{self.idea()}/", "idea")

    @task(1)
    def big_thread(self):
        self.read(f"/ideas/{PLAN['big_idea']}/", "idea with 1,000 comments")

    @task(2)
    def event_list(self):
        self.read("/events/", "/events/")

    @task(2)
    def conversation_page(self):
        self.read(f"/listening/{PLAN['conversation']}/", "conversation")

    @task(2)
    def me(self):
        self.read("/me/", "/me/")

    @task(2)
    def api(self):
        self.read("/api/v1/ideas", "/api/v1/ideas")

    # Writes -------------------------------------------------------------------------------------------------------

    def post(self, path, name, data, kind, marker, acked):
        """POST `data` with the CSRF token; `acked(response)` says whether the answer is the site's success."""
        if not self.csrf:
            return
        data = {**data, "csrfmiddlewaretoken": self.csrf}
        began = time.time()
        outcome, status = "failed", 0
        try:
            with self.client.post(path, data=data, name=name, catch_response=True, allow_redirects=False) as response:
                status = response.status_code
                if status and status < 400 and acked(response):
                    outcome = "acked"
                    response.success()
                elif 400 <= status < 500:
                    outcome = "refused"
                    response.failure(f"refused {status}")
                else:
                    response.failure(f"{status}")
        finally:
            _log(_acks, {"kind": kind, "person": self.account["id"], **marker, "outcome": outcome,
                         "status": status, "t": round(began, 3)})
        return outcome

    @staticmethod
    def redirects_to(fragment):
        return lambda response: response.status_code == 302 and fragment in response.headers.get("Location", "")

    @task(3)
    def support(self):
        choices = [i for i in PLAN["ideas"] if i not in self.supported]
        if not choices:
            return
        idea = random.choice(choices)
        if self.read(f"/ideas/{idea}/", "idea").status_code != 200:
            return
        self.supported.add(idea)  # acked or not, never again: the audit knows each person's supports
        self.post(f"/ideas/{idea}/support/", "POST support", {"supported": "1"}, "support", {"idea": idea},
                  self.redirects_to(f"/ideas/{idea}/"))

    @task(3)
    def comment(self):
        idea = self.idea()
        if self.read(f"/ideas/{idea}/", "idea").status_code != 200:
            return
        marker = uuid.uuid4().hex
        body = f"負荷試験のコメントです。{marker}"
        self.post(f"/ideas/{idea}/comments/", "POST comment", {"body": body}, "comment",
                  {"idea": idea, "marker": marker}, self.redirects_to("#comment-"))

    @task(2)
    def register(self):
        choices = [e for e in PLAN["events"] if e not in self.registered]
        if not choices:
            return
        event = random.choice(choices)
        if self.read(f"/events/{event}/", "event").status_code != 200:
            return
        self.registered.add(event)
        self.post(f"/events/{event}/register/", "POST registration", {}, "registration", {"event": event},
                  self.redirects_to("/events/tickets/"))

    @task(4)
    def vote(self):
        conversation = PLAN["conversation"]
        choices = [s for s in PLAN["statements"] if s not in self.voted]
        if not choices:
            return
        if self.read(f"/listening/{conversation}/", "conversation").status_code != 200:
            return
        statement, value = random.choice(choices), random.choice([1, -1, 0])
        self.voted.add(statement)
        # A refused vote also redirects to the conversation, with an error notice: the page after it tells.
        def acked(response):
            if response.status_code != 302:
                return False
            page = self.client.get(f"/listening/{conversation}/", name="conversation (after a vote)",
                                   allow_redirects=False)
            return page.status_code == 200 and '<li class="error">' not in page.text
        self.post(f"/listening/{conversation}/vote/", "POST vote", {"statement": statement, "value": value}, "vote",
                  {"statement": statement, "value": value}, acked)

    @task(2)
    def pledge(self):
        open_now = [c for c in PLAN["campaigns"] if c["deadline"] > time.time() + 3]
        if not open_now:
            return
        campaign = random.choice(open_now)["id"]
        if self.read(f"/campaigns/{campaign}/", "campaign").status_code != 200:
            return
        # A unique amount per person and campaign: the audit finds each acked pledge by it.
        amount = 1000 + next(self.pledges)
        self.post(f"/campaigns/{campaign}/pledge/", "POST pledge", {"amount_yen": str(amount)}, "pledge",
                  {"campaign": campaign, "amount": amount}, self.redirects_to("#mine"))
