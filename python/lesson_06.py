"""Lesson 6 in Python: fetch URLs concurrently with one aiohttp session.

Needs aiohttp: `python3 -m pip install aiohttp` (the other lessons need only Python).
Run it: python3 python/lesson_06.py URL...  (no URL: https://example.com)
`just compare 6` starts the course server and runs it beside plain-06.rs.
"""
import asyncio
import sys
import time

try:
    import aiohttp
except ImportError:
    sys.exit("lesson_06.py needs aiohttp: python3 -m pip install aiohttp")


async def fetch(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return await response.text()


async def main(urls):
    start = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        pages = await asyncio.gather(
            *(fetch(session, url) for url in urls), return_exceptions=True
        )
    for url, page in zip(urls, pages):
        if isinstance(page, Exception):
            print(f"{url}: failed: {page}")
        else:
            print(f"{url}: fetched {len(page)} characters")
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main(sys.argv[1:] or ["https://example.com"]))
