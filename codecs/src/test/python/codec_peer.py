"""The Python side of CrossLanguageCodecTest.

Reads lines "<codec> <case> <hex>" (bytes Java encoded) from stdin. For each, decodes them with the
jbilliard package's codec, compares the result exactly (types included) with what the type table
says Python gets, and answers "<codec> <case> OK <hex>" with the bytes of Python's own value for the
case, for Java to check the other direction; or "<codec> <case> FAIL <why>". Then checks that the
Python codecs refuse what the table says they refuse: "REFUSED <case> <exception type>" or
"FAIL <case> <why>".
"""

import datetime
import decimal
import math
import struct
import sys

from jbilliard.codecs import CborCodec, PickleCodec


class Point:
    def __init__(self, x, label):
        self.x = x
        self.label = label


def nested(levels):
    item = 0
    for _ in range(levels):
        item = [item]
    return item


BIG = "0123456789abcdef" * 6250  # 100 000 characters
BLOB = bytes(range(256)) * 274  # 70 144 bytes

# case -> (what Python gets from Java's bytes, what Python puts for Java to read)
COMMON = {
    "null": (None, None),
    "true": (True, True),
    "false": (False, False),
    "int0": (0, 0),
    "int23": (23, 23),
    "int24": (24, 24),
    "intMinus1": (-1, -1),
    "intMax": (2 ** 31 - 1, 2 ** 31 - 1),
    "intMin": (-2 ** 31, -2 ** 31),
    "int2p31": (2 ** 31, 2 ** 31),
    "longMax": (2 ** 63 - 1, 2 ** 63 - 1),
    "longMin": (-2 ** 63, -2 ** 63),
    "int2p63": (2 ** 63, 2 ** 63),
    "uint64Max": (2 ** 64 - 1, 2 ** 64 - 1),
    "int2p64": (2 ** 64, 2 ** 64),
    "minus2p64": (-2 ** 64, -2 ** 64),
    "minus2p64minus1": (-2 ** 64 - 1, -2 ** 64 - 1),
    "ten40": (10 ** 40, 10 ** 40),
    "minusTen40": (-10 ** 40, -10 ** 40),
    "short": (300, 300),
    "float": (1.5, 1.5),
    "negativeZero": (-0.0, -0.0),
    "nan": (math.nan, math.nan),
    "infinity": (math.inf, math.inf),
    "minusInfinity": (-math.inf, -math.inf),
    "tiniest": (5e-324, 5e-324),
    "largest": (1.7976931348623157e308, 1.7976931348623157e308),
    "float32": (1.25, 1.25),
    "decimalPi": (decimal.Decimal("3.14159265358979323846264338327950288419716939937510"),
                  decimal.Decimal("3.14159265358979323846264338327950288419716939937510")),
    "decimalBig": (decimal.Decimal("1E+30"), decimal.Decimal("1E+30")),
    "decimalSmall": (decimal.Decimal("-1.25E-9"), decimal.Decimal("-1.25E-9")),
    "emptyString": ("", ""),
    "accents": ("h\u00e9llo w\u00f6rld", "h\u00e9llo w\u00f6rld"),
    "emoji": ("emoji \U0001F600 pair", "emoji \U0001F600 pair"),
    "nul": ("\u0000nul", "\u0000nul"),
    "bigString": (BIG, BIG),
    "emptyBytes": (b"", b""),
    "bytes": (b"\x00\xff\x7f", b"\x00\xff\x7f"),
    "bigBytes": (BLOB, BLOB),
    "bytearray": (b"ba", bytearray(b"ba")),
    "byteBuffer": (b"\x08\x07", b"\x08\x07"),
    "char": ("c", "c"),
    "list": ([1, "a", None, [2.5]], [1, "a", None, [2.5]]),
    "emptyList": ([], []),
    "set": ({1, 2, 3}, {1, 2, 3}),
    "frozenset": ({4}, frozenset({4})),
    "orderedMap": ({"z": 1, "a": 2, 7: "seven", -3: [], "7": "text"}, {"z": 1, "a": 2, 7: "seven", -3: [], "7": "text"}),
    "longKey": ({-2 ** 63: "min", 2 ** 63 - 1: "max"}, {-2 ** 63: "min", 2 ** 63 - 1: "max"}),
    "record": ({"x": 1, "label": "p", "weights": [0.5, 2.0]}, {"x": 1, "label": "p", "weights": [0.5, 2.0]}),
    "deep250": (nested(250), nested(250)),
}

CBOR = dict(COMMON)
CBOR.update({
    "objectArray": ([1, None, "x"], [1, None, "x"]),
    "tuple": ([1, 2], (1, 2)),
    "primitiveArray": ([1, 2, 3], [1, 2, 3]),
    "setOfLists": ({(1, 2)}, {(1, 2)}),
})

PICKLE = dict(COMMON)
PICKLE.update({
    "objectArray": ((1, None, "x"), (1, None, "x")),
    "tuple": ((1, 2), (1, 2)),
    "primitiveArray": ([1, 2, 3], [1, 2, 3]),
    "loneHigh": ("lone \ud800 high", "lone \ud800 high"),
    "loneLow": ("\udc00 lone low", "\udc00 lone low"),
    "tupleKey": ({(1, "t"): "tuple key", 2.5: None, None: "none"}, {(1, "t"): "tuple key", 2.5: None, None: "none"}),
    "pythonObject": (None, Point(3, "obj")),
})

CODECS = {"cbor": (CborCodec(), CBOR), "pickle": (PickleCodec(), PICKLE)}

REFUSALS = [
    # (codec, case, value, exception type the table promises)
    ("cbor", "object", object(), TypeError),
    ("cbor", "pythonObject", Point(1, "p"), TypeError),
    ("cbor", "datetime", datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc), TypeError),
    ("cbor", "boolKey", {True: 1}, TypeError),
    ("cbor", "floatKey", {1.5: 1}, TypeError),
    ("cbor", "noneKey", {None: 1}, TypeError),
    ("cbor", "tupleKey", {(1, 2): 1}, TypeError),
    ("cbor", "bytesKey", {b"k": 1}, TypeError),
    ("cbor", "hugeKey", {2 ** 64: 1}, ValueError),
    ("cbor", "loneSurrogate", "lone \ud800", ValueError),
    ("cbor", "loneSurrogateKey", {"\udc00": 1}, ValueError),
    ("cbor", "deep251", nested(251), ValueError),
    ("cbor", "nestedObject", {"k": [1, object()]}, TypeError),
]


def same(a, b):
    """Equal values of the same types; floats by bits (NaN equal to NaN, -0.0 not 0.0); dict order.

    Iterative, so that comparing the 250-level item needs no more recursion than the codec did.
    """
    pending = [(a, b)]
    while pending:
        a, b = pending.pop()
        if type(a) is not type(b):
            return False
        if isinstance(a, float):
            if not (math.isnan(a) and math.isnan(b)) and struct.pack(">d", a) != struct.pack(">d", b):
                return False
        elif isinstance(a, decimal.Decimal):
            if a.as_tuple() != b.as_tuple():
                return False
        elif isinstance(a, (list, tuple)):
            if len(a) != len(b):
                return False
            pending.extend(zip(a, b))
        elif isinstance(a, dict):
            if len(a) != len(b):
                return False
            for (k1, v1), (k2, v2) in zip(a.items(), b.items()):
                pending.append((k1, k2))
                pending.append((v1, v2))
        elif a != b:
            return False
    return True


def short(value):
    text = repr(value)
    return text if len(text) < 200 else text[:200] + "..."


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        parts = line.split(" ")
        name, case = parts[0], parts[1]
        data = bytes.fromhex(parts[2]) if len(parts) > 2 else b""
        codec, cases = CODECS[name]
        if case not in cases:
            out.write("%s %s FAIL no such case on the Python side\n" % (name, case))
            continue
        expected, own = cases[case]
        try:
            got = codec.decode(data)
        except Exception as e:  # report, do not die: Java prints every failure
            out.write("%s %s FAIL decode raised %s: %s\n" % (name, case, type(e).__name__, e))
            continue
        if expected is not None or case == "null":
            if not same(got, expected):
                out.write("%s %s FAIL got %s (%s), expected %s (%s)\n"
                          % (name, case, short(got), type(got).__name__, short(expected), type(expected).__name__))
                continue
        out.write("%s %s OK %s\n" % (name, case, codec.encode(own).hex()))
    for name, case, value, kind in REFUSALS:
        codec = CODECS[name][0]
        try:
            codec.encode(value)
            out.write("FAIL %s %s encoded %s instead of refusing it\n" % (name, case, short(value)))
        except kind as e:
            out.write("REFUSED %s %s %s\n" % (name, case, type(e).__name__))
        except Exception as e:
            out.write("FAIL %s %s raised %s, not %s: %s\n" % (name, case, type(e).__name__, kind.__name__, e))
    out.flush()


if __name__ == "__main__":
    main()
