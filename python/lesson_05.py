"""Lesson 5 in Python: a ticker keeps ticking while a coroutine awaits, stops while one
blocks the loop, and ticks again when the blocking call moves to a thread.

Run it: python3 python/lesson_05.py   (`just compare 5` runs it beside plain-05.rs)
"""
import asyncio
import time


async def ticks_during(work):
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.1)
            ticks += 1

    task = asyncio.create_task(ticker())
    await work
    task.cancel()
    return ticks


async def blocking_sleep():
    time.sleep(1)  # blocks the event loop's only thread


async def main():
    start = time.perf_counter()
    print(f"awaiting a sleep:        {await ticks_during(asyncio.sleep(1))} ticks")
    print(f"time.sleep:              {await ticks_during(blocking_sleep())} ticks")
    print(f"to_thread:               {await ticks_during(asyncio.to_thread(time.sleep, 1))} ticks")
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
