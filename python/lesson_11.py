"""Lesson 11 in Python: the same ten minutes of reminders, as a test.

Run it: python3 python/lesson_11.py   (`just compare 11` runs it beside plain-11.rs)

asyncio's standard library has no paused clock: asyncio.sleep(120) waits two real
minutes. Tests scale the times down (as here: 1000 times shorter, with the
inaccuracy that brings), or bring a library that fakes the loop's clock (looptime,
for pytest). Rust's tokio has it built in: start_paused = true.
"""
import asyncio
import time
import unittest

SCALE = 1000  # 120 s become 0.12 s: Python waits for real


async def reminders(every, times):
    start = time.perf_counter()
    for n in range(1, times + 1):
        await asyncio.sleep(every / SCALE)
        print(f"reminder {n} at {round((time.perf_counter() - start) * SCALE)} s (scaled)")
    return (time.perf_counter() - start) * SCALE


class RemindersTest(unittest.IsolatedAsyncioTestCase):  # @pytest.mark.asyncio
    async def test_ten_minutes(self):
        took = await reminders(120, 5)
        self.assertAlmostEqual(took, 600, delta=60)  # scaled: only roughly 600


if __name__ == "__main__":
    real = time.perf_counter()
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(RemindersTest)
    result = unittest.TextTestRunner(verbosity=0).run(suite)
    print("ten minutes of reminders checked, scaled down 1000 times")
    print(f"Total time: {time.perf_counter() - real:.2f} seconds")
