package org.ersreferral.demohistory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes {@link HistoryRows} with JDBC batch inserts, one transaction per {@link #write} call: the
 * engine's history tables as the engine itself fills them, and the application's tables. Every
 * referral belongs to one organisation: the engine's rows get it as tenant id, the referral records
 * as theirs, so its members (and Cockpit, under the engine's tenant check) see them.
 */
final class HistoryRowWriter implements AutoCloseable {

    static final String PROCESS_INSTANCE_COLUMNS = "ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, "
            + "END_TIME_, DURATION_, START_USER_ID_, START_ACT_ID_, END_ACT_ID_, ROOT_PROC_INST_ID_, SUPER_PROCESS_INSTANCE_ID_, STATE_, REMOVAL_TIME_";
    static final String ACTIVITY_COLUMNS = "ID_, PARENT_ACT_INST_ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, "
            + "EXECUTION_ID_, ACT_ID_, TASK_ID_, ACT_NAME_, ACT_TYPE_, ASSIGNEE_, START_TIME_, END_TIME_, DURATION_, "
            + "ACT_INST_STATE_, SEQUENCE_COUNTER_, CALL_PROC_INST_ID_, REMOVAL_TIME_";
    static final String TASK_COLUMNS = "ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, "
            + "EXECUTION_ID_, ACT_INST_ID_, NAME_, ASSIGNEE_, START_TIME_, END_TIME_, DURATION_, DELETE_REASON_, PRIORITY_, "
            + "DUE_DATE_, TASK_STATE_, REMOVAL_TIME_";
    static final String VARIABLE_COLUMNS = "ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, "
            + "ACT_INST_ID_, NAME_, VAR_TYPE_, CREATE_TIME_, REV_, TEXT_, STATE_, REMOVAL_TIME_";
    static final String INCIDENT_COLUMNS = "ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, "
            + "CREATE_TIME_, END_TIME_, INCIDENT_MSG_, INCIDENT_TYPE_, ACTIVITY_ID_, FAILED_ACTIVITY_ID_, CAUSE_INCIDENT_ID_, "
            + "ROOT_CAUSE_INCIDENT_ID_, CONFIGURATION_, INCIDENT_STATE_, REMOVAL_TIME_";
    static final String OPERATION_COLUMNS = "ID_, DEPLOYMENT_ID_, PROC_DEF_ID_, PROC_DEF_KEY_, ROOT_PROC_INST_ID_, PROC_INST_ID_, "
            + "TASK_ID_, JOB_ID_, USER_ID_, TIMESTAMP_, OPERATION_TYPE_, OPERATION_ID_, ENTITY_TYPE_, PROPERTY_, ORG_VALUE_, "
            + "NEW_VALUE_, CATEGORY_, REMOVAL_TIME_";
    static final String REFERRAL_COLUMNS = "request_id, process_instance_id, ubrn, specialty, priority, current_step, outcome, "
            + "status, created_at, completed_at, version";
    static final String CALL_COLUMNS = "process_instance_id, step, operation, correlation_id, method, path, status, failure, "
            + "duration_ms, started_at, requested_at, retry";

    private final Connection connection;
    private final List<PreparedStatement> inserts = new ArrayList<>();
    /** Per insert: the column its organisation goes into after the row's own, or null. */
    private final List<String> organisationColumns = new ArrayList<>();
    private final String organisation;

    HistoryRowWriter(DataSource dataSource, String organisation) throws SQLException {
        this.organisation = organisation;
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        inserts.add(insert("ACT_HI_PROCINST", PROCESS_INSTANCE_COLUMNS, "TENANT_ID_"));
        inserts.add(insert("ACT_HI_ACTINST", ACTIVITY_COLUMNS, "TENANT_ID_"));
        inserts.add(insert("ACT_HI_TASKINST", TASK_COLUMNS, "TENANT_ID_"));
        inserts.add(insert("ACT_HI_VARINST", VARIABLE_COLUMNS, "TENANT_ID_"));
        inserts.add(insert("ACT_HI_INCIDENT", INCIDENT_COLUMNS, "TENANT_ID_"));
        inserts.add(insert("ACT_HI_OP_LOG", OPERATION_COLUMNS, "TENANT_ID_"));
        inserts.add(insert("referral_record", REFERRAL_COLUMNS, "organisation"));
        inserts.add(insert("ers_call_record", CALL_COLUMNS, null));
    }

    private PreparedStatement insert(String table, String columns, String organisationColumn) throws SQLException {
        organisationColumns.add(organisationColumn);
        String all = organisationColumn == null ? columns : columns + ", " + organisationColumn;
        int count = all.split(",").length;
        return connection.prepareStatement("insert into " + table + " (" + all + ") values ("
                + String.join(", ", Collections.nCopies(count, "?")) + ")");
    }

    /** Inserts every row and commits. */
    void write(HistoryRows rows) throws SQLException {
        List<List<Object[]>> tables = rows.all();
        try {
            for (int t = 0; t < tables.size(); t++) {
                // The engine's tables hold local timestamps (as the engine writes java.util.Date); the
                // application's hold instants.
                boolean engineTable = t < 6;
                PreparedStatement insert = inserts.get(t);
                for (Object[] row : tables.get(t)) {
                    for (int i = 0; i < row.length; i++) {
                        bind(insert, i + 1, row[i], engineTable);
                    }
                    if (organisationColumns.get(t) != null) {
                        insert.setString(row.length + 1, organisation);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static void bind(PreparedStatement insert, int index, Object value, boolean engineTable) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.NULL);
        } else if (value instanceof Instant time) {
            if (engineTable) {
                insert.setTimestamp(index, Timestamp.from(time));
            } else {
                insert.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
            }
        } else if (value instanceof String text) {
            insert.setString(index, text);
        } else if (value instanceof Integer number) {
            insert.setInt(index, number);
        } else if (value instanceof Long number) {
            insert.setLong(index, number);
        } else {
            insert.setObject(index, value);
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement insert : inserts) {
            insert.close();
        }
        connection.close();
    }
}
