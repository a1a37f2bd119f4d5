package io.sockudo.bench.load;

import io.sockudo.testkit.ws.ClientFrameWriter;
import io.sockudo.testkit.ws.Opcode;
import io.sockudo.testkit.ws.ServerFrameReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The read path of one selector thread. Every socket read lands in one shared array; the upgrade
 * answer and the RFC 6455 frames are read there in place and handed on by opcode, and only the
 * bytes of a frame split across reads are copied aside (into the client's carry) until the rest
 * arrives. Nothing is allocated per frame.
 */
final class InboundReader {

    /** The largest server frame the generator accepts; larger ones fail the connection. */
    static final int READ_BUFFER = 1 << 20;

    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final byte[] read = readBuffer.array();
    /** Keeps the last header in its fields: scanning frames allocates nothing. */
    private final ServerFrameReader frameReader = new ServerFrameReader(READ_BUFFER - 16);
    private final ClientLifecycle lifecycle;
    private final PusherEvents events;
    private final LoopStats stats;

    InboundReader(ClientLifecycle lifecycle, PusherEvents events, LoopStats stats) {
        this.lifecycle = lifecycle;
        this.events = events;
        this.stats = stats;
    }

    /** The client's socket has bytes: reads them behind its carry and handles what is complete. */
    void readable(Client c) {
        int pos = 0;
        if (c.carry != null) {
            System.arraycopy(c.carry, 0, read, 0, c.carry.length);
            pos = c.carry.length;
            c.carry = null;
        }
        readBuffer.limit(read.length).position(pos);
        int n;
        try {
            n = c.socket.read(readBuffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            lifecycle.endOfStream(c);
            return;
        }
        stats.wireBytes[c.group] += n;
        int end = pos + n;
        int p = 0;
        if (c.state == Client.UPGRADING) {
            p = upgrade(c, end);
            if (p < 0) {
                return;
            }
        }
        p = frames(c, p, end);
        if (c.state == Client.CLOSED) {
            return;
        }
        if (p < end) {
            if (p == 0 && end == read.length) {
                lifecycle.fail(c, Tally.Failure.PROTOCOL, "a frame larger than " + READ_BUFFER + " bytes");
                return;
            }
            c.carry = Arrays.copyOfRange(read, p, end);
        }
    }

    /** Reads the 101 answer; returns where frames start, or -1 when it is incomplete or refused. */
    private int upgrade(Client c, int end) {
        int start = UpgradeAnswer.read(read, end);
        switch (start) {
            case UpgradeAnswer.INCOMPLETE -> {
                c.carry = Arrays.copyOf(read, end);
                return -1;
            }
            case UpgradeAnswer.TOO_LONG -> {
                lifecycle.fail(c, Tally.Failure.HANDSHAKE, "no end of headers");
                return -1;
            }
            case UpgradeAnswer.REFUSED -> {
                lifecycle.fail(c, Tally.Failure.HANDSHAKE, UpgradeAnswer.statusLine(read, end));
                return -1;
            }
            default -> {
                lifecycle.upgraded(c);
                return c.state == Client.CLOSED ? -1 : start;
            }
        }
    }

    /** Handles every complete frame in {@code read[p, end)}; returns where the incomplete rest starts. */
    private int frames(Client c, int p, int end) {
        while (c.state != Client.CLOSED) {
            int next = frameReader.frame(read, p, end);
            if (next == ServerFrameReader.INCOMPLETE) {
                break;
            }
            if (next < 0) {
                lifecycle.fail(c, Tally.Failure.PROTOCOL, frameReader.problem(next));
                return end;
            }
            frame(c, frameReader.opcode(), p + frameReader.headerLength(), frameReader.payloadLength());
            p = next;
        }
        return p;
    }

    private void frame(Client c, int opcode, int off, int len) {
        switch (opcode) {
            case Opcode.TEXT -> events.text(c, read, off, len);
            case Opcode.CLOSE -> lifecycle.closeFrame(c, len >= 2 ? ((read[off] & 0xFF) << 8) | (read[off + 1] & 0xFF) : 1005);
            case Opcode.PING -> lifecycle.send(c, ClientFrameWriter.frame(Opcode.PONG, read, off, len));
            default -> stats.otherFrames++;
        }
    }
}
