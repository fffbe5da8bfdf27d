"""Running a coroutine from a test, whatever else the test session has running."""

import asyncio
import threading


def in_own_thread(coroutine):
    """Run the coroutine on an event loop in a thread of its own and return its result. Once the browser tests'
    sync Playwright has started, it keeps an event loop running in the main thread, beside which asyncio.run
    refuses to start."""
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
