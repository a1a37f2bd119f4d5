package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.testkit.JsonTree;
import java.util.Map;

/** The shape every HTTP API error has: {@code {"error":msg,"code":"snake_code","status":n}}, CORS open. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** Checks status and error body; returns the error message. */
    static String check(HttpApiClient.Response r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.header("Access-Control-Allow-Origin")).as("CORS header of %s", r).isEqualTo("*");
        Map<String, Object> body = JsonTree.object(r.body());
        assertThat(body.get("error")).as("error of %s", r).isInstanceOf(String.class);
        assertThat((String) body.get("error")).as("error of %s", r).isNotBlank();
        assertThat(body.get("code")).as("code of %s", r).isInstanceOf(String.class);
        assertThat((String) body.get("code")).as("code of %s", r).matches("[a-z][a-z0-9_]*");
        assertThat(body.get("status")).as("status field of %s", r).isEqualTo((long) status);
        return (String) body.get("error");
    }
}
