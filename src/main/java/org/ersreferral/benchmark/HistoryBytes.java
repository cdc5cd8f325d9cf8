package org.ersreferral.benchmark;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine history stored for given referrals: every row of the {@code ACT_HI_*} tables, and the
 * history's byte arrays in {@code ACT_GE_BYTEARRAY} (large variable values, stack traces of failed
 * jobs), whose root process instance is one of them, so the {@code ers-step} instances each e-RS step
 * runs in count with their referral. A row's size is the sum of its values as stored: the bytes of
 * each text and binary value, and the width of each number, date and flag that is set (8 for a
 * timestamp or bigint, 4 for an integer, 1 for a flag). Indexes and the databases' per-row overhead
 * are left out, so the figure is the same on H2 and PostgreSQL for the same history.
 */
public final class HistoryBytes {

    /** History rows of the byte array table ({@code TYPE_} 2; 1 is the runtime's). */
    private static final String BYTE_ARRAY_TABLE = "ACT_GE_BYTEARRAY";
    private static final int HISTORY_BYTE_ARRAY = 2;
    private static final String ROOT_COLUMN = "ROOT_PROC_INST_ID_";
    /** Root instance ids asked per statement, so that no statement grows without bound. */
    private static final int IDS_PER_QUERY = 200;

    private HistoryBytes() {
    }

    /** Bytes of history per table (those with rows for these referrals), for the given root process instance ids. */
    public static Map<String, Long> byTable(Connection connection, Collection<String> rootProcessInstanceIds) throws SQLException {
        Map<String, Long> bytes = new LinkedHashMap<>();
        List<String> ids = List.copyOf(rootProcessInstanceIds);
        for (Table table : historyTables(connection)) {
            long sum = 0;
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
                sum += sum(connection, table, chunk);
            }
            if (sum > 0) {
                bytes.put(table.name().toUpperCase(Locale.ROOT), sum);
            }
        }
        return bytes;
    }

    /** Bytes of history in all, for the given root process instance ids. */
    public static long total(Connection connection, Collection<String> rootProcessInstanceIds) throws SQLException {
        return byTable(connection, rootProcessInstanceIds).values().stream().mapToLong(Long::longValue).sum();
    }

    private record Table(String name, String rootColumn, String typeColumn, List<String> sizeTerms) {
    }

    /** The history tables with a root process instance column, as the database names them, with their columns. */
    private static List<Table> historyTables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, List<String[]>> columns = new LinkedHashMap<>();
        for (String pattern : List.of("ACT\\_HI\\_%", "act\\_hi\\_%", BYTE_ARRAY_TABLE, BYTE_ARRAY_TABLE.toLowerCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getColumns(null, schema, pattern, "%")) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString("TABLE_NAME"), t -> new ArrayList<>())
                            .add(new String[] {rs.getString("COLUMN_NAME"), Integer.toString(rs.getInt("DATA_TYPE"))});
                }
            }
        }
        List<Table> tables = new ArrayList<>();
        columns.forEach((table, tableColumns) -> {
            String root = null;
            String type = null;
            List<String> terms = new ArrayList<>();
            for (String[] column : tableColumns) {
                String name = column[0];
                if (name.equalsIgnoreCase(ROOT_COLUMN)) {
                    root = name;
                }
                if (name.equalsIgnoreCase("TYPE_")) {
                    type = name;
                }
                terms.add(sizeTerm(quote(name), Integer.parseInt(column[1])));
            }
            boolean byteArrays = table.equalsIgnoreCase(BYTE_ARRAY_TABLE);
            if (root != null && (!byteArrays || type != null)) {
                tables.add(new Table(table, root, byteArrays ? type : null, terms));
            }
        });
        return tables;
    }

    private static String sizeTerm(String column, int sqlType) {
        return switch (sqlType) {
            case Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB,
                 Types.NCLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    "coalesce(octet_length(" + column + "), 0)";
            case Types.BIGINT, Types.DOUBLE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE ->
                    "case when " + column + " is null then 0 else 8 end";
            case Types.INTEGER, Types.REAL, Types.FLOAT -> "case when " + column + " is null then 0 else 4 end";
            case Types.SMALLINT, Types.TINYINT -> "case when " + column + " is null then 0 else 2 end";
            default -> "case when " + column + " is null then 0 else 1 end";
        };
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    private static long sum(Connection connection, Table table, List<String> ids) throws SQLException {
        String sql = "select coalesce(sum(" + String.join(" + ", table.sizeTerms()) + "), 0) from " + quote(table.name())
                + " where " + quote(table.rootColumn()) + " in (" + String.join(",", java.util.Collections.nCopies(ids.size(), "?"))
                + ")" + (table.typeColumn() == null ? "" : " and " + quote(table.typeColumn()) + " = " + HISTORY_BYTE_ARRAY);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
