package org.ersreferral.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds services and slots into an empty database at startup, resets everything on request and
 * keeps the number of free slots of a service. Slot ids are the service id plus a 3-digit number
 * (e.g. {@code 11000021}), as in the official examples.
 */
@Component
@ConditionalOnSimulator
class SimulatorState implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SimulatorState.class);
    static final long FIRST_UBRN = 70001;
    static final long FIRST_APPOINTMENT = 70001;

    private final SimServiceRepository services;
    private final SimSlotRepository slots;
    private final SimReferralRepository referrals;
    private final SimBinaryRepository binaries;
    private final SimSequenceRepository sequences;
    private final TransactionTemplate transaction;

    SimulatorState(SimServiceRepository services, SimSlotRepository slots, SimReferralRepository referrals,
                   SimBinaryRepository binaries, SimSequenceRepository sequences,
                   @Qualifier(SimulatorPersistence.TRANSACTION_MANAGER) PlatformTransactionManager transactions) {
        this.services = services;
        this.slots = slots;
        this.referrals = referrals;
        this.binaries = binaries;
        this.sequences = sequences;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        // Only into an empty database: state from an earlier run (referrals, taken slots) is kept.
        try {
            transaction.executeWithoutResult(status -> {
                if (services.count() == 0) {
                    seed();
                    log.info("e-RS simulator seeded with {} services", SeedData.services().size());
                }
            });
        } catch (DataIntegrityViolationException e) {
            // Another node sharing the database seeded it at the same moment; its seed stands.
            log.info("e-RS simulator data was seeded by another node");
        }
    }

    /** Clears referrals, binaries and slots and seeds services and slots afresh. */
    @Transactional(SimulatorPersistence.TRANSACTION_MANAGER)
    void reset() {
        referrals.deleteAllInBatch();
        binaries.deleteAllInBatch();
        slots.deleteAllInBatch();
        services.deleteAllInBatch();
        sequences.deleteAllInBatch();
        seed();
    }

    private void seed() {
        sequences.save(new SimSequence("ubrn", FIRST_UBRN));
        sequences.save(new SimSequence("appointment", FIRST_APPOINTMENT));
        for (SeedData.Seed seed : SeedData.services()) {
            services.save(seed.service());
            addSlots(seed.service(), seed.freeSlots());
        }
    }

    /** Makes exactly {@code count} free future slots: drops the latest free ones or adds new ones. */
    @Transactional(SimulatorPersistence.TRANSACTION_MANAGER)
    int setFreeSlots(SimService service, int count) {
        List<SimSlot> free = slots.findFree(service.id(), Instant.now());
        if (free.size() > count) {
            slots.deleteAll(free.subList(count, free.size()));
        } else if (free.size() < count) {
            addSlots(service, count - free.size());
        }
        return count;
    }

    long freeSlots(String serviceId) {
        return slots.countFree(serviceId, Instant.now());
    }

    long nextValue(String sequence) {
        SimSequence seq = sequences.lockByName(sequence).orElseGet(() -> sequences.save(
                new SimSequence(sequence, "ubrn".equals(sequence) ? FIRST_UBRN : FIRST_APPOINTMENT)));
        return seq.take();
    }

    private void addSlots(SimService service, int count) {
        List<SimSlot> existing = slots.findByServiceIdOrderByIdAsc(service.id());
        int number = existing.size() + 1;
        Instant latest = existing.stream().map(SimSlot::start).max(Instant::compareTo).orElse(null);
        // Half-hour slots from 09:00 to 16:30 (UTC) on the days after today, after any existing slot.
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        if (latest != null && !latest.isBefore(start)) {
            start = latest.plus(30, ChronoUnit.MINUTES);
        }
        for (int i = 0; i < count; i++) {
            start = workingTime(start);
            String id = service.id() + String.format("%03d", number++);
            while (slots.existsById(id)) {
                id = service.id() + String.format("%03d", number++);
            }
            slots.save(new SimSlot(id, service.id(), start, start.plus(30, ChronoUnit.MINUTES), service.clinician()));
            start = start.plus(30, ChronoUnit.MINUTES);
        }
    }

    private static Instant workingTime(Instant candidate) {
        int hour = candidate.atZone(ZoneOffset.UTC).getHour();
        if (hour >= 17) {
            return candidate.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        }
        if (hour < 9) {
            return candidate.atZone(ZoneOffset.UTC).toLocalDate().atTime(9, 0).toInstant(ZoneOffset.UTC);
        }
        return candidate;
    }
}
