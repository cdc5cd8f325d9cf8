package org.ersreferral.demohistory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of one or more generated referrals, per table, in column order of {@link HistoryRowWriter}'s
 * inserts. Times are {@link Instant}s until written, so a whole referral can be moved in time.
 */
final class HistoryRows {

    final List<Object[]> processInstances = new ArrayList<>();
    final List<Object[]> activities = new ArrayList<>();
    final List<Object[]> tasks = new ArrayList<>();
    final List<Object[]> variables = new ArrayList<>();
    final List<Object[]> incidents = new ArrayList<>();
    final List<Object[]> operations = new ArrayList<>();
    final List<Object[]> referrals = new ArrayList<>();
    final List<Object[]> calls = new ArrayList<>();

    List<List<Object[]>> all() {
        return List.of(processInstances, activities, tasks, variables, incidents, operations, referrals, calls);
    }

    int size() {
        return all().stream().mapToInt(List::size).sum();
    }

    /** Moves every time by {@code shift} (negative: earlier). */
    void shift(Duration shift) {
        for (List<Object[]> table : all()) {
            for (Object[] row : table) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] instanceof Instant time) {
                        row[i] = time.plus(shift);
                    }
                }
            }
        }
    }

    /** Sets the removal time, the last column of every engine history row. */
    void removalTime(Instant removal) {
        for (List<Object[]> table : List.of(processInstances, activities, tasks, variables, incidents, operations)) {
            for (Object[] row : table) {
                row[row.length - 1] = removal;
            }
        }
    }

    void addAll(HistoryRows other) {
        List<List<Object[]>> mine = all();
        List<List<Object[]>> theirs = other.all();
        for (int i = 0; i < mine.size(); i++) {
            mine.get(i).addAll(theirs.get(i));
        }
    }

    void clear() {
        all().forEach(List::clear);
    }
}
