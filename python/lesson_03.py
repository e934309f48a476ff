"""Lesson 3 in Python: awaiting one after another (6 s) vs gather (2 s).

Run it: python3 python/lesson_03.py   (`just compare 3` runs it beside plain-03.rs)
"""
import asyncio
import time

NAMES = ["Alice", "Bob", "Charlie"]


async def greet_after_delay(name):
    print(f"Starting {name}...")
    await asyncio.sleep(2)
    return f"Hello, {name}!"


async def main():
    print("One after another (an await per name):")
    start = time.perf_counter()
    greetings = []
    for name in NAMES:
        greetings.append(await greet_after_delay(name))
    print(greetings)
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")

    print("All at once (gather):")
    start = time.perf_counter()
    greetings = await asyncio.gather(*(greet_after_delay(name) for name in NAMES))
    print(greetings)
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
