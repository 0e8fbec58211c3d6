package com.digitalspiral.pipeline.operators;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A per-key map that stays small (an issue's few comments, changelog entries, sprint rows) kept as one value.
 * With RocksDB a map state is one entry per element, and reading all of them (every flush does) costs an
 * iterator seek across the LSM levels, clearing one costs another; one value costs a point read, which bloom
 * filters and the block cache make cheap. The whole map is rewritten on a change, which is fine while it is small.
 */
final class SmallMapState<K, V> {

    private final ValueState<Map<K, V>> state;

    SmallMapState(RuntimeContext ctx, String name, TypeInformation<K> keys, TypeInformation<V> values) {
        state = ctx.getState(new ValueStateDescriptor<>(name, Types.MAP(keys, values)));
    }

    /** The map as stored; read it, do not change it. */
    Map<K, V> read() throws IOException {
        Map<K, V> m = state.value();
        return m == null ? Map.of() : m;
    }

    V get(K key) throws IOException {
        return read().get(key);
    }

    void put(K key, V value) throws IOException {
        Map<K, V> m = state.value();
        Map<K, V> next = m == null ? new HashMap<>() : m;
        next.put(key, value);
        state.update(next);
    }

    /** Removes the key; returns whether it was there. */
    boolean remove(K key) throws IOException {
        Map<K, V> m = state.value();
        if (m == null || !m.containsKey(key)) {
            return false;
        }
        m.remove(key);
        if (m.isEmpty()) {
            state.clear();
        } else {
            state.update(m);
        }
        return true;
    }

    void clear() {
        state.clear();
    }
}
