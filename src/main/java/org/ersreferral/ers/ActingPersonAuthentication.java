package org.ersreferral.ers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ers.auth.mode=cis2}: every call of a referral acts as its acting person, with their
 * user-restricted token and the role they chose, as e-RS requires for every referral read and
 * write. Only application-restricted operations (A004) may go without a person, with the
 * application's own token when there is one. With no usable token or no role the call is not
 * sent: it fails as {@link ErsException.Unauthorised}, which the process turns into "Sign in to
 * e-RS again" for that person. Token values never appear in a message.
 */
final class ActingPersonAuthentication implements ErsAuthentication {

    private final ErsAccessTokenProvider application;
    private final ErsPeople people;

    /**
     * @param application the application's own token for application-restricted reads; null: none
     *                    (those reads then act as the person too, and need one)
     */
    ActingPersonAuthentication(ErsAccessTokenProvider application, ErsPeople people) {
        this.application = application;
        this.people = people;
    }

    @Override
    public Map<String, String> headers(ErsCall call) {
        return headers(null, call);
    }

    @Override
    public Map<String, String> headers(ErsOperation operation, ErsCall call) {
        String operationId = operation == null ? "e-RS" : operation.name();
        String person = call == null ? null : call.actingUser();
        if (operation != null && operation.applicationRestricted() && (application != null || person == null)) {
            if (application == null) {
                throw new ErsException.SignInNeeded(operationId, "No application token is configured (ers.auth.api-key)"
                        + " and no person acts in this call");
            }
            return Map.of(AUTHORIZATION, "Bearer " + application.accessToken());
        }
        if (person == null) {
            throw new ErsException.SignInNeeded(operationId, "No coordinator acts in this referral yet: e-RS needs a"
                    + " person signed in through NHS CIS2 for " + operationId);
        }
        String token = people.accessToken(person).orElseThrow(() -> new ErsException.SignInNeeded(operationId,
                "User " + person + " has no usable e-RS sign-in: they sign in to e-RS again"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(AUTHORIZATION, "Bearer " + token);
        Optional<ErsRole> role = people.chosenRole(person);
        if (role.isPresent()) {
            headers.put(ErsHttp.BUSINESS_FUNCTION, role.get().businessFunction());
            headers.put(ErsHttp.ODS, role.get().odsCode());
        } else if (operation != ErsOperation.A030) {
            // A030 is how a person's roles are found, so it alone goes without one.
            throw new ErsException.SignInNeeded(operationId, "User " + person
                    + " has not chosen an e-RS role yet: they choose it when they sign in");
        }
        return headers;
    }

    @Override
    public boolean actsAsPerson(ErsCall call) {
        return call != null && call.actingUser() != null;
    }

    @Override
    public Optional<ErsRole> actingRole(ErsCall call) {
        return call == null || call.actingUser() == null ? Optional.empty() : people.chosenRole(call.actingUser());
    }

    @Override
    public void unauthorised(ErsCall call) {
        if (call != null && call.actingUser() != null) {
            people.tokenRefused(call.actingUser());
        } else if (application != null) {
            application.invalidate();
        }
    }
}
