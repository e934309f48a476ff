"""Lesson 8 in Python: a timeout, a race, and what a cancelled coroutine still runs.

Run it: python3 python/lesson_08.py   (`just compare 8` runs it beside plain-08.rs)
"""
import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return name


async def long_job():
    try:
        await asyncio.sleep(10)
        print("never printed")
    finally:  # CancelledError was raised at the await; finally runs
        print("cancelled: finally runs, the rest of the job does not")


async def main():
    start = time.perf_counter()
    try:
        name = await asyncio.wait_for(download("slow", 3), 1)
        print(f"{name} finished")
    except asyncio.TimeoutError:
        print("timed out after 1 s")

    a = asyncio.create_task(download("mirror A", 0.3))
    b = asyncio.create_task(download("mirror B", 0.5))
    done, pending = await asyncio.wait({a, b}, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()  # Python's tasks go on unless cancelled
    print(f"{done.pop().result()} won")

    try:
        await asyncio.wait_for(long_job(), 0.2)
    except asyncio.TimeoutError:
        pass

    # asyncio.wait over the queues still open: a None (the sentinel) closes one.
    prices, news = asyncio.Queue(), asyncio.Queue()
    for price in [1, 2, None]:
        prices.put_nowait(price)
    for item in ["hello", None]:
        news.put_nowait(item)
    open_queues = {"price": prices, "news": news}
    taken = []
    while open_queues:
        gets = {asyncio.create_task(q.get()): name for name, q in open_queues.items()}
        done, pending = await asyncio.wait(gets, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        for task in done:
            name, value = gets[task], task.result()
            if value is None:
                del open_queues[name]
            else:
                taken.append(f"{name} {value}")
    taken.sort()
    print(f"took {taken!r}, then both queues were closed".replace("'", '"'))
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
