package io.sockudo.adapter;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The connections owned by one shard, for the periodic activity sweep and for shutdown. An array
 * with swap-removal by slot, so adding and removing are O(1) and sweeping is a linear scan.
 * Confined to the shard's thread.
 */
final class ShardConnections {

    private Session[] items = new Session[64];
    private int size;

    void add(Session c) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        c.shardSlot = size;
        items[size++] = c;
    }

    void remove(Session c) {
        int slot = c.shardSlot;
        if (slot < 0 || slot >= size || items[slot] != c) {
            return;
        }
        Session last = items[--size];
        items[slot] = last;
        last.shardSlot = slot;
        items[size] = null;
        c.shardSlot = -1;
        if (size > 64 && size * 4 < items.length) {
            items = Arrays.copyOf(items, items.length / 2);
        }
    }

    int size() {
        return size;
    }

    /**
     * Visits every connection, last first. The visitor may remove the connection it is given:
     * swap-removal only moves an already visited connection into the freed slot.
     */
    void forEach(Consumer<Session> visitor) {
        for (int i = size - 1; i >= 0; i--) {
            if (i < size) {
                visitor.accept(items[i]);
            }
        }
    }
}
