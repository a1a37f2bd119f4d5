package io.sockudo.bench.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sockudo.protocol.ApiSignature;
import io.sockudo.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /apps/{id}/channels?filter_by_prefix=...}, signed: the channels the server still
 * believes occupied. After every client has left, any entry is a leak.
 */
final class ChannelsQuery {

    private final LoadOptions.Target target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ChannelsQuery(LoadOptions.Target target) {
        this.target = target;
    }

    /** Occupied channels whose name starts with {@code prefix}, or -1 when the query fails. */
    int occupied(String prefix) {
        String path = "/apps/" + target.appId() + "/channels";
        String query = ApiSignature.signedQuery("GET", path, Map.of("filter_by_prefix", prefix), null,
                target.key(), target.secret(), System.currentTimeMillis() / 1000);
        URI uri = URI.create("http://" + target.address().getHostAddress() + ":" + target.port() + path + "?" + query);
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? countChannels(r.body()) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The number of members of the top-level {@code channels} object. */
    static int countChannels(byte[] json) throws IOException {
        try (JsonParser p = Json.parser(json, 0, json.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("channels") && value == JsonToken.START_OBJECT) {
                    int n = 0;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        p.skipChildren();
                        n++;
                    }
                    return n;
                }
                p.skipChildren();
            }
            return -1;
        }
    }
}
