package org.ersreferral.demohistory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.Priority;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes completed referrals with realistic history straight into the database, in batches, far
 * faster than running process instances. Request ids start with {@link #REQUEST_ID_PREFIX}.
 */
public final class DemoHistoryGenerator {

    public static final String REQUEST_ID_PREFIX = "testdata-";
    private static final int REFERRALS_PER_TRANSACTION = 500;

    private static final List<String[]> SPECIALTIES = List.of(
            new String[] {"CARDIOLOGY", "Cardiology", "HEART_FAILURE", "LIPID_MANAGEMENT", "CHEST_PAIN"},
            new String[] {"DERMATOLOGY", "Dermatology", "SKIN_LESION", "ECZEMA_DERMATITIS"},
            new String[] {"GASTROENTEROLOGY", "Gastroenterology", "LOWER_GI", "UPPER_GI"},
            new String[] {"ORTHOPAEDICS", "Orthopaedics", "KNEE", "HIP", "SPINE"},
            new String[] {"ALLERGY", "Allergy", "ALLERGY_1"});
    private static final int[] SPECIALTY_WEIGHTS = {30, 22, 20, 20, 8};
    private static final Priority[] PRIORITIES = Priority.values();
    private static final int[] PRIORITY_WEIGHTS = {60, 25, 15};
    private static final Outcome[] OUTCOMES = {Outcome.BOOKED, Outcome.AWAITING_PATIENT_BOOKING, Outcome.SENT_FOR_TRIAGE,
            Outcome.DEFERRED_TO_PROVIDER, Outcome.CANCELLED, Outcome.SEARCH_ABANDONED, Outcome.LEFT_IN_ERS};
    private static final int[] OUTCOME_WEIGHTS = {34, 20, 16, 14, 9, 7, 2};

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SyntheticReferral.Definition definition;
    private final int timeToLiveDays;
    private final Clock clock;
    private final String organisation;

    /** What a run wrote and how long it took. */
    public record Result(int referrals, long rows, Duration took) {
        public double referralsPerSecond() {
            return referrals * 1000.0 / Math.max(1, took.toMillis());
        }
    }

    /**
     * @param definitionId   the deployed {@code ers-referral} version the history belongs to
     * @param stepDefinitionId the {@code ers-step} version deployed with it, which its e-RS steps call
     * @param names          element id to name, from both models
     * @param timeToLiveDays its history time to live: removal time = end + this
     * @param organisation   ODS code of the organisation every referral belongs to (its tenant)
     */
    public DemoHistoryGenerator(DataSource dataSource, String definitionId, String stepDefinitionId, String deploymentId,
                             Map<String, String> names, int timeToLiveDays, Clock clock, String organisation) {
        this.organisation = organisation;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.definition = new SyntheticReferral.Definition(definitionId, stepDefinitionId, deploymentId, Map.copyOf(names));
        this.timeToLiveDays = timeToLiveDays;
        this.clock = clock;
    }

    /** Referrals in the database that this generator did not write: the application's records and the engine's. */
    public long otherReferrals() {
        Long records = jdbc.queryForObject("select count(*) from referral_record where request_id not like ?", Long.class,
                REQUEST_ID_PREFIX + "%");
        Long instances = jdbc.queryForObject("select count(*) from ACT_HI_PROCINST where BUSINESS_KEY_ is null"
                + " or BUSINESS_KEY_ not like ?", Long.class, REQUEST_ID_PREFIX + "%");
        return (records == null ? 0 : records) + (instances == null ? 0 : instances);
    }

    /** The history time to live the removal times are calculated with. */
    public int timeToLiveDays() {
        return timeToLiveDays;
    }

    /** Generated referrals already in the database. */
    public long generatedReferrals() {
        Long count = jdbc.queryForObject("select count(*) from referral_record where request_id like ?", Long.class,
                REQUEST_ID_PREFIX + "%");
        return count == null ? 0 : count;
    }

    /**
     * Writes {@code count} completed referrals requested over the last {@code days} days (weekdays and
     * working hours busier), all ended before now.
     *
     * @param progress told after every transaction: referrals written so far
     */
    public Result generate(int count, int days, long seed, IntConsumer progress) throws SQLException {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Random random = new Random(seed);
        // Distinct per run, so a second run adds referrals instead of colliding with the first.
        String run = Long.toString(now.getEpochSecond(), 36) + "-" + Integer.toString(random.nextInt(36 * 36 * 36), 36);
        SyntheticReferral.Ids ids = new SyntheticReferral.Ids(now);
        HistoryRows batch = new HistoryRows();
        long rowCount = 0;
        try (HistoryRowWriter writer = new HistoryRowWriter(dataSource, organisation)) {
            for (int i = 1; i <= count; i++) {
                SyntheticReferral.Request request = request(random, String.format("%s%s-%06d", REQUEST_ID_PREFIX, run, i));
                HistoryRows rows = SyntheticReferral.generate(random, ids, definition, request, requestTime(random, now, days),
                        now, timeToLiveDays);
                batch.addAll(rows);
                if (i % REFERRALS_PER_TRANSACTION == 0 || i == count) {
                    rowCount += batch.size();
                    writer.write(batch);
                    batch.clear();
                    progress.accept(i);
                }
            }
        }
        // Fresh statistics, as after any bulk load: planned on an empty table's, a report's join can
        // take minutes instead of milliseconds (PostgreSQL until autovacuum's analysis; H2 for good).
        jdbc.execute("ANALYZE");
        return new Result(count, rowCount, Duration.ofNanos(System.nanoTime() - started));
    }

    private static SyntheticReferral.Request request(Random random, String requestId) {
        String[] specialty = SPECIALTIES.get(weighted(random, SPECIALTY_WEIGHTS));
        String clinicType = specialty[2 + random.nextInt(specialty.length - 2)];
        return new SyntheticReferral.Request(requestId, specialty[0], specialty[1], clinicType,
                PRIORITIES[weighted(random, PRIORITY_WEIGHTS)].name(), nhsNumber(random), OUTCOMES[weighted(random, OUTCOME_WEIGHTS)]);
    }

    /** A weekday in working hours mostly; some evenings and weekends. */
    private static Instant requestTime(Random random, Instant now, int days) {
        ZonedDateTime day;
        do {
            day = now.atZone(ZoneOffset.UTC).minusDays(random.nextInt(Math.max(1, days))).truncatedTo(ChronoUnit.DAYS);
        } while ((day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) && random.nextInt(10) < 8);
        int minute = random.nextInt(10) < 9 ? 8 * 60 + random.nextInt(10 * 60) : random.nextInt(24 * 60);
        Instant at = day.plusMinutes(minute).plusSeconds(random.nextInt(60)).toInstant();
        return at.isAfter(now) ? now.minusSeconds(60 + random.nextInt(3600)) : at;
    }

    /** A valid NHS number (modulus 11) in the 999 range used for test patients. */
    static String nhsNumber(Random random) {
        while (true) {
            String first = "999" + String.format("%06d", random.nextInt(1_000_000));
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (first.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return first + check;
            }
        }
    }

    private static int weighted(Random random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
