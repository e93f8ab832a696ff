"""jbilliard for Python: billiard's Queue, JoinableQueue and SimpleQueue on a jbilliard Redis queue,
so that Python and Java processes produce and consume on the same queue.

    import jbilliard
    q = jbilliard.Queue(address="redis://127.0.0.1:6379/0#jbq=...")   # a queue Java created
    q.put({"job": 1}); q.get(timeout=5)

Codecs: jbilliard.codecs.CborCodec ("cbor", the default; cbor2) and PickleCodec ("pickle"; trusted
parties only). See python/README.md.
"""

from queue import Empty, Full

__version__ = "0.1.0"

from .codecs import CborCodec, Codec, PickleCodec

__all__ = ["Queue", "JoinableQueue", "SimpleQueue", "Empty", "Full", "CborCodec", "PickleCodec", "Codec",
           "ServerUnavailable"]


def __getattr__(name):
    # The queue classes need redis-py; the codecs alone do not.
    if name in ("Queue", "JoinableQueue", "SimpleQueue"):
        from . import queues
        return getattr(queues, name)
    if name == "ServerUnavailable":
        from ._server import ServerUnavailable
        return ServerUnavailable
    raise AttributeError("module 'jbilliard' has no attribute %r" % name)
