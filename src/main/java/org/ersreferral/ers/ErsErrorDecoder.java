package org.ersreferral.ers;

import feign.Response;
import feign.Util;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hl7.fhir.dstu3.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.dstu3.model.OperationOutcome;

/**
 * Turns an e-RS error answer into the {@link ErsException} that tells the process what to do. The
 * message is the OperationOutcome's diagnostics (or the issue's details), never the raw body.
 */
final class ErsErrorDecoder implements ErrorDecoder {

    private final FhirJsonCodec codec;

    ErsErrorDecoder(FhirJsonCodec codec) {
        this.codec = codec;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        ErsOperation operation = ErsOperation.of(response.request());
        String op = operation == null ? methodKey : operation.name();
        int status = response.status();
        String message = diagnostics(response);
        return switch (status) {
            case 400, 403, 422 -> new ErsException.Rejected(op, status, message);
            case 401 -> new ErsException.Unauthorised(op, message);
            case 409, 423 -> new ErsException.Conflict(op, status, message);
            case 502, 504 -> new ErsException.ProviderUnavailable(op, status, message);
            case 429 -> new ErsException.RateLimited(op, message, retryAfterSeconds(response));
            default -> new ErsException.Unavailable(op, status, message, null);
        };
    }

    private String diagnostics(Response response) {
        String fallback = "e-RS answered HTTP " + response.status();
        if (response.body() == null) {
            return fallback;
        }
        try (InputStream in = response.body().asInputStream()) {
            String body = new String(Util.toByteArray(in), StandardCharsets.UTF_8);
            if (!body.contains("\"OperationOutcome\"")) {
                return fallback; // e.g. an HTML page from a gateway: not safe or useful to show
            }
            OperationOutcome outcome = codec.parse(OperationOutcome.class, body);
            String text = outcome.getIssue().stream().map(ErsErrorDecoder::describe).filter(Objects::nonNull)
                    .collect(Collectors.joining("; "));
            return text.isBlank() ? fallback : text;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static String describe(OperationOutcomeIssueComponent issue) {
        if (issue.hasDiagnostics()) {
            return issue.getDiagnostics();
        }
        if (issue.getDetails().hasText()) {
            return issue.getDetails().getText();
        }
        return issue.getDetails().getCoding().stream()
                .map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Retry-After in seconds; e-RS sends seconds. Unknown or an HTTP date: wait a minute. */
    private static long retryAfterSeconds(Response response) {
        return retryAfterSeconds(response.headers());
    }

    static long retryAfterSeconds(Map<String, Collection<String>> headers) {
        return retryAfterSeconds(headers.getOrDefault("Retry-After", headers.getOrDefault("retry-after", List.of())));
    }

    static long retryAfterSeconds(Collection<String> values) {
        for (String value : values) {
            try {
                return Math.max(0, Long.parseLong(value.trim()));
            } catch (NumberFormatException ignored) {
                // not seconds; fall through to the default
            }
        }
        return 60;
    }
}
