"""billiard's queue classes on a jbilliard Redis queue, shared with Java processes.

    from jbilliard import Queue
    q = Queue(maxsize=5, url="redis://127.0.0.1:6379/0")   # create; q.address() names it
    q = Queue(address="redis://127.0.0.1:6379/0#jbq=...")  # attach to one Java (or Python) created

Semantics are billiard's (put/get with block and timeout, queue.Empty / queue.Full, qsize/empty/full,
close/join_thread/cancel_join_thread, task_done/join), with the Redis context's documented
deviations: put() returns once the item is on the server (there is no feeder thread, so
cancel_join_thread() has nothing to cancel and an item that cannot be encoded fails in put() itself
with TypeError or ValueError); empty() agrees with qsize(); a consumer that dies after the server
handed it an item but before it received it has the item given back to the head of the queue.

Thread-safety: a queue object may be used by any number of threads at once.
"""

import queue as _queue
import time

from . import _core, _server
from .codecs import resolve, by_id

Empty = _queue.Empty
Full = _queue.Full

MAX_ITEM_BYTES = 64 * 1024 * 1024
"""The Redis context's default maxItemBytes: a larger encoded item is refused at put."""


def _deadline(block, timeout):
    if not block:
        return None
    if timeout is None:
        return None
    if timeout < 0:
        timeout = 0
    return time.monotonic() + timeout


class _Base:
    _kind = None

    def __init__(self, maxsize=0, *, url=None, address=None, codec=None, username=None, password=None):
        if address is not None:
            server_url, qid = _server.parse_address(address)
            server = _server.server_for(server_url, username, password)
            core = _core.Core.attach(server, qid, self._kind)
            if codec is None:
                try:
                    chosen = by_id(core.codec_id)
                except ValueError:
                    core.release_first_lane()
                    raise
            else:
                chosen = resolve(codec)
                if chosen.id != core.codec_id:
                    core.release_first_lane()
                    raise ValueError("the queue at %s uses the codec %r, this handle brings %r"
                                     % (core.address, core.codec_id, chosen.id))
        else:
            import os
            chosen = resolve(codec)
            server = _server.server_for(url or os.environ.get("JBILLIARD_REDIS_URL") or _server.DEFAULT_URL,
                                        username, password)
            core = _core.Core.create(server, self._kind, int(maxsize), chosen.id)
        self._core = core
        self._codec = chosen
        self._maxsize = core.maxsize if core.maxsize > 0 else 2147483647

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self._core.address)

    def address(self):
        """The address another process (Python or Java) attaches with: redis://host:port/db#jbq=<id>."""
        return self._core.address

    @property
    def codec(self):
        return self._codec

    def _encode(self, obj):
        payload = self._codec.encode(obj)
        if len(payload) > MAX_ITEM_BYTES:
            raise ValueError("an item of %d encoded bytes exceeds the queue's limit of %d bytes"
                             % (len(payload), MAX_ITEM_BYTES))
        return payload

    def _decode(self, payload):
        return self._codec.decode(payload)

    def close(self):
        """Release this handle (billiard: no more puts from this process). put() has already put
        everything on the server, so nothing is lost; the last handle to close deletes the queue."""
        self._core.close()

    def join_thread(self):
        """billiard's join_thread(): only after close(); nothing to wait for (put is synchronous)."""
        if not self._core.closed:
            raise AssertionError("Queue %r not closed" % self)

    def cancel_join_thread(self):
        """Nothing to cancel: put() returns only when the item is on the server."""

    def __getstate__(self):
        # Another process attaches by address instead of sharing this process's protocol handles.
        return {"address": self._core.address, "codec": self._codec.id}

    def __setstate__(self, state):
        self.__init__(address=state["address"], codec=state["codec"])


class Queue(_Base):
    """billiard.Queue(maxsize=0) on a Redis queue."""

    _kind = "queue"

    def put(self, obj, block=True, timeout=None):
        if self._core.closed:
            raise AssertionError("put() on closed %r" % self)
        payload = self._encode(obj)
        self._core.put(payload, block, _deadline(block, timeout))

    def get(self, block=True, timeout=None):
        return self._decode(self._core.get(block, _deadline(block, timeout)))

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return self._core.qsize()

    def empty(self):
        return self._core.qsize() == 0

    def full(self):
        return self._core.full()


class JoinableQueue(Queue):
    """billiard.JoinableQueue(maxsize=0) on a Redis queue: unfinished tasks are counted on the server,
    so task_done() and join() work across processes and languages."""

    _kind = "joinable"

    def task_done(self):
        """Mark one task done; ValueError('task_done() called too many times') as billiard."""
        self._core.task_done()

    def join(self, timeout=None):
        """Block until every item put on the queue (by any process) is task_done(). Beyond billiard:
        with a timeout in seconds, return False if tasks are still unfinished when it expires."""
        done = self._core.join(None if timeout is None else time.monotonic() + max(0, timeout))
        return None if timeout is None else done


class SimpleQueue(_Base):
    """billiard.SimpleQueue() on a Redis queue: get(), put(obj), empty(), close(); get_payload() and
    send_payload(bytes) move bytes unchanged."""

    _kind = "simple"

    def __init__(self, *, url=None, address=None, codec=None, username=None, password=None):
        super().__init__(0, url=url, address=address, codec=codec, username=username, password=password)

    def get(self):
        return self._decode(self.get_payload())

    def put(self, obj):
        if self._core.closed:
            raise AssertionError("put() on closed %r" % self)
        self.send_payload(self._encode(obj))

    def get_payload(self):
        return bytes(self._core.get(True, None))

    def send_payload(self, value):
        if self._core.closed:
            raise AssertionError("send_payload() on closed %r" % self)
        value = bytes(value)
        if len(value) > MAX_ITEM_BYTES:
            raise ValueError("a payload of %d bytes exceeds the queue's limit of %d bytes" % (len(value), MAX_ITEM_BYTES))
        self._core.put(value, True, None)

    def empty(self):
        return self._core.qsize() == 0
