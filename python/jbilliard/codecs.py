"""Codecs shared with Java: the same bytes as org.jbilliard.codecs.CborCodec and PickleCodec.

A queue records its codec's id ("cbor" or "pickle"); a participant attaching with another codec is
refused, in Python and in Java alike. The type table (what a value becomes on the other side) is in
the Java package documentation of org.jbilliard.codecs and in python/README.md.

CborCodec refuses, at put, what Java's CborCodec cannot read back: a TypeError for a type outside
the table (datetime, a user object, a bool/float/None/bytes/tuple dict key, ...), a ValueError for
an integer dict key outside the signed 64-bit range, a string with a lone surrogate, or an item
nested deeper than 250 levels. PickleCodec pickles whatever pickle accepts.

WARNING: unpickling runs code chosen by the sender. Use PickleCodec only between parties that trust
each other completely.

Thread-safety: codecs are stateless; one instance may be shared by all threads.
"""

import decimal
import pickle

MAX_DEPTH = 250
"""Deepest nesting of lists, tuples, dicts and sets, the same as Java's (Python's decoders recurse)."""

_INT64_MIN = -(2 ** 63)
_INT64_MAX = 2 ** 63 - 1


class Codec:
    """Turns items into bytes and back. Subclasses set ``id`` to the name queues record."""

    id = None

    def encode(self, obj):
        """Return the bytes of ``obj``; raise TypeError or ValueError if it cannot be encoded."""
        raise NotImplementedError

    def decode(self, data):
        """Return the item encoded in ``data``."""
        raise NotImplementedError

    def __repr__(self):
        return "%s()" % type(self).__name__

    def __eq__(self, other):
        return isinstance(other, Codec) and other.id == self.id

    def __hash__(self):
        return hash(self.id)


def _lone_surrogate(text):
    for i, ch in enumerate(text):
        if "\ud800" <= ch <= "\udfff":
            # Python strings hold code points, so any surrogate code point is unpaired.
            return i
    return -1


class _Refusal(Exception):
    """Why an item cannot be encoded; the path is collected while it unwinds, so success builds none."""

    def __init__(self, kind, reason, with_path=True):
        Exception.__init__(self, reason)
        self.kind = kind
        self.reason = reason
        self.path = []
        self.with_path = with_path

    def at(self, step):
        if self.with_path:
            self.path.append(step)
        return self

    def error(self, codec):
        where = "(at item%s) " % "".join(reversed(self.path)) if self.path else ""
        return self.kind("%s cannot encode %s%s" % (codec, where, self.reason))


def _check_cbor(obj, depth):
    if obj is None or isinstance(obj, (bool, int, float, bytes, bytearray, decimal.Decimal)):
        return
    if isinstance(obj, str):
        at = _lone_surrogate(obj)
        if at >= 0:
            raise _Refusal(ValueError, "a str with the lone surrogate U+%04X at index %d: CBOR text is UTF-8, which has"
                                       " no form for it (send bytes, or use PickleCodec)" % (ord(obj[at]), at))
        return
    if isinstance(obj, (list, tuple, set, frozenset)):
        _enter(depth)
        for i, element in enumerate(obj):
            try:
                _check_cbor(element, depth + 1)
            except _Refusal as r:
                raise r.at("[%d]" % i)
        return
    if isinstance(obj, dict):
        _enter(depth)
        for key, value in obj.items():
            if isinstance(key, bool) or not isinstance(key, (str, int)):
                raise _Refusal(TypeError, "a dict key of type %s: keys are str or int (Java's CBOR reader reads no"
                                          " other key type)" % type(key).__name__)
            if isinstance(key, int) and not _INT64_MIN <= key <= _INT64_MAX:
                raise _Refusal(ValueError, "the dict key %d: int keys must lie in the signed 64-bit range" % key)
            try:
                _check_cbor(key, depth + 1)
                _check_cbor(value, depth + 1)
            except _Refusal as r:
                raise r.at("[%r]" % (key,))
        return
    raise _Refusal(TypeError, "an object of type %s: CBOR carries None, bool, int, float, Decimal, str, bytes, list,"
                              " tuple, set and dict (convert it to one of these first)" % type(obj).__qualname__)


def _enter(depth):
    if depth >= MAX_DEPTH:
        raise _Refusal(ValueError, "an item nested deeper than %d levels (a list that contains itself?)" % MAX_DEPTH,
                       with_path=False)


class CborCodec(Codec):
    """CBOR through cbor2, readable by Java's org.jbilliard.codecs.CborCodec."""

    id = "cbor"

    def __init__(self):
        import cbor2  # Debian: python3-cbor2
        self._cbor2 = cbor2

    def encode(self, obj):
        try:
            _check_cbor(obj, 0)
        except _Refusal as r:
            raise r.error("CborCodec") from None
        return self._cbor2.dumps(obj)

    def decode(self, data):
        return self._cbor2.loads(bytes(data))


class PickleCodec(Codec):
    """Python's pickle (protocol 4), readable by Java's org.jbilliard.codecs.PickleCodec.

    WARNING: unpickling runs code chosen by the sender: trusted parties only.
    """

    id = "pickle"
    protocol = 4

    def encode(self, obj):
        return pickle.dumps(obj, protocol=self.protocol)

    def decode(self, data):
        return pickle.loads(data)


_BY_ID = {CborCodec.id: CborCodec, PickleCodec.id: PickleCodec}


def by_id(codec_id):
    """Return a codec for the id a queue recorded; ValueError names the ids Python can read."""
    try:
        return _BY_ID[codec_id]()
    except KeyError:
        raise ValueError(
            "the queue's codec %r cannot be read from Python: create the queue with a codec both languages read"
            " (%s)" % (codec_id, ", ".join(sorted(_BY_ID)))) from None


def resolve(codec):
    """Accept a Codec instance, a codec id ('cbor', 'pickle') or None (cbor)."""
    if codec is None:
        return CborCodec()
    if isinstance(codec, Codec):
        return codec
    if isinstance(codec, str):
        return by_id(codec)
    raise TypeError("codec must be a jbilliard.codecs.Codec or one of %s, not %r" % (sorted(_BY_ID), codec))
