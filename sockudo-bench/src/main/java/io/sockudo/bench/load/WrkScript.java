package io.sockudo.bench.load;

import io.sockudo.protocol.ApiSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a wrk Lua script that replays pre-signed {@code POST /apps/{id}/events} requests, each
 * to a random channel of the run, over keep-alive connections. Signing happens here once, so
 * wrk measures the server's signed publish path rather than a client's HMAC. The signatures'
 * timestamp ages: the server accepts them for ten minutes, longer than any run.
 *
 * <p>The script's {@code done} prints one {@code WRK_RESULT key=value ...} line for the
 * scenario script: requests, duration, non-2xx answers, socket errors, latency percentiles.
 */
final class WrkScript {

    private WrkScript() {
    }

    static void write(LoadOptions o, Path file) {
        LoadOptions.Target t = o.target();
        Payloads payloads = new Payloads(o.publish().payloadBytes(), o.publish().symbols());
        SplittableRandom random = new SplittableRandom(7);
        String path = "/apps/" + t.appId() + "/events";
        long now = System.currentTimeMillis() / 1000;
        StringBuilder lua = new StringBuilder(o.wrkRequests() * 400)
                .append("-- ").append(o.wrkRequests()).append(" pre-signed publishes to ")
                .append(o.subscribe().channels()).append(" channels, replayed in turn by every connection\n")
                .append("local paths = {}\nlocal bodies = {}\n");
        for (int i = 0; i < o.wrkRequests(); i++) {
            String channel = o.subscribe().channel(random.nextInt(o.subscribe().channels()));
            byte[] body = Payloads.apiBody(channel, payloads.data(i, 0));
            String query = ApiSignature.signedQuery("POST", path, Map.of(), body, t.key(), t.secret(), now);
            lua.append("paths[").append(i + 1).append("] = ").append(longString(path + "?" + query)).append('\n')
                    .append("bodies[").append(i + 1).append("] = ").append(longString(new String(body, StandardCharsets.UTF_8)))
                    .append('\n');
        }
        lua.append("""
                local requests = {}
                local n = 0

                init = function(args)
                  local headers = {}
                  headers["Content-Type"] = "application/json"
                  for i = 1, #paths do
                    requests[i] = wrk.format("POST", paths[i], headers, bodies[i])
                  end
                  n = math.random(#requests)
                end

                request = function()
                  n = n % #requests + 1
                  return requests[n]
                end

                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format(
                    "WRK_RESULT requests=%d duration_us=%d non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\\n",
                    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
                    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
                end
                """);
        try {
            Files.writeString(file, lua);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A Lua long string, which takes bytes as they are; its level is chosen to not occur inside. */
    static String longString(String s) {
        String eq = "";
        while (s.contains("]" + eq + "]")) {
            eq += "=";
        }
        return "[" + eq + "[" + s + "]" + eq + "]";
    }
}
