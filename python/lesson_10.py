"""Lesson 10 in Python: a bounded queue between a producer and a consumer, a task that
owns a total and answers through futures, and a worker that stops cleanly on Ctrl-C.

Run it: python3 python/lesson_10.py   (`just compare 10` runs it beside plain-10.rs)
"""
import asyncio
import signal
import time


async def producer(queue):
    for item in range(1, 7):
        await queue.put(item)  # waits while the queue is full
        print(f"queued item {item}")
    await queue.put(None)  # the sentinel: the queue does not close by itself (3.13+: queue.shutdown())


async def actor(requests):
    total = 0
    while True:
        amount, reply = await requests.get()
        total += amount
        reply.set_result(total)


async def main():
    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGINT, stop.set)

    queue = asyncio.Queue(maxsize=2)
    requests = asyncio.Queue()
    tasks = [asyncio.create_task(producer(queue)), asyncio.create_task(actor(requests))]

    while not stop.is_set():
        get = asyncio.create_task(queue.get())
        stopping = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({get, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if stopping in done:
            get.cancel()
            break
        stopping.cancel()
        item = get.result()
        if item is None:
            break
        await asyncio.sleep(0.3)
        reply = loop.create_future()
        await requests.put((item, reply))
        print(f"done with item {item}; total so far {await reply}")

    if stop.is_set():  # whenever it came: while waiting, or while working on an item
        print("Ctrl-C: stopping cleanly")
    for task in tasks:
        task.cancel()

    full = asyncio.Queue(maxsize=1)
    full.put_nowait(1)
    try:
        full.put_nowait(2)  # never waits: raises when the queue is full
    except asyncio.QueueFull:
        print("put_nowait on a full queue: QueueFull, item 2 not queued")

    stopping = asyncio.Event()  # what every worker checks

    async def worker():
        beats = 0
        while not stopping.is_set():
            try:
                await asyncio.wait_for(stopping.wait(), 0.1)
            except asyncio.TimeoutError:
                beats += 1
        return beats

    beating = asyncio.create_task(worker())
    await asyncio.sleep(0.25)
    stopping.set()
    print(f"a worker stopped by its event after {await beating} beats")
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
