package io.sockudo.adapter.testing;

import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Outbound;
import java.util.ArrayList;
import java.util.List;

/** A socket that keeps every frame written to it (as JSON text) and how it was closed. */
public final class RecordingOutbound implements Outbound {

    private final List<Frame> frames = new ArrayList<>();
    private int read;
    private boolean open = true;
    private Integer closeCode;
    private String closeReason;

    @Override
    public synchronized void send(Frame frame) {
        if (!open) {
            throw new AssertionError("frame written after close: " + frame);
        }
        frames.add(frame);
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (!open) {
            throw new AssertionError("closed twice");
        }
        open = false;
        closeCode = code;
        closeReason = reason;
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    /** The client went away: the transport will report the close. */
    public synchronized void drop() {
        open = false;
    }

    /** Every frame so far, as JSON text. */
    public synchronized List<String> texts() {
        List<String> out = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            out.add(f.toString());
        }
        return out;
    }

    public synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Frames that arrived since the last call, as JSON text. */
    public synchronized List<String> unread() {
        List<String> out = new ArrayList<>();
        for (; read < frames.size(); read++) {
            out.add(frames.get(read).toString());
        }
        return out;
    }

    /** The close code, or null while open. */
    public synchronized Integer closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }
}
