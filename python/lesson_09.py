"""Lesson 9 in Python: a limit on how many run at once, results as they finish,
errors as values, a retry with backoff, and a deadline for a batch.

Run it: python3 python/lesson_09.py   (`just compare 9` runs it beside plain-09.rs)
The requests are simulated with asyncio.sleep, as in the Rust plain version.
"""
import asyncio
import time


async def fetch(name, seconds):
    if seconds == 0:
        raise RuntimeError(f"{name}: HTTP 500")
    await asyncio.sleep(seconds)
    return name


async def main():
    start = time.perf_counter()

    sem = asyncio.Semaphore(2)

    async def limited():
        async with sem:  # at most two inside at once
            return await fetch("page", 0.3)

    await asyncio.gather(*(limited() for _ in range(6)))
    print(f"six requests, two at a time: {time.perf_counter() - start:.2f} s")

    jobs = [("slow", 0.3), ("quick", 0.1), ("middle", 0.2)]
    for next_done in asyncio.as_completed([fetch(n, s) for n, s in jobs]):
        print(f"finished: {await next_done!r}")

    outcomes = await asyncio.gather(
        fetch("a", 0.1), fetch("b", 0), fetch("c", 0.2), return_exceptions=True
    )
    print(f"all outcomes: {outcomes!r}")

    wait = 0.1
    for attempt in range(1, 5):
        ok = attempt == 4
        print(f"attempt {attempt}: {'done' if ok else 'HTTP 503'}")
        if ok:
            break
        await asyncio.sleep(wait)
        wait *= 2

    jobs = [("a", 0.3), ("b", 0), ("c", 2.0)]
    tasks = {asyncio.create_task(fetch(n, s)): n for n, s in jobs}
    done, pending = await asyncio.wait(tasks, timeout=1)
    finished = sorted(
        f"{tasks[t]} {'failed' if t.exception() else 'ok'}" for t in done
    )
    for task in pending:  # asyncio.wait leaves them running: cancel them here
        task.cancel()
    print(f"within 1 s: {', '.join(finished)}; unfinished: {len(pending)}")
    print(f"Total time: {time.perf_counter() - start:.2f} seconds")


asyncio.run(main())
