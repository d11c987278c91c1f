"""The `make load` scenario: ministry staff filling their assessment, commenting, comparing
countries and downloading a country report, against the production stack on loopback.

Each simulated user signs in as its own load-test account (load/prepare.py) and only edits
its own indicators of its country's draft, reading the response's version from the page and
posting it back as the browser does (optimistic locking). A 409 conflict is a correct
answer of the server: it is recorded under its own name ("autosave: conflict (409)"), not
as an error.

The plan (accounts, indicators, reports) comes from the JSON file named by LOAD_PLAN.
The server stands behind a TLS proxy in production: the requests say so
(X-Forwarded-Proto), and the client sends the Secure `__Host-` cookies over loopback.
"""

import json
import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy
from itertools import count
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from locust.exception import StopUser

LANGUAGE = "en"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
REPORT_POLL_SECONDS = 1.0
REPORT_WAIT_SECONDS = 50.0
VERSION_INPUT = re.compile(
    r'name="r(\d+)-version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="r(\d+)-version"'
)
REPORT_STATUS = re.compile(r'data-status="(\w+)"')
GROUPINGS = ["m49", "igf", "subregion"]
JUSTIFICATIONS = [
    "The Mining Code of 2016 sets out ASM licensing; regulations are pending.",
    "A national programme trains artisanal miners in three regions.",
    "Cooperatives are registered; their oversight is still weak.",
    "Mercury use is tracked through the Minamata national action plan.",
    "Le code minier prévoit des couloirs d'orpaillage ; la mise en œuvre est partielle.",
]

_accounts = iter(PLAN["users"])
_counter = count(1)


def _send_secure_cookies_over_loopback(policy, cookie, request) -> bool:
    """This client plays the TLS-terminating proxy on the loopback interface: it sends the
    Secure (`__Host-`) cookies of the production settings over plain HTTP. Patched on the
    class, since requests copies the cookies into a fresh jar for every request."""
    return True


DefaultCookiePolicy.return_ok_secure = _send_secure_cookies_over_loopback


class MinistryUser(HttpUser):
    """A ministry contributor: mostly fills its indicators, sometimes comments, compares
    countries or downloads a published country report."""

    wait_time = between(1, 3)

    def on_start(self):
        if urlsplit(self.host).hostname not in LOOPBACK:  # this scenario loads loopback only
            self.environment.process_exit_code = 2
            raise StopUser(f"{self.host} is not a loopback address")
        self.account = next(_accounts)
        self.responses = self.account["responses"]
        self.versions: dict[int, int] = {}
        origin = urlsplit(self.host)
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                # Django's CSRF check over HTTPS wants a same-origin Referer.
                "Referer": f"https://{origin.netloc}/{LANGUAGE}/",
                "Accept-Language": LANGUAGE,
            }
        )
        self.sign_in()

    # Helpers.

    def csrf_token(self) -> str:
        for cookie in self.client.cookies:
            if cookie.name.endswith("csrftoken"):
                return cookie.value
        return ""

    def sign_in(self):
        url = f"/{LANGUAGE}/accounts/sign-in/"
        self.client.get(url, name="sign-in page")
        data = {
            "username": self.account["username"],
            "password": PLAN["password"],
            "csrfmiddlewaretoken": self.csrf_token(),
        }
        with self.client.post(
            url, data=data, name="sign-in", allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"sign-in refused ({answer.status_code})")

    def post(self, url: str, data: dict, **kwargs):
        return self.client.post(
            url, data={**data, "csrfmiddlewaretoken": self.csrf_token()}, **kwargs
        )

    # Filling.

    def open_area(self, area: str) -> str:
        url = f"/{LANGUAGE}/assessments/{self.account['assessment']}/areas/{area}/"
        answer = self.client.get(url, name="area page")
        self._remember_versions(answer.text)
        return answer.text

    def _remember_versions(self, html: str):
        for match in VERSION_INPUT.finditer(html):
            pk = int(match.group(1) or match.group(4))
            self.versions[pk] = int(match.group(2) or match.group(3))

    @task(6)
    def fill(self):
        """Open the area of one of my indicators and type in it: a few autosaves."""
        response = random.choice(self.responses)
        self.open_area(response["area"])
        for _keystroke_pause in range(random.randint(1, 3)):
            self.autosave(response["pk"])
            time.sleep(random.uniform(0.5, 1.5))

    def autosave(self, response_pk: int):
        prefix = f"r{response_pk}"
        level = random.choice([*PLAN["levels"], "na", ""])
        data = {
            f"{prefix}-rating": level,
            f"{prefix}-not_applicable_reason": "No ASM activity in the area."
            if level == "na"
            else "",
            f"{prefix}-justification": f"{random.choice(JUSTIFICATIONS)} ({next(_counter)})",
            f"{prefix}-target": random.choice(PLAN["levels"]),
            f"{prefix}-assignee": "",
            f"{prefix}-version": self.versions.get(response_pk, 0),
        }
        url = f"/{LANGUAGE}/assessments/{self.account['assessment']}/responses/{response_pk}/"
        with self.post(
            url, data, name="autosave", headers={"HX-Request": "true"}, catch_response=True
        ) as answer:
            if answer.status_code == 409:
                # The lock did its job; count it apart and take the saved version.
                answer.success()
                events.request.fire(
                    request_type="POST",
                    name="autosave: conflict (409)",
                    response_time=answer.elapsed.total_seconds() * 1000,
                    response_length=len(answer.content),
                    exception=None,
                    context={},
                )
                self.versions.pop(response_pk, None)
                self.open_area(self._area_of(response_pk))
            elif answer.status_code == 200:
                self._remember_versions(answer.text)
            else:
                answer.failure(f"autosave answered {answer.status_code}")

    def _area_of(self, response_pk: int) -> str:
        return next(r["area"] for r in self.responses if r["pk"] == response_pk)

    @task(1)
    def comment(self):
        response = random.choice(self.responses)
        url = (
            f"/{LANGUAGE}/assessments/{self.account['assessment']}/responses/"
            f"{response['pk']}/comments/"
        )
        body = f"Load test comment {next(_counter)}: please check the evidence."
        with self.post(
            url, {"body": body}, name="comment", headers={"HX-Request": "true"},
            catch_response=True,
        ) as answer:  # fmt: skip
            if answer.status_code != 200 or "comment-body" not in answer.text:
                answer.failure(f"comment answered {answer.status_code}")

    # Comparing.

    @task(2)
    def compare_page(self):
        params = {"grouping": random.choice(GROUPINGS)}
        if PLAN["rounds"] and random.random() < 0.5:
            params["round"] = random.choice(PLAN["rounds"])
        self.client.get(f"/{LANGUAGE}/compare/", params=params, name="comparison page")

    @task(2)
    def compare_api(self):
        params = {"framework": PLAN["framework"]["slug"], "group": random.choice(GROUPINGS)}
        if PLAN["rounds"]:
            params["round"] = random.choice(PLAN["rounds"])
        with self.client.get(
            "/api/comparison/", params=params, name="comparison API", catch_response=True
        ) as answer:
            if answer.status_code != 200 or "groups" not in answer.text:
                answer.failure(f"comparison API answered {answer.status_code}")

    # Reports.

    @task(1)
    def download_report(self):
        """Ask for a published country report, follow its build, download the PDF."""
        if not PLAN["reports"]:
            return
        pk = random.choice(PLAN["reports"])
        with self.post(
            f"/{LANGUAGE}/reports/assessments/{pk}/pdf/",
            {"language": LANGUAGE},
            name="report request",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            location = answer.headers.get("Location", "")
            if answer.status_code != 302 or not location:
                answer.failure(f"report request answered {answer.status_code}")
                return
        if "/download/" not in location:
            if not self._wait_for_report(location):
                return
            location = location.rstrip("/") + "/download/"
        with self.client.get(location, name="report download", catch_response=True) as pdf:
            if pdf.status_code != 200 or not pdf.content.startswith(b"%PDF"):
                pdf.failure(f"report download answered {pdf.status_code}")

    def _wait_for_report(self, status_url: str) -> bool:
        deadline = time.monotonic() + REPORT_WAIT_SECONDS
        while time.monotonic() < deadline:
            with self.client.get(
                status_url, name="report status", headers={"HX-Request": "true"},
                catch_response=True,
            ) as answer:  # fmt: skip
                found = REPORT_STATUS.search(answer.text)
                status = found.group(1) if found else None
                if status == "done":
                    return True
                if status == "failed" or answer.status_code != 200:
                    answer.failure(f"report status {status} ({answer.status_code})")
                    return False
            time.sleep(REPORT_POLL_SECONDS)
        events.request.fire(
            request_type="GET", name="report status", response_time=0, response_length=0,
            exception=TimeoutError("report not built in time"), context={},
        )  # fmt: skip
        return False
