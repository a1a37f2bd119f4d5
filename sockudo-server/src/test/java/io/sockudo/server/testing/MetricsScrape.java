package io.sockudo.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scrape of a server's {@code /metrics} over HTTP: each sample line's value by its name and
 * labels as written, and each family's type.
 */
public record MetricsScrape(String text, Map<String, Double> samples, Map<String, String> types) {

    public static MetricsScrape of(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                types.put(p[2], p[3]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new MetricsScrape(text, samples, types);
    }

    /** Scrapes the server's metrics listener. */
    public static MetricsScrape of(SockudoServer server) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            return of(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of a series, which must be there. */
    public double value(String series) {
        Double v = samples.get(series);
        assertThat(v).as("series " + series + " in\n" + text).isNotNull();
        return v;
    }

    /** The value of a series, or 0 when it is not there (yet). */
    public double valueOrZero(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    /** The {@code app_id} and {@code port} labels as the server writes them. */
    public static String appLabels(String appId, int port) {
        return "app_id=\"" + appId + "\",port=\"" + port + "\"";
    }
}
