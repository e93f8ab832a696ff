"""Connection to a Redis server, the protocol's Lua scripts, and the process's lease keeper.

The scripts are the ones the Java client runs, loaded from ``jbilliard/lua`` (in the repository a
symbolic link to ``redis/src/main/resources/org/jbilliard/redis/lua``, the one copy both languages
ship; an installed package carries the files themselves). The protocol is redis/PROTOCOL.md.

Thread-safety: a Server is shared by every queue of the process on that server and may be used by
any thread (redis-py's client is thread-safe). The lease keeper is one daemon thread per process.
"""

import atexit
import os
import secrets
import threading
import time
import urllib.parse
import weakref

import redis

LEASE_MS = 3000
"""A handle's lease lifetime: the Java client's default (3 s), refreshed every REFRESH_S."""
REFRESH_S = 1.0
IDLE_MS = 3600 * 1000
"""A queue whose every participant vanished expires after an hour without a refresh."""


def _slice_from_environment():
    text = os.environ.get("JBILLIARD_BLOCK_SLICE")
    if not text:
        return 0.1
    value = float(text)
    if not 0.01 <= value <= 10:
        raise ValueError("JBILLIARD_BLOCK_SLICE must be between 0.01 and 10 seconds, not %r" % text)
    return value


SLICE_S = _slice_from_environment()
"""Longest single BLMOVE wait (default 0.1 s, the Java client's blockSlice; JBILLIARD_BLOCK_SLICE in
seconds to change it), so that deadlines, close() and KeyboardInterrupt are noticed."""
COMMAND_TIMEOUT_S = 10.0
"""How long a call without a deadline of its own keeps retrying an unreachable server."""
FORK_ATTACH_S = 2.0
"""How long a fork waits for the server to attach the child's handle of each open queue."""
DEFAULT_URL = "redis://127.0.0.1:6379/0"

_SCRIPTS = ("create", "attach", "lease", "reap", "put", "get", "task_done", "close")
_LUA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lua")


class ServerUnavailable(ConnectionError):
    """The Redis server could not be reached before the call's deadline (the Java client's
    ServerUnavailableException). The call had no effect, or its retry with the same sequence
    number is replayed by the server, so nothing is duplicated."""


def new_handle_id():
    return secrets.token_hex(8)


def _load_scripts():
    sources = {}
    for name in _SCRIPTS:
        path = os.path.join(_LUA_DIR, name + ".lua")
        try:
            with open(path, encoding="utf-8") as f:
                sources[name] = f.read()
        except OSError as e:
            raise RuntimeError(
                "the jbilliard package lacks its protocol script %s (%s): install it with "
                "'pip install ./python' from a clone of the repository, which includes redis/src/main/"
                "resources/org/jbilliard/redis/lua" % (path, e)) from None
    return sources


def parse_address(address):
    """Split ``redis://host:port/db#jbq=<id>`` into the server URL and the queue id."""
    if not isinstance(address, str) or "#jbq=" not in address:
        raise ValueError("not a jbilliard Redis queue address (expected redis://host:port/db#jbq=<id>): %s"
                         % _redact(address))
    url, _, qid = address.partition("#jbq=")
    if not qid or len(qid) > 64 or any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
                                       for c in qid):
        raise ValueError("bad queue id in Redis queue address (1 to 64 of A-Z a-z 0-9 _ -): %s" % _redact(address))
    return url, qid


def _redact(text):
    text = str(text)
    parts = urllib.parse.urlsplit(text) if "://" in text else None
    if parts is not None and parts.password:
        return text.replace(parts.password, "***")
    return text


def canonical_url(url):
    """The server part of an address, without credentials: scheme://host:port/db."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError("a jbilliard Redis URL starts with redis:// or rediss://, not %s" % _redact(url))
    if parts.username or parts.password:
        raise ValueError("credentials do not belong in a queue URL (it appears in addresses and messages): "
                         "pass username/password or set JBILLIARD_REDIS_USER / JBILLIARD_REDIS_PASSWORD")
    host = parts.hostname or "127.0.0.1"
    port = parts.port or 6379
    db = (parts.path or "/0").lstrip("/") or "0"
    if ":" in host:
        host = "[" + host + "]"
    return "%s://%s:%d/%s" % (parts.scheme, host, port, db)


class Server:
    """One Redis server, its registered scripts and the retry policy of the protocol."""

    def __init__(self, url, username=None, password=None):
        self.url = canonical_url(url)
        username = username if username is not None else os.environ.get("JBILLIARD_REDIS_USER")
        password = password if password is not None else os.environ.get("JBILLIARD_REDIS_PASSWORD")
        # The socket timeout stays a little above the longest BLMOVE slice, never infinite, so that a
        # stopped server cannot hold a bounded call past its deadline.
        self.client = redis.Redis.from_url(self.url, username=username, password=password,
                                           socket_timeout=SLICE_S + 2.0, socket_connect_timeout=2.0)
        self._scripts = {name: self.client.register_script(src) for name, src in _load_scripts().items()}

    def _retrying(self, deadline, call):
        end = deadline if deadline is not None else time.monotonic() + COMMAND_TIMEOUT_S
        pause = 0.05
        while True:
            try:
                return call()
            except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError) as e:
                if time.monotonic() + pause >= end:
                    raise ServerUnavailable("the Redis server %s is unavailable: %s" % (self.url, e)) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def script(self, name, meta, args, deadline=None):
        """Run one protocol script; retried with the same arguments after a connection failure."""
        script = self._scripts[name]
        reply = self._retrying(deadline, lambda: script(keys=[meta], args=list(args)))
        return reply

    def take(self, meta, got, args, deadline=None):
        """Run get.lua and read the item it took, in one transaction: the item is not in the script's
        reply but in got:<h> (see get.lua); retried like script()."""
        script = self._scripts["get"]

        def run():
            pipe = self.client.pipeline(transaction=True)
            script(keys=[meta], args=list(args), client=pipe)
            pipe.lindex(got, 0)
            status, item = pipe.execute()
            return list(status) + ([item] if list(status) == [0] else [])
        return self._retrying(deadline, run)

    def blmove(self, source, destination, wherefrom, whereto, timeout_s, deadline):
        return self._retrying(deadline, lambda: self.client.blmove(
            source, destination, max(0.01, timeout_s), wherefrom, whereto)) is not None

    def llen(self, key, deadline=None):
        return self._retrying(deadline, lambda: self.client.llen(key))

    def get_int(self, key, deadline=None):
        value = self._retrying(deadline, lambda: self.client.get(key))
        return int(value) if value is not None else 0


_servers = {}
_servers_lock = threading.Lock()


def server_for(url, username=None, password=None):
    key = (canonical_url(url), username, password)
    with _servers_lock:
        server = _servers.get(key)
        if server is None:
            server = _servers[key] = Server(url, username, password)
        return server


class _LeaseKeeper:
    """Refreshes the leases of every open queue handle of this process about once a second and
    runs the reaper, as every participant of the protocol does; closes them at interpreter exit."""

    def __init__(self):
        self._lock = threading.Lock()
        self._cores = weakref.WeakSet()
        self._thread = None
        self._pid = os.getpid()

    def register(self, core):
        with self._lock:
            self._cores.add(core)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="jbilliard-leases", daemon=True)
                self._thread.start()

    def unregister(self, core):
        with self._lock:
            self._cores.discard(core)

    def _run(self):
        while True:
            time.sleep(REFRESH_S)
            with self._lock:
                cores = list(self._cores)
            for core in cores:
                try:
                    core.refresh_leases()
                except Exception:
                    # The server is away or the queue is gone: the next tick tries again, and a
                    # lapsed handle is renewed (and what it held given back) by its next call.
                    pass

    def before_fork(self):
        # A child forked by billiard holds the parent's queue objects but none of its handles. Each
        # open queue gets one handle attached here, before the fork, for the child: so the queue
        # counts the child as a participant from the start, and a parent that closes its own
        # handle right after starting the child (the last handle it knows of) does not delete the
        # queue the child is about to use (billiard's pipe outlives the parent's close as well).
        with self._lock:
            cores = list(self._cores)
        for core in cores:
            try:
                core.reserve_lane_for_child()
            except Exception:
                pass  # the child then attaches at its first call, as before

    def after_fork_in_parent(self):
        with self._lock:
            cores = list(self._cores)
        for core in cores:
            core.reserved_lane = None  # the child's now: its lease thread refreshes it, not ours

    def after_fork_in_child(self):
        # The parent's handles belong to the parent: a forked child (billiard's default start method)
        # must take handles of its own, and run a lease thread of its own.
        self._lock = threading.Lock()
        self._thread = None
        for core in list(self._cores):
            core.forget_handles_after_fork()
        cores = list(self._cores)
        self._cores = weakref.WeakSet(cores)
        if cores:
            self.register(cores[0])

    def close_all(self):
        with self._lock:
            cores = list(self._cores)
        for core in cores:
            try:
                core.close()
            except Exception:
                pass


LEASES = _LeaseKeeper()
atexit.register(LEASES.close_all)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=LEASES.before_fork, after_in_parent=LEASES.after_fork_in_parent,
                        after_in_child=LEASES.after_fork_in_child)
