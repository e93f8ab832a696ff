/**
 * Item codecs of the reference implementation. {@link org.jbilliard.reference.codec.StandardCodec}
 * is the default: a tag byte and a fixed-width value for the common types, Java serialization for
 * the rest.
 */
package org.jbilliard.reference.codec;
