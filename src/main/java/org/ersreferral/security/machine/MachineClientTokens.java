package org.ersreferral.security.machine;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a validated token into the {@link MachineClient} it stands for: the id from the configured
 * claim, groups from its scopes ({@code scope} or {@code scp}) through the scope mapping only (a
 * scope of no mapping gives nothing, whatever it is called), organisations from the client mapping
 * or else the configured claim.
 */
final class MachineClientTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String clientIdClaim;
    private final Map<String, String> scopeGroups;
    private final Map<String, String> clientOrganisations;
    private final String organisationClaim;
    private final Predicate<String> isPerson;

    /** @param isPerson whether an id is a user of the engine's identity service (a person, or a demo user) */
    MachineClientTokens(MachineClientProperties properties, Predicate<String> isPerson) {
        this.clientIdClaim = properties.clientIdClaim() == null || properties.clientIdClaim().isBlank() ? "sub"
                : properties.clientIdClaim().strip();
        this.scopeGroups = properties.scopeGroupMap();
        this.clientOrganisations = properties.clientOrganisationMap();
        this.organisationClaim = properties.organisationClaim() == null || properties.organisationClaim().isBlank() ? null
                : properties.organisationClaim().strip();
        this.isPerson = isPerson;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt token) {
        String clientId = token.getClaimAsString(clientIdClaim);
        if (clientId == null || clientId.isBlank()) {
            throw new InvalidBearerTokenException("The token has no '" + clientIdClaim + "' claim to name the client");
        }
        if (isPerson.test(clientId)) {
            // The engine would grant the client what it grants that user (tasks assigned to them, their own authorizations).
            throw new InvalidBearerTokenException("The token's client id is a user's id");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String scopes : List.of("scope", "scp")) {
            values(token, scopes).stream().map(scopeGroups::get).filter(Objects::nonNull).forEach(groups::add);
        }
        return new MachineClient(token, clientId, List.copyOf(groups), organisations(token, clientId));
    }

    private List<String> organisations(Jwt token, String clientId) {
        String mapped = clientOrganisations.get(clientId);
        if (mapped != null) {
            return List.of(mapped);
        }
        return organisationClaim == null ? List.of() : List.copyOf(new LinkedHashSet<>(values(token, organisationClaim)));
    }

    /** A claim's values: a list, or a string of values separated by spaces (as {@code scope} is). */
    private static List<String> values(Jwt token, String claim) {
        Object value = token.getClaims().get(claim);
        Set<String> values = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String part : text.strip().split("\\s+")) {
                if (!part.isEmpty()) {
                    values.add(part);
                }
            }
        } else if (value instanceof Collection<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).map(String::strip)
                    .filter(part -> !part.isEmpty()).forEach(values::add);
        }
        return List.copyOf(values);
    }
}
