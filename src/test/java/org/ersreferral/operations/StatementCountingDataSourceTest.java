package org.ersreferral.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Each statement a connection executes is counted once: one by one, prepared, failed, and each of a batch. */
class StatementCountingDataSourceTest {

    @Test
    void countsEveryExecutionAndEachStatementOfABatch() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:statement-count");
        StatementCountingDataSource.Counts counts = new StatementCountingDataSource.Counts();
        try (Connection connection = new StatementCountingDataSource(h2, counts).getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table t (id int primary key)");
                statement.executeUpdate("insert into t values (1)");
                assertThatThrownBy(() -> statement.executeUpdate("insert into t values (1)")).isInstanceOf(SQLException.class);
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into t values (?)")) {
                for (int id = 2; id <= 4; id++) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).hasSize(3);
            }
            try (PreparedStatement query = connection.prepareStatement("select count(*) from t");
                 var rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(4);
            }
            assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
        }
        assertThat(counts.single()).isEqualTo(4);
        assertThat(counts.batched()).isEqualTo(3);
    }
}
