package org.ersreferral.ers;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.RequestTemplate;
import feign.Response;
import feign.Util;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.dstu3.model.Appointment;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Feign body codec: FHIR resources through the shared FhirContext's JSON parser, raw bytes as they
 * are (A020 upload, A019 PDF) and plain JSON for the one R4 answer.
 */
final class FhirJsonCodec implements Encoder, Decoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirContext fhirContext;

    FhirJsonCodec(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /**
     * A parser that reads what e-RS really sends: unknown elements and e-RS quirks are tolerated, and
     * silently so, as HAPI's messages may quote values that are patient data. Versioned references
     * ({@code ReferralRequest/x/_history/6}) are kept.
     */
    IParser parser() {
        LenientErrorHandler lenient = new LenientErrorHandler(false);
        lenient.setErrorOnInvalidValue(false);
        return fhirContext.newJsonParser()
                .setParserErrorHandler(lenient)
                .setStripVersionsFromReferences(false)
                .setOverrideResourceIdWithBundleEntryFullUrl(false);
    }

    String encode(IBaseResource resource) {
        String json = parser().encodeResourceToString(resource);
        return resource instanceof Appointment ? singleParticipantType(json) : json;
    }

    /**
     * A016 deviates from FHIR: e-RS's schema has {@code Appointment.participant.type} as one object,
     * not an array (see the a016 specification, "problems and fixes"). HAPI writes FHIR, so the
     * one-element array is unwrapped here and nowhere else.
     */
    private static String singleParticipantType(String json) {
        try {
            JsonNode appointment = JSON.readTree(json);
            boolean changed = false;
            for (JsonNode participant : appointment.path("participant")) {
                JsonNode type = participant.path("type");
                if (type.isArray() && type.size() == 1) {
                    ((ObjectNode) participant).set("type", type.get(0));
                    changed = true;
                }
            }
            return changed ? JSON.writeValueAsString(appointment) : json;
        } catch (IOException e) {
            throw new EncodeException("Cannot adjust the Appointment for e-RS", e);
        }
    }

    <T extends IBaseResource> T parse(Class<T> type, String json) {
        return parser().parseResource(type, json);
    }

    @Override
    public void encode(Object object, Type bodyType, RequestTemplate template) {
        if (object instanceof IBaseResource resource) {
            template.body(encode(resource).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } else if (object instanceof byte[] bytes) {
            template.body(bytes, null);
        } else {
            throw new EncodeException("Not a FHIR resource: " + (object == null ? null : object.getClass()));
        }
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        if (response.body() == null) {
            throw new DecodeException(response.status(), "e-RS sent no body", response.request());
        }
        try (InputStream in = response.body().asInputStream()) {
            byte[] body = Util.toByteArray(in);
            if (body.length == 0) {
                throw new DecodeException(response.status(), "e-RS sent an empty body", response.request());
            }
            if (type == byte[].class) {
                return body;
            }
            if (type == JsonNode.class) {
                return JSON.readTree(body);
            }
            if (type instanceof Class<?> c && IBaseResource.class.isAssignableFrom(c)) {
                String json = new String(body, StandardCharsets.UTF_8);
                return parse(c.asSubclass(IBaseResource.class), json);
            }
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            // not e.getMessage(): HAPI quotes the body in it, and the body may hold patient data
            throw new DecodeException(response.status(), "Unreadable e-RS answer (" + e.getClass().getSimpleName() + ")",
                    response.request(), null);
        }
        throw new DecodeException(response.status(), "No decoder for " + type, response.request());
    }
}
