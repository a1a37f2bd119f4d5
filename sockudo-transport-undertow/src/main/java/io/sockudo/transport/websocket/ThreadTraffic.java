package io.sockudo.transport.websocket;

/**
 * One app's WebSocket traffic on one I/O thread. Each socket finds its app's instance once, when
 * the engine admits it, and then counts with plain increments: the fields are written by their
 * thread only, and metrics read them from another, a moment late.
 */
final class ThreadTraffic {

    long framesSent;
    long bytesSent;
    long framesReceived;
    long bytesReceived;
}
