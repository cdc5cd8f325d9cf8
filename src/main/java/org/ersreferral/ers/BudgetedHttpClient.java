package org.ersreferral.ers;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.time.Duration;

/**
 * Every Feign request to e-RS takes its place in the {@link ErsCallBudget} before it is sent (a call
 * that finds no room fails unsent), and a 429 pauses the budget for every node until Retry-After.
 */
final class BudgetedHttpClient implements Client {

    private final Client delegate;
    private final ErsCallBudget budget;

    BudgetedHttpClient(Client delegate, ErsCallBudget budget) {
        this.delegate = delegate;
        this.budget = budget;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        budget.take(String.valueOf(ErsOperation.of(request)));
        Response response = delegate.execute(request, options);
        if (response.status() == 429) {
            budget.pause(Duration.ofSeconds(ErsErrorDecoder.retryAfterSeconds(response.headers())));
        }
        return response;
    }
}
