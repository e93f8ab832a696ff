"""The chaos run's comparison: the same kill-a-participant experiment against billiard.

Each run starts 2 producers and 2 consumers on one billiard Queue, SIGKILLs one participant chosen
by the seed at a moment chosen by the seed, then tries to wind down exactly as the Java run does:
producers finish and flush, consumers get one None each. A run *hangs* when some participant has not
exited within the bound (billiard leaks the lock a killed process held, BEHAVIOUR rows 19-20).
Everything left is killed before the next run. Prints one JSON object on stdout.
"""
import json
import os
import random
import signal
import sys
import time

import billiard
from billiard import Process, Queue
import queue as pyqueue


def producer(q, n, large_every, large_size):
    for seq in range(n):
        size = large_size if seq % large_every == large_every - 1 else 16 + seq % 200
        q.put(b"x" * size)
    q.close()
    q.join_thread()


def consumer(q):
    while True:
        try:
            item = q.get(timeout=0.1)
        except pyqueue.Empty:
            continue
        if item is None:
            return


def one_run(rng, bound, items):
    q = Queue(maxsize=64)
    producers = [Process(target=producer, args=(q, items, 25, 300000), daemon=True) for _ in range(2)]
    consumers = [Process(target=consumer, args=(q,), daemon=True) for _ in range(2)]
    everyone = producers + consumers
    for p in everyone:
        p.start()
    time.sleep(rng.uniform(0.05, 0.3))
    victim_index = rng.randrange(len(everyone))
    victim = everyone[victim_index]
    os.kill(victim.pid, signal.SIGKILL)  # billiard 4.1.0's Process has no kill()
    victim.join()
    deadline = time.monotonic() + bound
    for p in producers:
        if p is not victim:
            p.join(max(0.0, deadline - time.monotonic()))
    q.cancel_join_thread()
    for _ in consumers:
        try:
            q.put(None, timeout=max(0.01, deadline - time.monotonic()))
        except pyqueue.Full:
            break
    for p in consumers:
        if p is not victim:
            p.join(max(0.0, deadline - time.monotonic()))
    hung = [p.name for p in everyone if p.is_alive()]
    for p in everyone:
        if p.is_alive():
            os.kill(p.pid, signal.SIGKILL)
    reap_deadline = time.monotonic() + 5
    while any(p.is_alive() for p in everyone) and time.monotonic() < reap_deadline:
        time.sleep(0.01)  # is_alive() reaps; billiard's join() after a kill can fail on a closed sentinel
    q.close()
    return {"victim": "producer" if victim_index < 2 else "consumer", "hung": bool(hung)}


def main():
    seed = int(sys.argv[1])
    runs = int(sys.argv[2])
    bound = float(sys.argv[3])
    items = int(sys.argv[4]) if len(sys.argv) > 4 else 400
    rng = random.Random(seed)
    results = [one_run(rng, bound, items) for _ in range(runs)]
    print(json.dumps({
        "implementation": "billiard " + billiard.__version__,
        "runs": runs,
        "kills": runs,
        "hung_runs": sum(1 for r in results if r["hung"]),
        "bound_seconds": bound,
        "runs_detail": results,
    }))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
