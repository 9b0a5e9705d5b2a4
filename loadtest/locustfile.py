"""50 employees at once for 60 s: reading (start page, forums, a discussion, rooms, search),
posting in forum discussions, commenting on status updates and reporting.

Every write carries a unique marker; a write counts as acknowledged only when the server
answered with its success redirect, and every acknowledged marker is written to
out/acknowledged.json when the run stops, for check.py to look up in the database.

    locust -f loadtest/locustfile.py --headless -u 50 -r 10 --run-time 60s --host URL
"""

import itertools
import json
import random
import re
import threading
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task

OUT = Path(__file__).parent / "out"
TARGETS = json.loads((OUT / "targets.json").read_text())
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_usernames = itertools.cycle(TARGETS["usernames"])
_lock = threading.Lock()
acknowledged: dict[str, list[str]] = {"post": [], "comment": [], "report": []}


def _acknowledge(kind: str, marker: str) -> None:
    with _lock:
        acknowledged[kind].append(marker)


@events.test_stop.add_listener
def _write_acknowledged(**_kwargs):
    (OUT / "acknowledged.json").write_text(json.dumps(acknowledged, indent=1))


class Employee(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        with _lock:
            self.username = next(_usernames)
        self.reported: set[int] = set()
        page = self.client.get("/konto/logga-in/", name="/konto/logga-in/")
        response = self.client.post(
            "/konto/logga-in/", name="/konto/logga-in/ POST", allow_redirects=False,
            data={"username": self.username, "password": TARGETS["password"],
                  "csrfmiddlewaretoken": self._token(page.text)},
        )
        if response.status_code != 302:
            response.failure(f"inloggningen misslyckades ({response.status_code})")

    def _token(self, html: str) -> str:
        found = CSRF_INPUT.search(html)
        return found.group(1) if found else self.client.cookies.get("csrftoken", "")

    def _marker(self) -> str:
        return f"LT-{uuid.uuid4().hex}"

    # --- reading -----------------------------------------------------------------------

    @task(4)
    def start_page(self):
        self.client.get("/", name="/ (startsidan)")

    @task(3)
    def forums(self):
        self.client.get("/forum/", name="/forum/")
        self.client.get(random.choice(TARGETS["discussions"]), name="/forum/[diskussion]")

    @task(2)
    def rooms(self):
        self.client.get("/rum/", name="/rum/")
        if TARGETS["open_rooms"]:
            self.client.get(random.choice(TARGETS["open_rooms"]), name="/rum/[rum]")

    @task(2)
    def search(self):
        self.client.get("/sok/", params={"q": random.choice(TARGETS["searches"])},
                        name="/sok/?q=")

    # --- writing -----------------------------------------------------------------------

    @task(3)
    def post_in_discussion(self):
        url = random.choice(TARGETS["discussions"])
        page = self.client.get(url, name="/forum/[diskussion]")
        marker = self._marker()
        with self.client.post(url, name="/forum/[diskussion] POST", allow_redirects=False,
                              catch_response=True,
                              data={"body": f"Lasttest: {marker}",
                                    "csrfmiddlewaretoken": self._token(page.text)}) as response:
            if response.status_code == 302 and "#inlagg-" in response.headers["Location"]:
                _acknowledge("post", marker)
                response.success()
            else:
                response.failure(f"inlägget togs inte emot ({response.status_code})")

    @task(2)
    def comment_on_status_update(self):
        status = random.choice(TARGETS["status_updates"])
        page = self.client.get(status["url"], name="/profil/[status]")
        marker = self._marker()
        with self.client.post(status["comment_url"], name="/kommentarer/[status] POST",
                              allow_redirects=False, catch_response=True,
                              data={"text": f"Lasttest: {marker}",
                                    "csrfmiddlewaretoken": self._token(page.text)}) as response:
            if response.status_code == 302 and "#kommentar-" in response.headers["Location"]:
                _acknowledge("comment", marker)
                response.success()
            else:
                response.failure(f"kommentaren togs inte emot ({response.status_code})")

    @task(1)
    def report_status_update(self):
        """Each session reports someone else's status update that it has not reported before
        (a second report of the same item by the same person is refused, rightly)."""
        choices = [s for s in TARGETS["status_updates"]
                   if s["pk"] not in self.reported and s["author"] != self.username]
        if not choices:
            return
        status = random.choice(choices)
        self.reported.add(status["pk"])
        url = f"/anmal/profiles.statusupdate/{status['pk']}/"
        page = self.client.get(url, name="/anmal/[status]")
        marker = self._marker()
        with self.client.post(url, name="/anmal/[status] POST", allow_redirects=False,
                              catch_response=True,
                              data={"category": "other", "text": f"Lasttest: {marker}",
                                    "csrfmiddlewaretoken": self._token(page.text)}) as response:
            if response.status_code == 302:
                _acknowledge("report", marker)
                response.success()
            else:
                response.failure(f"anmälan togs inte emot ({response.status_code})")
