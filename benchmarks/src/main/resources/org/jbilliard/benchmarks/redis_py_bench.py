"""What a Celery user's code does with Redis: redis-py LPUSH by producer processes, BRPOP by
consumer processes, on one list. Prints one line: RESULT msgs=... seconds=...

usage: redis_py_bench.py URL PRODUCERS CONSUMERS COUNT PAYLOAD(int|64k)
       redis_py_bench.py version      (prints RESULT redis_py=... python=...)
"""
import multiprocessing
import platform
import sys
import time
import uuid

import redis


def _producer(url, key, ready, go, count, payload):
    r = redis.Redis.from_url(url)
    r.rpush(ready, b"r")
    r.blpop(go, 60)
    for i in range(count):
        r.lpush(key, payload if payload is not None else str(i).encode())


def _consumer(url, key, ready, go, done, count):
    r = redis.Redis.from_url(url)
    r.rpush(ready, b"r")
    r.blpop(go, 60)
    for _ in range(count):
        if r.brpop(key, 60) is None:
            raise SystemExit("BRPOP timed out")
    r.rpush(done, b"d")


def main(argv):
    if argv[1:] == ["version"]:
        print("RESULT redis_py=%s python=%s" % (redis.__version__, platform.python_version()))
        return
    url, producers, consumers, count, kind = argv[1], int(argv[2]), int(argv[3]), int(argv[4]), argv[5]
    payload = bytes(64 * 1024) if kind == "64k" else None
    tag = uuid.uuid4().hex
    key, ready, go, done = ("bench:%s:%s" % (tag, n) for n in ("items", "ready", "go", "done"))
    r = redis.Redis.from_url(url)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_producer, args=(url, key, ready, go, count // producers, payload))
             for _ in range(producers)]
    procs += [ctx.Process(target=_consumer, args=(url, key, ready, go, done, count // consumers))
              for _ in range(consumers)]
    for p in procs:
        p.start()
    for _ in procs:
        if r.blpop(ready, 60) is None:
            raise SystemExit("children not ready")
    start = time.monotonic()
    r.rpush(go, *([b"g"] * len(procs)))
    for _ in range(consumers):
        if r.blpop(done, 120) is None:
            raise SystemExit("consumers did not finish")
    seconds = time.monotonic() - start
    for p in procs:
        p.join(60)
    r.delete(key, ready, go, done)
    print("RESULT msgs=%d seconds=%.6f" % ((count // consumers) * consumers, seconds))


if __name__ == "__main__":
    main(sys.argv)
