"""Lesson 12 in Python: the habits behind async Rust's compiler errors, which Python runs
as written (nothing checks ownership, threads or error types before the program runs).

Run it: python3 python/lesson_12.py   (`just compare 12` runs it beside plain-12.rs)
"""
import asyncio


class Client:
    async def get(self, url):
        return len(url)


async def read_port(text):
    return int(text)


async def main():
    # 1. Any object may be used in a task: the loop runs every task on one thread.
    name = "report.txt"

    async def job():
        await asyncio.sleep(0)
        return len(name)

    print(f"spawned task: {await asyncio.create_task(job())} chars")

    # 2. Every coroutine shares the one client: no question of who owns it.
    client = Client()
    urls = ["https://a.example", "https://bb.example"]
    lengths = await asyncio.gather(*(client.get(url) for url in urls))
    print(f"shared client: {list(lengths)}")

    # 3. An exception may leave any coroutine; nothing says which.
    try:
        port = await read_port("8080")
        print(f"port: Ok({port})")
    except ValueError as error:
        print(f"port: Err({error})")


asyncio.run(main())
