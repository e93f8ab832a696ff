"""The protocol operations of one queue handle (redis/PROTOCOL.md), shared by the public classes.

A handle of the protocol performs one operation at a time with increasing sequence numbers; a
Python queue object lets several threads call it at once, so it owns one protocol handle ("lane")
per concurrent caller, as the Java client does.

Thread-safety: every method may be called from any thread; lanes are borrowed under a lock.
"""

import os
import queue as _queue
import socket
import threading
import time

from . import _server
from ._server import IDLE_MS, LEASE_MS, SLICE_S, new_handle_id

_KINDS = ("queue", "joinable", "simple")


class _Lane:
    __slots__ = ("id", "seq", "pending_get")

    def __init__(self):
        self.id = new_handle_id()
        self.seq = 0
        # A get whose reply may be lost, or whose BLMOVE left an item in proc:<h>, must be retried by
        # the next get on this lane with the same sequence number.
        self.pending_get = False


def _code(reply):
    return int(reply[0])


def _text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class Core:
    def __init__(self, server, qid, kind, maxsize, codec_id, lane):
        self.server = server
        self.qid = qid
        self.kind = kind
        self.maxsize = maxsize
        self.codec_id = codec_id
        prefix = "jbq:{%s}:" % qid
        self.prefix = prefix
        self.meta = prefix + "meta"
        self.items = prefix + "items"
        self.slots = prefix + "slots"
        self.unfinished = prefix + "unfinished"
        self.zero = prefix + "unfinished:zero"
        self.address = "%s#jbq=%s" % (server.url, qid)
        self._lock = threading.Condition()
        self._lanes = [lane]
        self._idle = [lane]
        self._borrowed = 0
        self.closed = False
        # A handle attached by the parent for a child it is forking; only set between the fork hooks.
        self.reserved_lane = None
        _server.LEASES.register(self)

    def __repr__(self):
        return "<jbilliard %s %s>" % (self.kind, self.address)

    # ---- life cycle

    @classmethod
    def create(cls, server, kind, maxsize, codec_id):
        assert kind in _KINDS
        bound = maxsize if maxsize > 0 else 0
        owner = "%s@%s pid %d (python)" % (os.environ.get("USER", "?"), socket.gethostname(), os.getpid())
        for _ in range(5):
            qid = new_handle_id()
            lane = _Lane()
            reply = server.script("create", "jbq:{%s}:meta" % qid,
                                  [lane.id, kind, bound, codec_id, LEASE_MS, IDLE_MS, owner])
            if _code(reply) == 0:
                return cls(server, qid, kind, bound, codec_id, lane)
        raise RuntimeError("cannot create a queue on %s: queue id clashes" % server.url)

    @classmethod
    def attach(cls, server, qid, kind):
        lane = _Lane()
        meta = "jbq:{%s}:meta" % qid
        address = "%s#jbq=%s" % (server.url, qid)
        reply = server.script("attach", meta, [lane.id, kind, LEASE_MS])
        code = _code(reply)
        if code == -1:
            raise ValueError("no queue at %s (closed by all its users, expired, or lost in a restart of the server)"
                             % address)
        if code == -3:
            raise ValueError("the queue at %s is a %s, not a %s" % (address, _text(reply[1]), kind))
        if code != 0:
            raise ValueError("the queue at %s speaks protocol version %s; this client speaks version 1"
                             % (address, _text(reply[1]) if len(reply) > 1 else "?"))
        return cls(server, qid, kind, int(reply[1]), _text(reply[2]), lane)

    def release_first_lane(self):
        """Give up this handle at once (an attach refused after the script ran, e.g. a codec mismatch)."""
        self.closed = True
        _server.LEASES.unregister(self)
        try:
            self.server.script("close", self.meta, [lane.id for lane in self._lanes])
        except Exception:
            pass  # the lease lapses by itself

    def reserve_lane_for_child(self):
        """Attach one handle for a child about to be forked (see _LeaseKeeper.before_fork)."""
        self.reserved_lane = None
        if self.closed:
            return
        lane = _Lane()
        reply = self.server.script("attach", self.meta, [lane.id, self.kind, LEASE_MS],
                                   time.monotonic() + _server.FORK_ATTACH_S)
        if _code(reply) == 0:
            self.reserved_lane = lane

    def forget_handles_after_fork(self):
        lane = self.reserved_lane
        self.reserved_lane = None
        self._lock = threading.Condition()
        self._lanes = [] if lane is None else [lane]
        self._idle = list(self._lanes)
        self._borrowed = 0

    def close(self):
        with self._lock:
            if self.closed:
                return
            self.closed = True
            # Blocked callers notice between slices; their lanes are released once they are back, so
            # that no BLMOVE can move an item into a lane that close already released.
            until = time.monotonic() + 2 * SLICE_S + 1.0
            while self._borrowed > 0 and time.monotonic() < until:
                self._lock.wait(until - time.monotonic())
            ids = [lane.id for lane in self._lanes]
        _server.LEASES.unregister(self)
        if ids:
            try:
                self.server.script("close", self.meta, ids)
            except _server.ServerUnavailable:
                pass  # the leases lapse by themselves; any participant's reaper gives back what they held

    def refresh_leases(self):
        with self._lock:
            if self.closed:
                return
            ids = [lane.id for lane in self._lanes]
        deadline = time.monotonic() + _server.REFRESH_S
        if ids:
            self.server.script("lease", self.meta, [LEASE_MS, IDLE_MS] + ids, deadline)
        self.server.script("reap", self.meta, [64], deadline)

    # ---- lanes

    def _borrow(self, for_get):
        with self._lock:
            self._require_open()
            self._borrowed += 1
            for i, lane in enumerate(self._idle):
                if lane.pending_get == for_get:
                    return self._idle.pop(i)
            # A put must not overwrite a pending get's replay record: it takes a new lane then.
            if for_get and self._idle:
                return self._idle.pop()
        lane = _Lane()
        try:
            reply = self.server.script("attach", self.meta, [lane.id, self.kind, LEASE_MS])
            if _code(reply) == -1:
                raise self._gone()
        except BaseException:
            with self._lock:
                self._borrowed -= 1
                self._lock.notify_all()
            raise
        with self._lock:
            self._lanes.append(lane)
        return lane

    def _give_back(self, lane):
        with self._lock:
            self._idle.append(lane)
            self._borrowed -= 1
            self._lock.notify_all()

    def _renew(self, lane, deadline):
        reply = self.server.script("lease", self.meta, [LEASE_MS, IDLE_MS, lane.id], deadline)
        if _code(reply) == -1:
            raise self._gone()

    def _require_open(self):
        if self.closed:
            raise OSError("handle is closed")

    def _gone(self):
        return OSError("no queue at %s any more (closed by all its users, expired, or lost in a restart of the"
                       " server)" % self.address)

    # ---- operations

    def put(self, payload, block, deadline):
        lane = self._borrow(False)
        try:
            lane.seq += 1
            seq = lane.seq
            while True:
                self._require_open()
                reply = self.server.script("put", self.meta, [lane.id, seq, payload], deadline if block else None)
                code = _code(reply)
                if code == 0:
                    return
                if code == -2:
                    self._renew(lane, deadline)
                    continue
                if code == -1:
                    raise self._gone()
                left = None if deadline is None else deadline - time.monotonic()
                if not block or (left is not None and left <= 0):
                    raise _queue.Full()
                self.server.blmove(self.slots, self.prefix + "held:" + lane.id, "LEFT", "RIGHT",
                                   SLICE_S if left is None else min(SLICE_S, left), deadline)
        finally:
            self._give_back(lane)

    def get(self, block, deadline):
        lane = self._borrow(True)
        try:
            if not lane.pending_get:
                lane.seq += 1
            seq = lane.seq
            lane.pending_get = True
            while True:
                self._require_open()
                reply = self.server.take(self.meta, self.prefix + "got:" + lane.id, [lane.id, seq],
                                         deadline if block else None)
                code = _code(reply)
                if code == 0:
                    lane.pending_get = False
                    return reply[1]
                if code == -2:
                    self._renew(lane, deadline)
                    continue
                if code == -1:
                    lane.pending_get = False
                    raise self._gone()
                lane.pending_get = False
                left = None if deadline is None else deadline - time.monotonic()
                if not block or (left is not None and left <= 0):
                    raise _queue.Empty()
                lane.pending_get = True
                lane.pending_get = self.server.blmove(self.items, self.prefix + "proc:" + lane.id, "LEFT", "RIGHT",
                                                      SLICE_S if left is None else min(SLICE_S, left), deadline)
        finally:
            self._give_back(lane)

    def qsize(self):
        self._require_open()
        return self.server.llen(self.items)

    def full(self):
        self._require_open()
        return self.maxsize > 0 and self.server.llen(self.items) >= self.maxsize

    def task_done(self):
        lane = self._borrow(False)
        try:
            lane.seq += 1
            reply = self.server.script("task_done", self.meta, [lane.id, lane.seq])
            code = _code(reply)
            if code == -1:
                raise self._gone()
            if code == 1:
                raise ValueError("task_done() called too many times")
        finally:
            self._give_back(lane)

    def join(self, deadline):
        while True:
            self._require_open()
            if self.server.get_int(self.unfinished, deadline) <= 0:
                return True
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            # A rotation of the one element unfinished:zero holds while nothing is unfinished: it wakes
            # every waiter and consumes nothing.
            self.server.blmove(self.zero, self.zero, "RIGHT", "LEFT", SLICE_S if left is None else min(SLICE_S, left),
                               deadline)
