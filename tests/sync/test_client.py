"""OmnitronClient against the simulator over real HTTP on loopback."""

from __future__ import annotations

import datetime as dt
import logging
from email.utils import format_datetime
from typing import Any

import httpx
import pytest

from oms_desktop.simulator import SimulatorServer
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.errors import (
    InvalidAnswer,
    OmnitronConnectionError,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorised,
)
from oms_desktop.sync.settings import OmnitronSettings
from tests.sync.conftest import FakeTime, SimulatorControl, make_client, run

ORDERS = "/api/i1/orders/"


def logins(control: SimulatorControl) -> int:
    return sum(1 for entry in control.requests() if entry["path"].endswith("/auth/login/"))


def test_login_then_list_orders(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    async def scenario() -> list[str]:
        async with make_client(omnitron_settings, fake_time) as client:
            await client.login()
            assert client.logged_in
            return [order.number async for order in client.iter_orders({})]

    numbers = run(scenario())

    assert len(numbers) == 20
    assert len(set(numbers)) == 20
    assert logins(control) == 1


def test_relogin_after_expired_token(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    async def scenario() -> int:
        async with make_client(omnitron_settings, fake_time) as client:
            first = await client.orders_page({"limit": "5"})
            control.expire_tokens()
            second = await client.orders_page({"limit": "5"})
            return len(first.orders) + len(second.orders)

    assert run(scenario()) == 10
    log = control.requests()
    assert [entry["status"] for entry in log if entry["path"].endswith("/auth/login/")] == [
        200,
        200,
    ]
    order_statuses = [entry["status"] for entry in log if entry["path"] == ORDERS]
    assert order_statuses == [200, 401, 200]
    assert fake_time.sleeps == []


def test_wrong_password_raises_unauthorised(
    simulator: SimulatorServer, fake_time: FakeTime, control: SimulatorControl
) -> None:
    secret = "not-the-password-42"
    settings = OmnitronSettings(url=simulator.url, user="station", password=secret)

    async def scenario() -> None:
        async with make_client(settings, fake_time) as client:
            await client.orders_page({})

    with pytest.raises(Unauthorised) as caught:
        run(scenario())

    message = str(caught.value)
    assert "'station'" in message
    assert simulator.url in message
    assert secret not in message
    assert logins(control) == 1, "a rejected login is not retried"


def test_repeated_401_after_relogin_is_unauthorised(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "status": 401, "body": {"detail": "Invalid token."}})

    async def scenario() -> None:
        async with make_client(omnitron_settings, fake_time) as client:
            await client.orders_page({})

    with pytest.raises(Unauthorised, match="right after a new login"):
        run(scenario())
    assert logins(control) == 2, "exactly one new login per call"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("2", 2.0), ("0.2", 0.2), ("date", None)],
    ids=["seconds", "fractional-seconds", "http-date"],
)
def test_rate_limit_waits_for_retry_after(
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
    header: str,
    expected: float | None,
) -> None:
    if header == "date":
        # HTTP dates have whole seconds: 5 s ahead, rounded down, is 4 to 5 s of waiting.
        moment = (fake_time.now + dt.timedelta(seconds=5)).replace(microsecond=0)
        header = format_datetime(moment, usegmt=True)
    control.faults({"path": ORDERS, "status": 429, "retry_after": header, "count": 1})

    async def scenario() -> int:
        async with make_client(omnitron_settings, fake_time, backoff_base=0.01) as client:
            page = await client.orders_page({"limit": "3"})
            assert client.rate_limited_until is None, "cleared by the successful retry"
            return len(page.orders)

    assert run(scenario()) == 3
    assert len(fake_time.sleeps) == 1
    if expected is None:
        assert 4.0 <= fake_time.sleeps[0] <= 5.0
    else:
        assert fake_time.sleeps[0] == pytest.approx(expected)


def test_rate_limit_exhausted_reports_until(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "status": 429, "retry_after": "3"})
    started = fake_time.now

    async def scenario() -> tuple[RateLimited, dt.datetime | None]:
        async with make_client(omnitron_settings, fake_time, backoff_base=0.01) as client:
            with pytest.raises(RateLimited) as caught:
                await client.orders_page({})
            return caught.value, client.rate_limited_until

    error, until = run(scenario())

    assert fake_time.sleeps == [pytest.approx(3.0), pytest.approx(3.0)]
    assert until is not None
    assert error.until == until
    assert until == started + dt.timedelta(seconds=9)
    assert until.strftime("%H:%M:%S") in str(error)


def test_rate_limit_longer_than_cap_gives_up_at_once(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "status": 429, "retry_after": "3600"})

    async def scenario() -> dt.datetime | None:
        async with make_client(omnitron_settings, fake_time) as client:
            with pytest.raises(RateLimited):
                await client.orders_page({})
            # A call made while the limit lasts is not even sent.
            with pytest.raises(RateLimited):
                await client.orders_page({})
            return client.rate_limited_until

    until = run(scenario())

    assert fake_time.sleeps == []
    assert until is not None
    assert (until - fake_time.now).total_seconds() == pytest.approx(3600, abs=1)
    order_requests = [entry for entry in control.requests() if entry["path"] == ORDERS]
    assert len(order_requests) == 1


def test_server_errors_are_retried_with_backoff(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "status": 503, "count": 2})

    async def scenario() -> int:
        async with make_client(omnitron_settings, fake_time, backoff_base=0.5) as client:
            return len((await client.orders_page({"limit": "4"})).orders)

    assert run(scenario()) == 4
    # rng is pinned to 1.0, so the delays are the exponential ceilings 0.5 s and 1 s.
    assert fake_time.sleeps == [pytest.approx(0.5), pytest.approx(1.0)]
    statuses = [entry["status"] for entry in control.requests() if entry["path"] == ORDERS]
    assert statuses == [503, 503, 200]


def test_server_errors_give_up_after_max_attempts(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "status": 502})

    async def scenario() -> None:
        async with make_client(omnitron_settings, fake_time, max_attempts=3) as client:
            await client.orders_page({})

    with pytest.raises(ServerError) as caught:
        run(scenario())
    assert caught.value.status_code == 502
    assert len([entry for entry in control.requests() if entry["path"] == ORDERS]) == 3
    assert len(fake_time.sleeps) == 2


def test_backoff_is_capped(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "status": 500})

    async def scenario() -> None:
        async with make_client(
            omnitron_settings, fake_time, max_attempts=6, backoff_base=1.0, backoff_cap=3.0
        ) as client:
            await client.orders_page({})

    with pytest.raises(ServerError):
        run(scenario())
    assert fake_time.sleeps == [1.0, 2.0, 3.0, 3.0, 3.0]


@pytest.mark.parametrize("body", ["malformed", "truncated", "html"])
def test_broken_bodies_raise_invalid_answer(
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
    body: str,
) -> None:
    rule: dict[str, Any] = {"path": ORDERS, "body": body, "count": 1}
    if body == "html":
        rule["status"] = 200
    control.faults(rule)

    async def scenario() -> int:
        async with make_client(omnitron_settings, fake_time) as client:
            with pytest.raises(InvalidAnswer) as caught:
                await client.orders_page({})
            assert ORDERS in str(caught.value)
            # The client is still usable: the next request succeeds.
            return len((await client.orders_page({"limit": "2"})).orders)

    assert run(scenario()) == 2


def test_html_error_page_is_a_server_error(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "body": "html", "count": 1})

    async def scenario() -> int:
        async with make_client(omnitron_settings, fake_time) as client:
            return len((await client.orders_page({"limit": "2"})).orders)

    assert run(scenario()) == 2
    statuses = [entry["status"] for entry in control.requests() if entry["path"] == ORDERS]
    assert statuses == [502, 200]


def test_dropped_connection_is_retried(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "drop": True, "count": 1})

    async def scenario() -> int:
        async with make_client(omnitron_settings, fake_time) as client:
            return len((await client.orders_page({"limit": "3"})).orders)

    assert run(scenario()) == 3
    assert len(fake_time.sleeps) == 1
    statuses = [entry["status"] for entry in control.requests() if entry["path"] == ORDERS]
    assert statuses == [None, 200]


def test_dropped_connections_exhaust_retries(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults({"path": ORDERS, "drop": True})

    async def scenario() -> None:
        async with make_client(omnitron_settings, fake_time) as client:
            await client.orders_page({})

    with pytest.raises(OmnitronConnectionError):
        run(scenario())
    assert len([entry for entry in control.requests() if entry["path"] == ORDERS]) == 3


def test_forbidden_is_not_retried(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    control.faults(
        {"path": ORDERS, "status": 403, "body": {"detail": "You do not have permission."}}
    )

    async def scenario() -> None:
        async with make_client(omnitron_settings, fake_time) as client:
            await client.orders_page({})

    with pytest.raises(Rejected) as caught:
        run(scenario())
    assert caught.value.status_code == 403
    assert "permission" in caught.value.body
    assert fake_time.sleeps == []
    assert len([entry for entry in control.requests() if entry["path"] == ORDERS]) == 1


def test_unreachable_server_is_connection_error(fake_time: FakeTime) -> None:
    # Port 9 on loopback: nothing listens there, so the connection is refused at once.
    settings = OmnitronSettings(url="http://127.0.0.1:9", user="station", password="x")

    async def scenario() -> None:
        async with make_client(settings, fake_time) as client:
            await client.login()

    with pytest.raises(OmnitronConnectionError, match="auth/login"):
        run(scenario())
    assert len(fake_time.sleeps) == 2


def test_iter_orders_follows_next_links(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    async def scenario() -> list[int]:
        async with make_client(omnitron_settings, fake_time, page_size=6) as client:
            return [order.pk async for order in client.iter_orders({"ordering": "pk"})]

    pks = run(scenario())

    assert len(pks) == 20
    assert pks == sorted(pks)
    queries = control.order_list_queries()
    assert len(queries) == 4
    assert [query.get("page", ["1"])[0] for query in queries] == ["1", "2", "3", "4"]
    assert all(query["ordering"] == ["pk"] for query in queries)


def test_orders_by_ids_batches_id_in(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    async def scenario() -> list[int]:
        async with make_client(omnitron_settings, fake_time) as client:
            everything = [order.pk async for order in client.iter_orders({})]
            control.clear_requests()
            wanted = [*everything[:7], 99_999_999]
            return [order.pk for order in await client.orders_by_ids(wanted, batch_size=3)]

    pks = run(scenario())

    assert len(pks) == 7
    queries = control.order_list_queries()
    assert len(queries) == 3
    assert [len(query["id__in"][0].split(",")) for query in queries] == [3, 3, 2]


def test_update_order_item_status(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime, control: SimulatorControl
) -> None:
    async def scenario() -> tuple[str, int]:
        async with make_client(omnitron_settings, fake_time) as client:
            page = await client.orders_page({"status": "400", "limit": "1"})
            order = page.orders[0]
            item = order.orderitem_set[0]
            answer = await client.update_order_item_status(item.pk, "450")
            assert answer.pk == item.pk
            return order.number, item.pk

    number, item_pk = run(scenario())
    items = {item["pk"]: item["status"] for item in control.order(number)["orderitem_set"]}
    assert items[item_pk] == "450"


def test_update_unknown_item_is_rejected(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime
) -> None:
    async def scenario() -> None:
        async with make_client(omnitron_settings, fake_time) as client:
            await client.update_order_item_status(123_456_789, "450")

    with pytest.raises(Rejected) as caught:
        run(scenario())
    assert caught.value.status_code == 404


def test_channels_and_cargo_companies(
    omnitron_settings: OmnitronSettings, fake_time: FakeTime
) -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        async with make_client(omnitron_settings, fake_time) as client:
            channels = [channel.name for channel in await client.channels()]
            cargo = [company.name for company in await client.cargo_companies()]
            return channels, cargo

    channels, cargo = run(scenario())
    assert "Trendyol" in channels
    assert "Yurtiçi Kargo" in cargo


def _order(pk: int, status: str) -> dict[str, Any]:
    return {
        "pk": pk,
        "number": f"N{pk}",
        "channel": 42,
        "status": status,
        "modified_date": f"2026-12-01T10:00:0{pk}+03:00",
        "orderitem_set": [],
    }


def test_invalid_order_in_page_is_skipped_and_logged(
    fake_time: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    # The simulator only stores valid statuses, so this page comes from a mock transport.
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login/"):
            return httpx.Response(200, json={"key": "k-123456"})
        results = [_order(1, "400"), _order(2, "12345"), _order(3, "400")]
        return httpx.Response(
            200, json={"count": 3, "next": None, "previous": None, "results": results}
        )

    settings = OmnitronSettings(url="http://127.0.0.1:1", user="u", password="p-secret")
    client = OmnitronClient(settings, transport=httpx.MockTransport(answer), sleep=fake_time.sleep)

    async def scenario() -> Any:
        async with client:
            return await client.orders_page({})

    with caplog.at_level(logging.WARNING, logger="oms_desktop.sync.client"):
        page = run(scenario())

    assert [order.number for order in page.orders] == ["N1", "N3"]
    assert [invalid.ref for invalid in page.invalid] == ["N2"]
    assert page.invalid[0].modified_date == dt.datetime(2026, 12, 1, 7, 0, 2, tzinfo=dt.UTC)
    assert "N2" in caplog.text
    assert "status" in caplog.text


def test_wrong_page_shape_is_invalid_answer(fake_time: FakeTime) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login/"):
            return httpx.Response(200, json={"key": "k-123456"})
        return httpx.Response(200, json={"orders": []})

    settings = OmnitronSettings(url="http://127.0.0.1:1", user="u", password="p")
    client = OmnitronClient(settings, transport=httpx.MockTransport(answer))

    async def scenario() -> None:
        async with client:
            await client.orders_page({})

    with pytest.raises(InvalidAnswer, match="results"):
        run(scenario())


def test_logs_never_show_password_or_token(
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
    caplog: pytest.LogCaptureFixture,
) -> None:
    tokens: list[str] = []

    async def scenario() -> None:
        async with make_client(omnitron_settings, fake_time) as client:
            await client.orders_page({"limit": "1"})
            assert client._token is not None
            tokens.append(client._token)
            logging.getLogger("httpx").debug("sent Authorization: Token %s", client._token)
            logging.getLogger("httpcore.http11").debug(
                "headers [(b'Authorization', b'Token %s')]", client._token
            )

    with caplog.at_level(logging.DEBUG):
        run(scenario())

    assert tokens
    assert tokens[0] not in caplog.text
    assert omnitron_settings.password not in caplog.text
    assert "Token ***" in caplog.text
    assert "HTTP Request: GET" in caplog.text, "httpx still logs the request line"


def test_settings_repr_hides_password(omnitron_settings: OmnitronSettings) -> None:
    assert omnitron_settings.password not in repr(omnitron_settings)
    assert omnitron_settings.url in repr(omnitron_settings)
