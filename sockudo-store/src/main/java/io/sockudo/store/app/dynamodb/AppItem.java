package io.sockudo.store.app.dynamodb;

import io.sockudo.adapter.app.App;
import io.sockudo.store.app.stored.StoredAppReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item of sockudo's app table, read into an {@link App}. sockudo writes the credentials,
 * {@code enabled} and the flat limits as attributes of their own ({@code S}, {@code BOOL},
 * {@code N}), {@code allowed_origins} as a list, and the nested settings ({@code policy},
 * {@code webhooks}, {@code channel_delta_compression}) as JSON strings.
 */
final class AppItem {

    private AppItem() {
    }

    static App read(Map<String, AttributeValue> item) {
        Map<String, Object> row = new HashMap<>();
        item.forEach((name, value) -> row.put(name, plain(value)));
        return StoredAppReader.read(row);
    }

    private static Object plain(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            try {
                return new BigDecimal(v.n());
            } catch (NumberFormatException e) {
                return v.n(); // reported as malformed where it is read
            }
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasL()) {
            List<Object> out = new ArrayList<>();
            v.l().forEach(e -> out.add(plain(e)));
            return out;
        }
        if (v.hasSs()) {
            return List.copyOf(v.ss());
        }
        if (v.hasM()) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.m().forEach((k, e) -> out.put(k, plain(e)));
            return out;
        }
        return null; // NULL, or a binary type no app field uses
    }
}
