package org.ersreferral.ers;

/** Told how long each e-RS call waited for room in the {@link ErsCallBudget}, e.g. for metrics. Must not throw. */
public interface ErsBudgetObserver {

    /**
     * @param waitedMs how long the call waited (0 when there was room at once)
     * @param sent     false when the call gave up unsent after the maximum wait
     */
    void waited(long waitedMs, boolean sent);

    ErsBudgetObserver NONE = (waitedMs, sent) -> { };
}
