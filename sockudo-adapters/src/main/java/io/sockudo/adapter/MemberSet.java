package io.sockudo.adapter;

import java.util.function.Consumer;

/**
 * The subscriptions of one channel that live on one shard: an open-addressing identity hash set
 * in a single array, about 8 bytes per member, iterated in place by broadcasts. Only the owning
 * shard's thread reads or writes it, so it has no synchronization; {@link #size()} alone is
 * published (volatile) so that publishers on other threads can skip shards with no members.
 *
 * @param <T> the member type, compared by identity
 */
final class MemberSet<T> {

    private static final Object[] EMPTY = new Object[0];
    private static final Object TOMBSTONE = new Object();

    private Object[] slots = EMPTY;
    private int live;
    private int used;
    private volatile int size;

    /** Adds a member; returns false when it was already present. */
    boolean add(T member) {
        if ((used + 1) * 4 >= slots.length * 3) {
            resize(live + 1);
        }
        Object[] s = slots;
        int mask = s.length - 1;
        int i = hash(member) & mask;
        int firstFree = -1;
        while (true) {
            Object o = s[i];
            if (o == null) {
                break;
            }
            if (o == member) {
                return false;
            }
            if (o == TOMBSTONE && firstFree < 0) {
                firstFree = i;
            }
            i = (i + 1) & mask;
        }
        if (firstFree >= 0) {
            s[firstFree] = member;
        } else {
            s[i] = member;
            used++;
        }
        size = ++live;
        return true;
    }

    /** Removes a member; returns false when it was not present. */
    boolean remove(T member) {
        Object[] s = slots;
        if (s.length == 0) {
            return false;
        }
        int mask = s.length - 1;
        int i = hash(member) & mask;
        while (true) {
            Object o = s[i];
            if (o == null) {
                return false;
            }
            if (o == member) {
                s[i] = TOMBSTONE;
                size = --live;
                if (live == 0) {
                    slots = EMPTY;
                    used = 0;
                } else if (live * 8 < s.length && s.length > 16) {
                    resize(live);
                }
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    boolean contains(T member) {
        Object[] s = slots;
        if (s.length == 0) {
            return false;
        }
        int mask = s.length - 1;
        int i = hash(member) & mask;
        while (true) {
            Object o = s[i];
            if (o == null) {
                return false;
            }
            if (o == member) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /** Members now; safe to read from any thread, possibly a moment stale. */
    int size() {
        return size;
    }

    /**
     * Visits every member. The visitor must not add or remove members of this set; removals
     * that follow from a visit (a failed write closing a socket) are deferred by the transport.
     */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<? super T> visitor) {
        Object[] s = slots;
        for (Object o : s) {
            if (o != null && o != TOMBSTONE) {
                visitor.accept((T) o);
            }
        }
    }

    /** Visits every member without the lambda allocation the hot path would otherwise pay. */
    @SuppressWarnings("unchecked")
    <A> void forEach(A arg, Visitor<? super T, A> visitor) {
        Object[] s = slots;
        for (Object o : s) {
            if (o != null && o != TOMBSTONE) {
                visitor.visit((T) o, arg);
            }
        }
    }

    /** A visit with one extra argument. */
    @FunctionalInterface
    interface Visitor<T, A> {
        void visit(T member, A arg);
    }

    private void resize(int minLive) {
        int cap = 8;
        while (cap * 3 <= minLive * 4 * 2) {
            cap <<= 1;
        }
        Object[] old = slots;
        Object[] s = new Object[cap];
        int mask = cap - 1;
        for (Object o : old) {
            if (o != null && o != TOMBSTONE) {
                int i = hash(o) & mask;
                while (s[i] != null) {
                    i = (i + 1) & mask;
                }
                s[i] = o;
            }
        }
        slots = s;
        used = live;
    }

    private static int hash(Object o) {
        int h = System.identityHashCode(o);
        return h ^ (h >>> 16);
    }
}
