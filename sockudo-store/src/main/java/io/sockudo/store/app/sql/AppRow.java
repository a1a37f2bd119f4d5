package io.sockudo.store.app.sql;

import io.sockudo.adapter.app.App;
import io.sockudo.store.app.stored.StoredAppReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** One row of the {@code applications} table, read into an {@link App}. */
final class AppRow {

    private AppRow() {
    }

    static App read(ResultSet rs) throws SQLException {
        Map<String, Object> row = new HashMap<>();
        for (AppTable.Column c : AppTable.APP_COLUMNS) {
            // JSON as text in both dialects: PostgreSQL's JSONB would otherwise come as a driver type
            Object v = c.json() ? rs.getString(c.name()) : rs.getObject(c.name());
            row.put(c.name(), v);
        }
        return StoredAppReader.read(row);
    }
}
