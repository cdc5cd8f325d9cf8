package org.ersreferral.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.ersreferral.testsupport.ThrowawayPostgres;
import org.junit.jupiter.api.Test;

/**
 * The history size query on both databases the application runs on, over tables shaped as the
 * engine's (a few of their columns): the same rows give the same bytes on H2 (upper-case names,
 * BLOB) and PostgreSQL (lower-case names, bytea); rows of other referrals and runtime byte arrays do not count.
 */
class HistoryBytesTest {

    /** What the rows below hold for referral "root-1": ids, a text, a number, a date, a blob. */
    private static final long EXPECTED = (6 + 6 + 8 + 8) // its own instance: two ids, start time, duration
            + (9 + 6 + 8) // its step's instance: two ids, a start time
            + (6 + 6 + 5 + 8) // a variable: id, root, text "hello", long
            + (3 + 4 + 6 + 11); // a history byte array: id, type, root, 11 bytes

    @Test
    void sumsAReferralsHistoryOnH2() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:history-bytes", "sa", "")) {
            check(connection, "blob");
        }
    }

    @Test
    void sumsAReferralsHistoryOnPostgres() throws SQLException {
        ThrowawayPostgres database = new ThrowawayPostgres("history_bytes_");
        String url = database.create();
        try (Connection connection = DriverManager.getConnection(url, ThrowawayPostgres.user(), ThrowawayPostgres.password())) {
            check(connection, "bytea");
        } finally {
            database.drop();
        }
    }

    private static void check(Connection connection, String binaryType) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create table ACT_HI_PROCINST (ID_ varchar(64), ROOT_PROC_INST_ID_ varchar(64), START_TIME_ timestamp,"
                    + " DURATION_ bigint)");
            ddl.execute("create table ACT_HI_VARINST (ID_ varchar(64), ROOT_PROC_INST_ID_ varchar(64), TEXT_ varchar(4000),"
                    + " LONG_ bigint)");
            ddl.execute("create table ACT_GE_BYTEARRAY (ID_ varchar(64), TYPE_ integer, ROOT_PROC_INST_ID_ varchar(64), BYTES_ "
                    + binaryType + ")");
            // A runtime table with the same column: not history.
            ddl.execute("create table ACT_RU_EXECUTION (ID_ varchar(64), ROOT_PROC_INST_ID_ varchar(64))");
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        insert(connection, "insert into ACT_HI_PROCINST values (?, ?, ?, ?)", "root-1", "root-1", now, 1234L);
        insert(connection, "insert into ACT_HI_PROCINST values (?, ?, ?, ?)", "step-of-1", "root-1", now, null);
        insert(connection, "insert into ACT_HI_PROCINST values (?, ?, ?, ?)", "root-2", "root-2", now, 99L);
        insert(connection, "insert into ACT_HI_VARINST values (?, ?, ?, ?)", "var-11", "root-1", "hello", 7L);
        insert(connection, "insert into ACT_HI_VARINST values (?, ?, ?, ?)", "var-21", "root-2", "other referral", null);
        insert(connection, "insert into ACT_GE_BYTEARRAY values (?, ?, ?, ?)", "ba1", 2, "root-1", "hello world".getBytes());
        insert(connection, "insert into ACT_GE_BYTEARRAY values (?, ?, ?, ?)", "ba2", 1, "root-1", new byte[1000]);
        insert(connection, "insert into ACT_RU_EXECUTION values (?, ?)", "exec-1", "root-1");

        Map<String, Long> byTable = HistoryBytes.byTable(connection, List.of("root-1"));
        assertThat(byTable).containsOnlyKeys("ACT_HI_PROCINST", "ACT_HI_VARINST", "ACT_GE_BYTEARRAY");
        assertThat(byTable.get("ACT_GE_BYTEARRAY")).as("the history byte array only").isEqualTo(3 + 4 + 6 + 11);
        assertThat(HistoryBytes.total(connection, List.of("root-1"))).isEqualTo(EXPECTED);
        assertThat(HistoryBytes.total(connection, List.of("root-1", "root-2")))
                .isEqualTo(EXPECTED + (6 + 6 + 8 + 8) + (6 + 6 + 14));
        assertThat(HistoryBytes.total(connection, List.of())).isZero();
    }

    private static void insert(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }
}
