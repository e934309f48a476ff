"""Lesson 4 in Python: create tasks, await their results, cancel one.

Run it: python3 python/lesson_04.py   (`just compare 4` runs it beside plain-04.rs)
"""
import asyncio
import time


async def fetch_number(n):
    await asyncio.sleep(1)
    if n == 0:
        raise ValueError("no number 0")
    return n * 10


async def main():
    start = time.perf_counter()
    tasks = [asyncio.create_task(fetch_number(n)) for n in (1, 2, 0)]
    for task in tasks:
        try:
            print(f"got {await task}")
        except ValueError as error:
            print(f"the task raised: {error}")
    print("three tasks of 1 s each, run together")

    async def slow():
        await asyncio.sleep(10)
        print("done")

    task = asyncio.create_task(slow())
    await asyncio.sleep(0)  # let it start, so cancel() interrupts its sleep
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled: True")
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
