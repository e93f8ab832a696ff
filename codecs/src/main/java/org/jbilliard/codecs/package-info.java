/**
 * Codecs whose bytes Python reads too, for queues with participants in both languages (a Redis
 * queue attached by its address from Java and from the {@code jbilliard} Python package).
 *
 * <ul>
 * <li>{@link org.jbilliard.codecs.CborCodec} (id {@code "cbor"}): CBOR, RFC 8949, written and read
 * with Jackson's CBOR data format; Python reads and writes it with {@code cbor2}. The default choice
 * between languages: decoding it runs no code on either side.</li>
 * <li>{@link org.jbilliard.codecs.PickleCodec} (id {@code "pickle"}): Python's pickle, on
 * {@code net.razorvine:pickle}. Opt-in, for teams whose Python code already exchanges pickles.
 * <b>Unpickling in Python runs code chosen by the sender: use it only between parties that trust
 * each other.</b></li>
 * </ul>
 *
 * <p>A queue records its codec's {@link org.jbilliard.Codec#id() id}; a participant that attaches
 * with another codec, in either language, is refused.
 *
 * <h2>Type table</h2>
 *
 * <p>Each row says what a Java value becomes in Python, and what a Python value becomes in Java.
 * Values round-trip by value: Java gets back an equal value, whose Java type is chosen by the value
 * (the "Java gets" column), because neither CBOR nor Python records Java's types.
 *
 * <table>
 * <caption>What crosses between Java and Python</caption>
 * <tr><th>Java puts</th><th>CBOR</th><th>Python gets (cbor2 / pickle)</th><th>Python puts</th>
 * <th>Java gets (CBOR / pickle)</th></tr>
 * <tr><td>{@code null}</td><td>null</td><td>{@code None}</td><td>{@code None}</td><td>{@code null}
 * (CBOR {@code undefined} too)</td></tr>
 * <tr><td>{@code Boolean}</td><td>true, false</td><td>{@code bool}</td><td>{@code bool}</td>
 * <td>{@code Boolean}</td></tr>
 * <tr><td>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}</td>
 * <td>integer; beyond 64 bits a bignum (tags 2, 3)</td><td>{@code int}</td><td>{@code int} of any
 * size</td><td>the narrowest of {@code Integer}, {@code Long}, {@code BigInteger}</td></tr>
 * <tr><td>{@code Double}, {@code Float}</td><td>double (64-bit), float (32-bit)</td>
 * <td>{@code float}</td><td>{@code float}</td><td>{@code Double}: -0.0, the infinities and NaN
 * survive (NaN's payload bits only between Java peers: cbor2 writes one NaN)</td></tr>
 * <tr><td>{@code BigDecimal}</td><td>decimal fraction (tag 4)</td><td>{@code decimal.Decimal},
 * exact</td><td>{@code Decimal}</td><td>{@code BigDecimal}; a {@code Decimal} NaN or infinity is
 * written by cbor2 as a float ({@code Double}); pickle's cannot be decoded</td></tr>
 * <tr><td>{@code String}, {@code Character}</td><td>text (UTF-8)</td><td>{@code str}</td>
 * <td>{@code str}</td><td>{@code String}</td></tr>
 * <tr><td>a {@code String} with a lone surrogate</td><td>none: CBOR text must be UTF-8</td>
 * <td>CBOR: refused at {@code put}, {@link org.jbilliard.CodecException}. Pickle: a {@code str}
 * with the same surrogate</td><td>CBOR: refused at {@code put} (a {@code ValueError} naming the
 * code point and its index). Pickle: allowed</td><td>pickle: a {@code String} with the same lone
 * surrogate</td></tr>
 * <tr><td>{@code byte[]}, {@code ByteBuffer} (its remaining bytes)</td><td>byte string</td>
 * <td>{@code bytes}</td><td>{@code bytes}, {@code bytearray}</td><td>{@code byte[]}</td></tr>
 * <tr><td>{@code List}, other {@code Collection}s, {@code Object[]}, primitive arrays (not
 * {@code byte[]}, {@code char[]})</td><td>array</td><td>{@code list}; pickle: an {@code Object[]}
 * becomes a {@code tuple}</td><td>{@code list}, {@code tuple}</td><td>{@code ArrayList}; pickle: a
 * {@code tuple} becomes an {@code Object[]}</td></tr>
 * <tr><td>{@code Set}</td><td>array with tag 258</td><td>{@code set}</td><td>{@code set},
 * {@code frozenset}</td><td>CBOR: {@code LinkedHashSet}; pickle: {@code HashSet}</td></tr>
 * <tr><td>{@code Map}</td><td>map, in the map's iteration order</td><td>{@code dict}, same order</td>
 * <td>{@code dict}</td><td>{@code LinkedHashMap}, same order</td></tr>
 * <tr><td>a {@code record}</td><td>map of component name to value, in declaration order</td>
 * <td>{@code dict}</td><td>a Python object: CBOR refuses it at {@code put} ({@code TypeError});
 * pickle writes it</td><td>record: {@code LinkedHashMap}. A Python object (pickle): a
 * {@code ClassDict}, a map of its attributes plus {@code "__class__"}; no code runs</td></tr>
 * <tr><td>anything else ({@code Optional}, enums, {@code java.time}, beans, {@code char[]})</td>
 * <td colspan="4">refused at {@code put} with a {@link org.jbilliard.CodecException} naming the type
 * and where in the item it is. Python's {@code datetime}, {@code uuid}, {@code Fraction} and other
 * types outside this table are refused at {@code put} by the Python CBOR codec too
 * ({@code TypeError}).</td></tr>
 * </table>
 *
 * <p><b>Map keys and set elements.</b> CBOR: map keys are strings or integers in the signed 64-bit
 * range, in both languages (Jackson's CBOR parser reads no other key type, so the Python codec
 * refuses {@code bool}, {@code float}, {@code None}, {@code bytes} and {@code tuple} keys at
 * {@code put} with a {@code TypeError}); set elements may be any value of the table, and an array
 * or map in a set reaches Python as a {@code tuple} or {@code frozendict}. Pickle: any value that
 * Python can hash (not lists, maps, sets or records; an {@code Object[]} of such values is a
 * tuple). Both: keys (and set elements) that are different in Java but equal in Python, such as
 * {@code Integer 1}, {@code Long 1}, {@code Boolean true} and {@code Double 1.0}, are refused at
 * {@code put}, since Python would keep only one of them.
 *
 * <p><b>Limits.</b> An item nested deeper than 250 levels of lists, maps and sets (or one that
 * contains itself) is refused at {@code put} in both languages, because Python's encoders and
 * decoders recurse and stop at the interpreter's recursion limit (cbor2 one frame per level,
 * pickle two; Python's own {@code pickle.dumps} stops near 490 levels). A CBOR item whose bytes carry a tag outside the
 * table (for example a date written by another encoder) fails at {@code get} with a
 * {@link org.jbilliard.CodecException} that keeps the payload.
 */
package org.jbilliard.codecs;
