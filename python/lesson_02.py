"""Lesson 2 in Python: one event loop, three coroutines, switching while each waits.

Run it: python3 python/lesson_02.py   (`just compare 2` runs it beside plain-02.rs)
"""
import asyncio
import time


async def greet_after_delay(name, seconds):
    print(f"Starting {name}...")
    await asyncio.sleep(seconds)  # the loop runs the other coroutines meanwhile
    print(f"Hello, {name}!")


async def main():
    start = time.perf_counter()
    await asyncio.gather(
        greet_after_delay("Alice", 2),
        greet_after_delay("Bob", 1),
        greet_after_delay("Charlie", 3),
    )
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
