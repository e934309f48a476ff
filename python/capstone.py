"""The capstone's Python twin: fanout in aiohttp.web, the same API as the Rust reference.

Needs aiohttp: `python3 -m pip install aiohttp`.

    python3 python/capstone.py [--port P] [--limit K] [--deadline-ms D] [--retries R]
                               [--cache-ttl-ms T]

GET /health, GET /pages?url=U&url=U..., GET /status: see the book's capstone chapter.
"""

import argparse
import asyncio
import json
import logging
import random
import signal
import sys
import time
from urllib.parse import urlsplit

try:
    import aiohttp
    from aiohttp import web
except ImportError:
    print("error: the capstone's twin needs aiohttp: python3 -m pip install aiohttp", file=sys.stderr)
    sys.exit(1)

MAX_URLS = 100
FIRST_BACKOFF = 0.1
ATTEMPT_MARGIN = 0.1
# Statuses that mean "not now": tried again. Never 501 or 505, nor another 4xx.
TRANSIENT_STATUSES = {408, 429, 500, 502, 503, 504}


class FetchError(Exception):
    """One attempt failed; `transient` says whether another may succeed."""

    def __init__(self, message, transient):
        super().__init__(message)
        self.transient = transient


class Service:
    def __init__(self, args):
        self.args = args
        self.limit = asyncio.Semaphore(args.limit)  # shared by every request
        self.cache = {}  # url -> (stored at, status, chars)
        self.counters = dict(requests_served=0, upstream_requests=0, upstream_in_flight=0, cache_hits=0)
        self.started = time.monotonic()
        self.session = None

    async def start(self, app):
        self.session = aiohttp.ClientSession()

    async def stop(self, app):
        await self.session.close()

    async def attempt(self, url, deadline):
        # One place of the shared limit for this attempt only.
        async with self.limit:
            self.counters["upstream_in_flight"] += 1
            self.counters["upstream_requests"] += 1
            try:
                # A backstop just after the deadline: at the deadline itself the caller's
                # wait_for cancels this attempt and reports "unfinished".
                remaining = max(deadline - time.monotonic(), 0.0) + ATTEMPT_MARGIN
                timeout = aiohttp.ClientTimeout(total=remaining)
                async with self.session.get(url, timeout=timeout) as response:
                    if response.status >= 400:
                        raise FetchError(f"HTTP {response.status}", response.status in TRANSIENT_STATUSES)
                    body = await response.read()
                    try:
                        text = body.decode("utf-8")
                    except UnicodeDecodeError:
                        raise FetchError("the body is not UTF-8 text", False)
                    return response.status, len(text)
            except asyncio.TimeoutError:
                raise FetchError("timed out", True)
            except aiohttp.ClientConnectorError as error:
                raise FetchError(f"could not connect: {error.os_error}", True)
            except aiohttp.ClientError as error:
                raise FetchError(str(error).replace("\n", " "), False)
            finally:
                # Runs on cancellation too (the deadline cancels this coroutine).
                self.counters["upstream_in_flight"] -= 1

    async def fetch(self, url, deadline):
        cached = self.cache.get(url)
        if cached and time.monotonic() - cached[0] < self.args.cache_ttl_ms / 1000:
            self.counters["cache_hits"] += 1
            return dict(status="ok", http_status=cached[1], chars=cached[2], attempts=0, cached=True)
        attempts = 0
        while True:
            attempts += 1
            try:
                status, chars = await self.attempt(url, deadline)
            except FetchError as error:
                full = FIRST_BACKOFF * 2 ** (attempts - 1)
                wait = random.uniform(full / 2, full)
                if not error.transient or attempts >= self.args.retries or time.monotonic() + wait >= deadline:
                    return dict(status="failed", error=str(error), attempts=attempts)
                await asyncio.sleep(wait)
                continue
            if self.args.cache_ttl_ms > 0:
                self.cache[url] = (time.monotonic(), status, chars)
            return dict(status="ok", http_status=status, chars=chars, attempts=attempts, cached=False)

    async def pages(self, request):
        arrived = time.monotonic()
        self.counters["requests_served"] += 1
        urls = []
        for name, value in request.query.items():
            if name != "url":
                return bad_request(f"unknown parameter {name!r}: only url is understood")
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                return bad_request(f"only http and https urls can be fetched: {value!r}")
            urls.append(value)
        if not urls:
            return bad_request("no url given: ask for /pages?url=http://...&url=...")
        if len(urls) > MAX_URLS:
            return bad_request(f"{len(urls)} urls asked for; at most {MAX_URLS}")
        deadline = arrived + self.args.deadline_ms / 1000

        async def one(url):
            try:
                return await asyncio.wait_for(self.fetch(url, deadline), deadline - time.monotonic())
            except asyncio.TimeoutError:
                return dict(status="unfinished")

        outcomes = await asyncio.gather(*(one(url) for url in urls))
        results = [dict(url=url, **outcome) for url, outcome in zip(urls, outcomes)]
        elapsed_ms = int((time.monotonic() - arrived) * 1000)
        counts = {word: sum(r["status"] == word for r in results) for word in ("ok", "failed", "unfinished")}
        logging.info(
            "pages{urls=%d}: answered elapsed_ms=%d ok=%d failed=%d unfinished=%d",
            len(urls), elapsed_ms, counts["ok"], counts["failed"], counts["unfinished"],
        )
        return web.json_response(dict(elapsed_ms=elapsed_ms, results=results))

    async def status(self, request):
        return web.json_response(dict(self.counters, uptime_seconds=int(time.monotonic() - self.started)))


def bad_request(error):
    return web.json_response(dict(error=error), status=400)


async def health(request):
    return web.Response(text="ok")


def parse_args():
    parser = argparse.ArgumentParser(prog="fanout", description="Fetches many pages for one request.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--limit", type=int, default=4)
    parser.add_argument("--deadline-ms", type=int, default=2000)
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--cache-ttl-ms", type=int, default=30000)
    args = parser.parse_args()
    if args.limit < 1 or args.retries < 1 or args.deadline_ms < 1 or not 0 <= args.port <= 65535:
        parser.error("--limit, --retries and --deadline-ms must be at least 1; --port 0..65535")
    return args


async def main():
    args = parse_args()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    service = Service(args)
    app = web.Application()
    app.on_startup.append(service.start)
    app.on_cleanup.append(service.stop)
    app.router.add_get("/health", health)
    app.router.add_get("/pages", service.pages)
    app.router.add_get("/status", service.status)
    runner = web.AppRunner(app, shutdown_timeout=args.deadline_ms / 1000 + 1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", args.port)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    # The first Ctrl-C or SIGTERM drains; a second exits at once with 130.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal():
        if stop.is_set():
            sys.exit(130)
        stop.set()

    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, on_signal)
    await stop.wait()
    logging.info("stopping: no new connections; finishing the requests in flight")
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
