package org.ersreferral.ers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.dstu3.model.BaseDateTimeType;
import org.hl7.fhir.dstu3.model.CodeSystem;
import org.hl7.fhir.dstu3.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.dstu3.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * e-RS reference data (A004), each code system cached for {@code ers.reference-data-ttl}. Its
 * {@code url} is the {@code system} to send for codes e-RS owns (SPECIALTY, cancellation reasons):
 * it differs per environment, so it is never built by hand.
 */
@Component
public class ReferenceDataService {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataService.class);

    private static final String EFFECTIVE_TO_EXTENSION =
            "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-EffectivetoDate-1";

    private final ErsHttp http;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Uses the application's {@link Clock} bean when there is one, else the system clock (UTC). */
    @Autowired
    ReferenceDataService(ErsHttp http, ErsProperties properties, ObjectProvider<Clock> clock) {
        this(http, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    ReferenceDataService(ErsHttp http, ErsProperties properties, Clock clock) {
        this.http = http;
        this.ttl = properties.referenceDataTtl() == null ? Duration.ofHours(1) : properties.referenceDataTtl();
        this.clock = clock;
    }

    /**
     * A referral state's reason in words: the display of reference data (A004) where e-RS owns the code
     * system (cancellation and non-attendance reasons), else the display e-RS sent with it, else the
     * code; null for no reason. Reference data that cannot be read leaves e-RS's own display.
     */
    public String reasonDisplay(ErsCall call, ReferralState.StateReason reason) {
        if (reason == null) {
            return null;
        }
        String type = reason.referenceDataType();
        if (type != null) {
            try {
                String display = codeSystem(call, type).display(reason.code());
                if (display != null && !display.equals(reason.code())) {
                    return display;
                }
            } catch (RuntimeException e) {
                LOG.info("Reference data {} could not be read for a state's reason ({}); e-RS's own display used", type,
                        e.getClass().getSimpleName());
            }
        }
        return reason.display() != null ? reason.display() : reason.code();
    }

    /** The code system, e.g. {@code SPECIALTY}, from the cache or from e-RS when stale. */
    public CodeSystemView codeSystem(ErsCall call, String type) {
        Instant now = clock.instant();
        Cached cached = cache.get(type);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.view();
        }
        CodeSystem codeSystem = http.stu3(ErsOperation.A004, call, Map.of(),
                (api, headers) -> api.retrieveCodeSystem(headers, type));
        CodeSystemView view = toView(type, codeSystem, now);
        cache.put(type, new Cached(view, now.plus(ttl)));
        return view;
    }

    /** The {@code system} url of an e-RS owned code system, e.g. SPECIALTY. */
    public String systemUrl(ErsCall call, String type) {
        return codeSystem(call, type).url();
    }

    /** Concepts still in use today: retired codes (effectiveTo in the past) are left out of forms and checks. */
    static CodeSystemView toView(String type, CodeSystem codeSystem, Instant now) {
        List<CodeSystemView.Concept> concepts = codeSystem.getConcept().stream()
                .filter(c -> !retired(c, now))
                .map(c -> new CodeSystemView.Concept(c.getCode(), c.getDisplay(), specialty(c)))
                .toList();
        return new CodeSystemView(type, codeSystem.getUrl(), concepts);
    }

    /** A clinic type's specialty: its {@code specialty} property, a Coding. */
    private static String specialty(ConceptDefinitionComponent concept) {
        for (ConceptPropertyComponent property : concept.getProperty()) {
            if ("specialty".equals(property.getCode()) && property.getValue() instanceof Coding coding) {
                return coding.getCode();
            }
        }
        return null;
    }

    private static boolean retired(ConceptDefinitionComponent concept, Instant now) {
        for (ConceptPropertyComponent property : concept.getProperty()) {
            if ("effectiveTo".equals(property.getCode()) && property.getValue() instanceof BaseDateTimeType to
                    && to.getValue() != null && to.getValue().toInstant().isBefore(now)) {
                return true;
            }
        }
        for (Extension extension : concept.getExtension()) {
            if (EFFECTIVE_TO_EXTENSION.equals(extension.getUrl()) && extension.getValue() instanceof BaseDateTimeType to
                    && to.getValueAsString() != null && to.getValueAsString().length() >= 10) {
                // a date is effective to the end of that day
                LocalDate lastDay = LocalDate.parse(to.getValueAsString().substring(0, 10));
                if (lastDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).isBefore(now)) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Cached(CodeSystemView view, Instant expires) {
    }
}
