package io.sockudo.transport.websocket;

/** RFC 6455 §5.2 frame opcodes; 0x3–0x7 and 0xB–0xF are reserved. */
final class Opcode {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private Opcode() {
    }

    /** Close, ping and pong: at most 125 bytes, never fragmented, allowed between a message's fragments. */
    static boolean isControl(int opcode) {
        return (opcode & 0x08) != 0;
    }

    static boolean isKnown(int opcode) {
        return opcode <= BINARY || opcode >= CLOSE && opcode <= PONG;
    }
}
