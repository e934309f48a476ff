"""The capstone's Python twin: fanout in aiohttp.web, the same API as the Rust reference.

Needs aiohttp: `python3 -m pip install aiohttp`.

    python3 python/capstone.py [--port P] [--limit K] [--deadline-ms D] [--retries R]
                               [--attempt-timeout-ms A] [--cache-ttl-ms T] [--cache-max N]

GET /health, GET /pages?url=U&url=U..., GET /status: see the book's capstone chapter.
"""

import argparse
import asyncio
import logging
import random
import signal
import sys
import time
from collections import OrderedDict
from urllib.parse import urlsplit

try:
    import aiohttp
    from aiohttp import web
except ImportError:
    print("error: the capstone's twin needs aiohttp: python3 -m pip install aiohttp", file=sys.stderr)
    sys.exit(1)

MAX_URLS = 100
FIRST_BACKOFF = 0.1
# Statuses that mean "not now": tried again. Never 501 or 505, nor another 4xx.
TRANSIENT_STATUSES = {408, 429, 500, 502, 503, 504}


class FetchError(Exception):
    """One attempt failed; `transient` says whether another may succeed, `retry_after`
    (seconds) how long the upstream asked us to wait, if it did."""

    def __init__(self, message, transient, retry_after=None):
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after


# ANCHOR: cache
class Cache:
    """Pages that succeeded: each fresh for `ttl` seconds, at most `max` of them (the
    least recently used goes first), expired ones dropped at every use (the oldest
    first: every entry lives `ttl`, so the scan stops at the first fresh one)."""

    def __init__(self, ttl, max):
        self.ttl, self.max = ttl, max
        self.by_use = OrderedDict()  # url -> (status, chars), least recently used first
        self.by_storing = OrderedDict()  # url -> stored at, oldest first

    def drop_expired(self):
        now = time.monotonic()
        while self.by_storing:
            url, stored = next(iter(self.by_storing.items()))
            if now - stored < self.ttl:
                break
            del self.by_storing[url]
            del self.by_use[url]

    def get(self, url):
        self.drop_expired()
        page = self.by_use.get(url)
        if page is not None:
            self.by_use.move_to_end(url)
        return page

    def put(self, url, status, chars):
        if self.ttl <= 0 or self.max == 0:
            return
        self.drop_expired()
        self.by_use.pop(url, None)
        self.by_storing.pop(url, None)
        while len(self.by_use) >= self.max:
            oldest, _ = self.by_use.popitem(last=False)
            del self.by_storing[oldest]
        self.by_use[url] = (status, chars)
        self.by_storing[url] = time.monotonic()

    def __len__(self):
        self.drop_expired()
        return len(self.by_use)
# ANCHOR_END: cache


# ANCHOR: one_fetch
class InFlight:
    """One fetch per URL at a time: a second ask awaits the first ask's task (shielded,
    so one asker's deadline does not cancel it for the others); when nobody waits any
    more, the task is cancelled."""

    def __init__(self):
        self.fetches = {}  # url -> [task, how many wait for it]

    async def join_or_start(self, url, start):
        entry = self.fetches.get(url)
        if entry is None:
            entry = [asyncio.ensure_future(start()), 0]
            self.fetches[url] = entry
            entry[0].add_done_callback(lambda _, url=url, entry=entry: self.forget(url, entry))
        entry[1] += 1
        try:
            return await asyncio.shield(entry[0])
        finally:
            entry[1] -= 1
            if entry[1] == 0 and not entry[0].done():
                entry[0].cancel()

    def forget(self, url, entry):
        if self.fetches.get(url) is entry:
            del self.fetches[url]
# ANCHOR_END: one_fetch


class Service:
    def __init__(self, args):
        self.args = args
        self.limit = asyncio.Semaphore(args.limit)  # shared by every request
        self.cache = Cache(args.cache_ttl_ms / 1000, args.cache_max)
        self.fetches = InFlight()
        self.counters = dict(requests_served=0, upstream_requests=0, upstream_in_flight=0, cache_hits=0)
        self.started = time.monotonic()
        self.stopping = False
        self.cut = 0  # /pages requests the drain's bound cut
        self.session = None

    async def start(self, app):
        # limit=0: no cap of the connector's own (100 by default); the semaphore is the limit.
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))

    async def stop(self, app):
        await self.session.close()

    # ANCHOR: attempt
    async def attempt(self, url):
        # One place of the shared limit for this attempt only.
        async with self.limit:
            self.counters["upstream_in_flight"] += 1
            self.counters["upstream_requests"] += 1
            try:
                # The attempt's own timeout: a stalled upstream costs one attempt.
                timeout = aiohttp.ClientTimeout(total=self.args.attempt_timeout_ms / 1000)
                async with self.session.get(url, timeout=timeout) as response:
                    if not 200 <= response.status < 300:
                        raise status_error(response)
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
    # ANCHOR_END: attempt

    async def fetch(self, url, deadline):
        cached = self.cache.get(url)
        if cached:
            self.counters["cache_hits"] += 1
            return dict(status="ok", http_status=cached[0], chars=cached[1], attempts=0, cached=True)
        return await self.fetches.join_or_start(url, lambda: self.fetch_upstream(url, deadline))

    # ANCHOR: retries
    async def fetch_upstream(self, url, deadline):
        attempts = 0
        while True:
            attempts += 1
            try:
                status, chars = await self.attempt(url)
            except FetchError as error:
                full = FIRST_BACKOFF * 2 ** (attempts - 1)
                # At least what the upstream asked for (Retry-After), else the backoff.
                wait = max(random.uniform(full / 2, full), error.retry_after or 0)
                if not error.transient or attempts >= self.args.retries:
                    return dict(status="failed", error=str(error), attempts=attempts)
                if time.monotonic() + wait >= deadline:
                    said = f"{error}: that is past the deadline, so no retry" if error.retry_after else str(error)
                    return dict(status="failed", error=said, attempts=attempts)
                await asyncio.sleep(wait)
                continue
            self.cache.put(url, status, chars)
            return dict(status="ok", http_status=status, chars=chars, attempts=attempts, cached=False)
    # ANCHOR_END: retries

    async def pages(self, request):
        try:
            answer = await self.answer(request)
        except asyncio.CancelledError:
            if self.stopping:
                self.cut += 1
            raise
        # Counted when answered (a 400 too); a request cut by the shutdown is not.
        self.counters["requests_served"] += 1
        return answer

    # ANCHOR: pages
    async def answer(self, request):
        arrived = time.monotonic()
        urls = []
        for name, value in request.query.items():
            if name != "url":
                return bad_request(f"unknown parameter {name!r}: only url is understood")
            try:
                parts = urlsplit(value)
                parts.port  # a port that is not a number is refused here
            except ValueError as error:
                return bad_request(f"not a url: {value!r} ({error})")
            if not parts.scheme or not parts.netloc:
                return bad_request(f"not a url: {value!r} (no scheme or host)")
            if parts.scheme not in ("http", "https"):
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
    # ANCHOR_END: pages

    async def status(self, request):
        return web.json_response(
            dict(self.counters, cache_entries=len(self.cache), uptime_seconds=int(time.monotonic() - self.started))
        )


# ANCHOR: status_error
def status_error(response):
    """A status that is not 2xx; a 429 or 503 with Retry-After (seconds) says when to
    come back."""
    retry_after = None
    if response.status in (429, 503):
        try:
            retry_after = int(response.headers.get("Retry-After", ""))
        except ValueError:
            pass
    if retry_after is not None:
        return FetchError(f"HTTP {response.status} (Retry-After: {retry_after} s)", True, retry_after)
    return FetchError(f"HTTP {response.status}", response.status in TRANSIENT_STATUSES)
# ANCHOR_END: status_error


def bad_request(error):
    return web.json_response(dict(error=error), status=400)


async def health(request):
    return web.Response(text="ok")


# ANCHOR: flags
class OneLineParser(argparse.ArgumentParser):
    """argparse, with the course's rule for a bad command line: one line, exit 2."""

    def error(self, message):
        print(f"error: {message}; try fanout --help", file=sys.stderr)
        sys.exit(2)
# ANCHOR_END: flags


def parse_args():
    parser = OneLineParser(prog="fanout", description="Fetches many pages for one request.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--limit", type=int, default=4)
    parser.add_argument("--deadline-ms", type=int, default=2000)
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--attempt-timeout-ms", type=int, default=1000)
    parser.add_argument("--cache-ttl-ms", type=int, default=30000)
    parser.add_argument("--cache-max", type=int, default=10000)
    args = parser.parse_args()
    if not 1 <= args.limit <= 1000 or not 1 <= args.retries <= 20 or not 1 <= args.deadline_ms <= 600_000:
        parser.error("--limit 1..1000, --retries 1..20, --deadline-ms 1..600000")
    if not 1 <= args.attempt_timeout_ms <= 600_000 or not 0 <= args.cache_max <= 1_000_000:
        parser.error("--attempt-timeout-ms 1..600000, --cache-max 0..1000000")
    if not 0 <= args.port <= 65535 or args.cache_ttl_ms < 0:
        parser.error("--port 0..65535, --cache-ttl-ms 0 or more")
    return args


# ANCHOR: serve
async def main():
    args = parse_args()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s fanout: %(message)s")
    service = Service(args)
    app = web.Application()
    app.on_startup.append(service.start)
    app.on_cleanup.append(service.stop)
    app.router.add_get("/health", health)
    app.router.add_get("/pages", service.pages)
    app.router.add_get("/status", service.status)
    # The drain's bound: every /pages answer comes by its deadline; a second more.
    runner = web.AppRunner(app, shutdown_timeout=args.deadline_ms / 1000 + 1)
    # The first Ctrl-C or SIGTERM drains; a second exits at once with 130. Handlers
    # first, then the address: no signal is missed once a client can connect.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal():
        if stop.is_set():
            logging.warning("a second signal: stopping at once")
            # os._exit: no cleanup may hold the exit (sys.exit would unwind the loop).
            import os
            os._exit(130)
        stop.set()

    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, on_signal)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", args.port)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    await stop.wait()
    logging.info("stopping: no new connections; finishing the requests in flight")
    service.stopping = True
    # Waits up to shutdown_timeout for the handlers, then cancels those left.
    await runner.cleanup()
    if service.cut:
        logging.warning("stopped: the drain's bound cut %d requests in flight", service.cut)
        return 1
    return 0
# ANCHOR_END: serve


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
