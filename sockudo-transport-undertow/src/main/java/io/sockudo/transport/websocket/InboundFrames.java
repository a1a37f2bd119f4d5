package io.sockudo.transport.websocket;

import io.sockudo.adapter.connection.Connection;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;

/**
 * What the frames a client sends mean to the engine: text messages are Pusher messages, every
 * frame is activity, a ping is answered with a pong, binary messages are not Pusher's and get
 * an error, and the end of the conversation (the peer's close, or its protocol error) goes back
 * to the {@link WebSocketConnection} that owns the socket.
 */
final class InboundFrames implements FrameListener {

    private final WebSocketConnection ws;
    private final Connection connection;
    private final WebSocketEndpoint endpoint;

    InboundFrames(WebSocketConnection ws, Connection connection, WebSocketEndpoint endpoint) {
        this.ws = ws;
        this.connection = connection;
        this.endpoint = endpoint;
    }

    @Override
    public void onText(byte[] buf, int off, int len) {
        if (!ws.isOpen()) {
            return; // after our close frame only the peer's close matters
        }
        countReceived();
        endpoint.handler().onText(connection, buf, off, len);
    }

    @Override
    public void onBinary(byte[] buf, int off, int len) {
        if (!ws.isOpen()) {
            return;
        }
        countReceived();
        endpoint.handler().onActivity(connection);
        ws.send(endpoint.frame(ServerFrames.error(PusherError.invalidMessage(
                "binary frames are not part of the Pusher protocol; send JSON in text frames"))));
    }

    private void countReceived() {
        ws.traffic(endpoint.scratch()).framesReceived++;
    }

    @Override
    public void onPing(byte[] buf, int off, int len) {
        endpoint.handler().onActivity(connection);
        if (ws.isOpen()) {
            ws.send(WebSocketWireFormat.raw(WebSocketWireFormat.control(Opcode.PONG, buf, off, len)));
        }
    }

    @Override
    public void onPong(byte[] buf, int off, int len) {
        endpoint.handler().onActivity(connection);
    }

    @Override
    public void onClose(int code, String reason) {
        ws.onPeerClose(code);
    }

    @Override
    public void onProtocolError(int closeCode, String reason) {
        ws.onProtocolError(closeCode, reason);
    }
}
