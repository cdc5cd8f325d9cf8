package org.ersreferral.ers;

import ca.uhn.fhir.context.FhirContext;
import feign.Client;
import feign.Feign;
import feign.FeignException;
import feign.Logger;
import feign.Request;
import feign.RequestInterceptor;
import feign.RetryableException;
import feign.Retryer;
import feign.codec.DecodeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The HTTP side of the e-RS client: Feign targets with the common headers, no Feign retries (the
 * process engine retries), timeouts from {@code ers.*}, every request within the shared
 * {@link ErsCallBudget}, and I/O failures mapped to {@link ErsException}s.
 */
@Component
class ErsHttp {

    static final String CORRELATION_ID = "X-Correlation-ID";
    static final String BUSINESS_FUNCTION = "NHSD-eRS-Business-Function";
    static final String ODS = "NHSD-End-User-Organisation-ODS";
    static final String FHIR_JSON = "application/fhir+json";

    private final ErsProperties properties;
    private final FhirJsonCodec codec;
    private final ErsStu3Api stu3;
    private final ErsR4Api r4;
    private final ErsErrorDecoder errorDecoder;
    private final ErsAuthentication authentication;
    private final ErsCallObserver observer;
    private final ErsCallBudget budget;

    ErsHttp(ErsProperties properties, FhirContext fhirContext, ErsAuthentication authentication) {
        this(properties, fhirContext, authentication, ErsCallObserver.NONE);
    }

    @Autowired
    ErsHttp(ErsProperties properties, FhirContext fhirContext, ErsAuthentication authentication,
            ObjectProvider<ErsCallObserver> observers, ObjectProvider<ErsCallBudget> budget) {
        this(properties, fhirContext, authentication, ErsCallObserver.all(observers.orderedStream().toList()),
                budget.getIfAvailable(() -> ErsCallBudget.NONE));
    }

    ErsHttp(ErsProperties properties, FhirContext fhirContext, ErsAuthentication authentication, ErsCallObserver observer) {
        this(properties, fhirContext, authentication, observer, ErsCallBudget.NONE);
    }

    ErsHttp(ErsProperties properties, FhirContext fhirContext, ErsAuthentication authentication, ErsCallObserver observer,
            ErsCallBudget budget) {
        this.observer = observer;
        this.budget = budget;
        this.properties = properties;
        this.authentication = authentication;
        this.codec = new FhirJsonCodec(fhirContext);
        this.errorDecoder = new ErsErrorDecoder(codec);
        String base = stripTrailingSlash(properties.baseUrl());
        this.stu3 = builder().target(ErsStu3Api.class, base);
        this.r4 = builder().target(ErsR4Api.class, base);
    }

    private Feign.Builder builder() {
        return Feign.builder()
                // the budget before the log line: time spent waiting for it is not the call's duration
                .client(new BudgetedHttpClient(new LoggingHttpClient(new Client.Default(null, null), observer), budget))
                .encoder(codec)
                .decoder(codec)
                .errorDecoder(errorDecoder)
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(millis(properties.connectTimeout(), 5_000), TimeUnit.MILLISECONDS,
                        millis(properties.readTimeout(), 30_000), TimeUnit.MILLISECONDS, false))
                .logLevel(Logger.Level.NONE) // LoggingHttpClient logs one line per call, never bodies
                .requestInterceptor(commonHeaders());
    }

    /**
     * Headers every e-RS call carries; authentication and the role are added per call (they depend
     * on the referral's person). Never NHSD-eRS-On-Behalf-Of-User-ID: e-RS refuses it for referrer roles.
     */
    private RequestInterceptor commonHeaders() {
        return template -> {

            if (!template.headers().containsKey("Accept")) {
                template.header("Accept", FHIR_JSON);
            }
        };
    }

    /** The role a call acts in when its person chose it; empty: the configured one. */
    Optional<ErsRole> chosenRole(ErsCall call) {
        return authentication.actingRole(call);
    }

    /** Feign hands back a raw {@link feign.Response} unchecked, so raw-answer operations check it here. */
    void throwIfError(feign.Response response) {
        if (response.status() < 200 || response.status() >= 300) {
            throw (ErsException) errorDecoder.decode("", response);
        }
    }

    /**
     * Runs one e-RS call with a fresh correlation id in the per-call headers.
     *
     * @param extraHeaders operation specific headers (If-Match, file headers); may be empty
     */
    <T> T stu3(ErsOperation operation, ErsCall call, Map<String, Object> extraHeaders,
               Function2<ErsStu3Api, T> request) {
        return execute(operation, call, extraHeaders, headers -> request.apply(stu3, headers));
    }

    <T> T r4(ErsOperation operation, ErsCall call, Function2<ErsR4Api, T> request) {
        return execute(operation, call, Map.of(), headers -> request.apply(r4, headers));
    }

    private <T> T execute(ErsOperation operation, ErsCall call, Map<String, Object> extraHeaders,
                          Function<Map<String, Object>, T> request) {
        Map<String, Object> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(CORRELATION_ID, correlationId(call));
        try {
            headers.putAll(authentication.headers(operation, call));
            // The person's chosen role came with the authentication; a call of nobody in particular
            // acts in the configured role. A person with no role yet sends none (A030 finds theirs).
            if (!headers.containsKey(BUSINESS_FUNCTION) && !authentication.actsAsPerson(call)) {
                headers.put(ODS, properties.odsCode());
                headers.put(BUSINESS_FUNCTION, properties.businessFunction());
            }
            return request.apply(headers);
        } catch (ErsException.SignInNeeded e) {
            throw e;
        } catch (ErsException.Unauthorised e) {
            authentication.unauthorised(call);
            throw e;
        } catch (ErsException e) {
            throw e;
        } catch (RetryableException e) {
            throw ioFailure(operation, e.getCause() != null ? e.getCause() : e);
        } catch (DecodeException e) {
            // e-RS said yes but the answer is unreadable: for a write, what e-RS did is unknown. The
            // parser's message is left out of ours: it may quote the body, and with it patient data.
            String message = "Unreadable answer from e-RS (HTTP " + e.status() + ")";
            throw operation.changesState()
                    ? new ErsException.OutcomeUnknown(operation.name(), message, null)
                    : new ErsException.Unavailable(operation.name(), e.status(), message, null);
        } catch (FeignException e) {
            throw new ErsException.Unavailable(operation.name(), e.status(), e.getClass().getSimpleName(), e);
        }
    }

    /**
     * A connect failure means the request never left, so repeating it is safe. Anything after that
     * (read timeout, connection reset) means e-RS may have received and applied it: for a write the
     * outcome is unknown and must be reconciled, for a read it is just unavailable.
     */
    private static ErsException ioFailure(ErsOperation operation, Throwable cause) {
        boolean neverSent = cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException
                || cause instanceof SocketTimeoutException && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect");
        if (!neverSent && operation.changesState()) {
            return new ErsException.OutcomeUnknown(operation.name(),
                    "No answer from e-RS after sending " + operation + "; check the referral before repeating", cause);
        }
        String what = neverSent ? "Cannot reach e-RS" : "No answer from e-RS";
        return new ErsException.Unavailable(operation.name(), 0, what + " (" + cause.getClass().getSimpleName() + ")",
                cause);
    }

    /** {@code <process instance>:<step>:<8 hex>}: traceable to the referral and unique per attempt. */
    static String correlationId(ErsCall call) {
        String pid = call == null || call.processInstanceId() == null ? "none" : call.processInstanceId();
        String step = call == null || call.step() == null ? "none" : call.step();
        return pid + ":" + step + ":" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static int millis(Duration duration, int fallback) {
        return duration == null ? fallback : (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static String stripTrailingSlash(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("ers.base-url is required");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @FunctionalInterface
    interface Function2<A, T> {
        T apply(A api, Map<String, Object> headers);
    }
}
