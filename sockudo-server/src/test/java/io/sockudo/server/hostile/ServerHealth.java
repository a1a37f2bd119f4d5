package io.sockudo.server.hostile;

import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.ws.RawWebSocket;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a hostile test checks after each attack: that a well-behaved client still connects,
 * subscribes and receives an event published through the HTTP API, that the server's open
 * files return to where they were, and that its heap after a collection does too. The server
 * runs in this JVM, so its files are this process's.
 */
final class ServerHealth {

    private static final File FDS = new File("/proc/self/fd");
    private static final AtomicInteger ROUNDS = new AtomicInteger();

    private final int port;

    ServerHealth(int port) {
        this.port = port;
    }

    /** Open file descriptors of this process; fails (rather than skips) where /proc is missing. */
    static int openFiles() {
        String[] fds = FDS.list();
        if (fds == null) {
            throw new AssertionError("cannot count open files: " + FDS + " is not readable");
        }
        return fds.length;
    }

    /** Used heap after a full collection, in bytes. */
    static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        // two collections: the first may only queue finalizable and soft-referenced objects
        for (int i = 0; i < 2; i++) {
            System.gc();
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /**
     * A client connects, subscribes, and receives an event published through the signed HTTP
     * API; returns how long that took, in milliseconds. Both sockets are closed afterwards.
     */
    long assertServes(String context) {
        long start = System.nanoTime();
        String channel = "health-" + ROUNDS.incrementAndGet();
        try (RawWebSocket ws = RawWebSocket.established(port, TestServer.KEY)) {
            ws.sendText(ClientFrames.subscribe(channel));
            String subscribed = ws.nextText(5000);
            if (subscribed == null || !subscribed.contains("pusher_internal:subscription_succeeded")) {
                throw new AssertionError(context + ": subscribing got " + subscribed);
            }
            String data = "{\"round\":\"" + channel + "\"}";
            String body = "{\"name\":\"checkup\",\"channel\":\"" + channel + "\",\"data\":" + JsonTree.quote(data) + "}";
            RawHttp.Reply reply = publish(body);
            if (reply.status() != 200) {
                throw new AssertionError(context + ": publishing got " + reply);
            }
            String event = ws.nextText(5000);
            if (event == null || !event.contains("\"event\":\"checkup\"") || !event.contains(channel)) {
                throw new AssertionError(context + ": expected the published event, got " + event);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private RawHttp.Reply publish(String json) {
        byte[] body = RawHttp.ascii(json);
        String target = RawHttp.signed("POST", "/apps/" + TestServer.APP_ID + "/events", body);
        try (RawHttp http = new RawHttp(port)) {
            http.write(RawHttp.ascii(RawHttp.head("POST", target,
                    "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n")));
            http.write(body);
            return http.read(5000);
        } catch (IOException e) {
            throw new AssertionError("publishing failed", e);
        }
    }

    /** Waits until open files are back to at most {@code start + slack}; fails with the count otherwise. */
    static void awaitOpenFiles(int start, int slack, long millis, String context) {
        long deadline = System.currentTimeMillis() + millis;
        int now;
        while ((now = openFiles()) > start + slack) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(context + ": " + now + " files open, " + start + " before (slack " + slack + ")");
            }
            pause(50);
        }
    }

    /** Waits until the heap after GC is back within {@code slack} bytes of {@code start}. */
    static void awaitHeap(long start, long slack, long millis, String context) {
        long deadline = System.currentTimeMillis() + millis;
        long now;
        while ((now = heapAfterGc()) > start + slack) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(context + ": heap after GC " + mb(now) + " MB, " + mb(start) + " MB before (slack " + mb(slack) + " MB)");
            }
            pause(200);
        }
    }

    static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
