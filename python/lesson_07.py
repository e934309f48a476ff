"""Lesson 7 in Python: `with` releases at the end of the block; `async with` awaits
its async exit.

Run it: python3 python/lesson_07.py   (`just compare 7` runs it beside plain-07.rs)
"""
import asyncio
import time


class File:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"open {self.name}")
        return self

    def __exit__(self, *exc):
        print(f"close {self.name} (by __exit__)")


class Connection:
    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("connected")
        return self

    async def __aexit__(self, *exc):
        await asyncio.sleep(0.1)
        print("closed politely")


async def main():
    start = time.perf_counter()
    with File("notes.txt"):
        print("reading notes.txt")
    async with Connection():
        print("talking")
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
