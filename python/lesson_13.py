"""Lesson 13 in Python: a small JSON service with aiohttp.web (routes, handlers),
dataclasses (the body), exception classes (each with a status code), logging (on
stderr) and argparse (the command line). It serves on a free port, asks itself four
questions with an aiohttp client, prints the answers and stops.

Needs aiohttp: `python3 -m pip install aiohttp` (the other lessons need only Python).
Run it: python3 python/lesson_13.py   (`just compare 13` runs it beside plain-13.rs)
"""
import argparse
import asyncio
import dataclasses
import json
import logging
import os
import sys

try:
    import aiohttp
    from aiohttp import web
except ImportError:
    sys.exit("lesson_13.py needs aiohttp: python3 -m pip install aiohttp")

log = logging.getLogger("lesson_13")


class OrderLog(logging.LoggerAdapter):
    """Puts the order's fields in front of each message, as a tracing span does."""

    def process(self, msg, kwargs):
        return f"order{{item={self.extra['item']!r}}}: {msg}", kwargs


@dataclasses.dataclass
class NewOrder:
    item: str
    quantity: int
    giftWrap: bool = False

    def __post_init__(self):
        # A dataclass does not check types; the Rust struct's `u32` does.
        if not isinstance(self.quantity, int) or self.quantity < 0:
            raise TypeError(f"quantity must be a whole number, not {self.quantity!r}")


class ApiError(Exception):
    status = 500


class NotFound(ApiError):
    status = 404

    def __init__(self, order_id):
        super().__init__(f"no order {order_id}")


class BadBody(ApiError):
    status = 400

    def __init__(self, why):
        super().__init__(f"bad body: {why}")


def compact(value):
    return json.dumps(value, separators=(",", ":"))


@web.middleware
async def errors_as_json(request, handler):
    try:
        return await handler(request)
    except ApiError as error:
        return web.json_response({"error": str(error)}, status=error.status, dumps=compact)


async def hello(request):
    return web.Response(text=f"hello, {request.query.get('name', 'world')}")


async def place(request):
    try:
        details = NewOrder(**await request.json())
    except (ValueError, TypeError) as error:
        raise BadBody(error) from error
    orders = request.app["orders"]
    order = {"id": len(orders) + 1, **dataclasses.asdict(details)}
    orders.append(order)
    OrderLog(log, {"item": details.item}).info("placed id=%d", order["id"])
    return web.json_response(order, status=201, dumps=compact)


async def order(request):
    order_id = int(request.match_info["id"])
    for found in request.app["orders"]:
        if found["id"] == order_id:
            return web.json_response(found, dumps=compact)
    raise NotFound(order_id)


async def main(port):
    app = web.Application(middlewares=[errors_as_json])
    app["orders"] = []
    app.add_routes(
        [
            web.get("/hello", hello),
            web.post("/orders", place),
            web.get(r"/orders/{id:\d+}", order),
        ]
    )
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    host, bound = runner.addresses[0][:2]
    url = f"http://{host}:{bound}"
    log.info("listening url=%s", url)
    async with aiohttp.ClientSession() as client:
        async with client.get(f"{url}/hello?name=Ada") as answer:
            print(answer.status, await answer.text())
        for body in ['{"item":"tea","quantity":2}', '{"item":"tea"}']:
            headers = {"content-type": "application/json"}
            async with client.post(f"{url}/orders", data=body, headers=headers) as answer:
                print(answer.status, await answer.text())
        async with client.get(f"{url}/orders/99") as answer:
            print(answer.status, await answer.text())
    await runner.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A small orders service")
    parser.add_argument("--port", type=int, default=0, help="the port (0: any free one)")
    arguments = parser.parse_args()
    logging.basicConfig(
        level=os.environ.get("LOGLEVEL", "INFO"),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    asyncio.run(main(arguments.port))
