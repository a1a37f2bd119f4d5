package io.sockudo.store.app.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema shipped in the docs is the one the stores create. */
class AppTableDocsTest {

    @Test
    void theDocsShowTheStatementsTheStoresRun() throws Exception {
        String docs = Files.readString(docs());
        assertThat(docs).contains(AppTable.createStatement(SqlDialect.MYSQL, "applications") + ";");
        assertThat(docs).contains(AppTable.createStatement(SqlDialect.POSTGRES, "applications") + ";");
    }

    private static Path docs() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("docs/app-stores.md");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("docs/app-stores.md not found above " + Path.of("").toAbsolutePath());
    }
}
