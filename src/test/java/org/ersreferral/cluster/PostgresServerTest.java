package org.ersreferral.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void theLocalServerAsPostgresWithoutPasswordUnlessTheEnvironmentSaysOtherwise() {
        assertThat(PostgresServer.from(Map.of()))
                .isEqualTo(new PostgresServer("jdbc:postgresql://127.0.0.1:5432/", "postgres", ""));
        assertThat(PostgresServer.from(Map.of("PG_URL", "jdbc:postgresql://db:5433/", "PG_USER", "ers", "PG_PASSWORD", "s3cret")))
                .isEqualTo(new PostgresServer("jdbc:postgresql://db:5433/", "ers", "s3cret"));
    }

    @Test
    void thePasswordIsNotPrinted() {
        PostgresServer server = new PostgresServer("jdbc:postgresql://db:5433/", "ers", "s3cret");
        assertThat(server.toString()).contains("db:5433", "ers").doesNotContain("s3cret");
        assertThat(new PostgresServer.Database(server, "ers_x").toString()).doesNotContain("s3cret");
    }
}
