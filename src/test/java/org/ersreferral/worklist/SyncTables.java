package org.ersreferral.worklist;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sync's tables on an in-memory H2 database of their own, as the JPA mapping makes them. */
final class SyncTables {

    private SyncTables() {
    }

    static JdbcTemplate create() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sync-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table worklist_sync_lease (organisation varchar(20) primary key, due_at bigint not null,"
                + " holder varchar(100), held_until bigint not null)");
        jdbc.execute("create table worklist_sync_seen (organisation varchar(20) not null, ubrn varchar(20) not null,"
                + " lists varchar(200) not null, told_mark varchar(80), told_status varchar(40), follow_up_started boolean not null,"
                + " off_lists_since timestamp(6) with time zone, primary key (organisation, ubrn))");
        jdbc.execute("create table worklist_sync_coordinator (organisation varchar(20) not null, user_id varchar(255) not null,"
                + " signed_in_at bigint not null, primary key (organisation, user_id))");
        return jdbc;
    }
}
