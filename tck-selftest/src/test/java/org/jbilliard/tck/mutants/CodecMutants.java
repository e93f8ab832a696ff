package org.jbilliard.tck.mutants;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;

/** Mutants that corrupt items on their way through a queue. */
public final class CodecMutants {

    private CodecMutants() {
    }

    static Object latin1(Object item) {
        if (item instanceof String) {
            return new String(((String) item).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        }
        return item;
    }

    /** Strings travel as Latin-1: every character above U+00FF becomes '?'. */
    static <T> Queue<T> lossyStrings(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            @SuppressWarnings("unchecked")
            public void put(T item) throws InterruptedException {
                delegate.put((T) latin1(item));
            }
        };
    }

    static <T> SimpleQueue<T> lossyStringsSimple(SimpleQueue<T> queue) {
        return new ForwardingSimpleQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            @SuppressWarnings("unchecked")
            public void put(T item) throws InterruptedException {
                delegate.put((T) latin1(item));
            }
        };
    }

    /** Lists and maps lose their last element on get. */
    @SuppressWarnings("unchecked")
    static Object truncate(Object item) {
        if (item instanceof List && !((List<?>) item).isEmpty()) {
            List<Object> list = new ArrayList<>((List<Object>) item);
            list.remove(list.size() - 1);
            return list;
        }
        if (item instanceof Map && !((Map<?, ?>) item).isEmpty()) {
            Map<Object, Object> map = new HashMap<>((Map<Object, Object>) item);
            map.remove(map.keySet().iterator().next());
            return map;
        }
        return item;
    }

    static <T> Queue<T> truncatesCollections(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            @SuppressWarnings("unchecked")
            public T get(Duration timeout) throws InterruptedException, Empty {
                return (T) truncate(delegate.get(timeout));
            }
        };
    }
}
