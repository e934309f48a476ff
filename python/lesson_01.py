"""Lesson 1 in Python: a coroutine function, called without and then with await.

Run it: python3 python/lesson_01.py   (`just compare 1` runs it beside plain-01.rs)
"""
import asyncio
import time


async def greet_after_delay():
    print("Starting...")
    await asyncio.sleep(2)
    print("Hello!")


async def main():
    start = time.perf_counter()
    greeting = greet_after_delay()  # a coroutine object: nothing has run
    print("created the coroutine; nothing has printed yet")
    await greeting
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
