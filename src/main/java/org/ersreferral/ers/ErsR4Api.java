package org.ersreferral.ers;

import com.fasterxml.jackson.databind.JsonNode;
import feign.HeaderMap;
import feign.RequestLine;
import java.util.Map;

/**
 * The one R4 endpoint the referrer flow needs. Its bundle is read as plain JSON: pulling in the
 * HAPI R4 structures (tens of MB) for three fields is not worth it.
 */
interface ErsR4Api {

    @ErsApiOperation(ErsOperation.A030)
    @RequestLine("GET /R4/PractitionerRole")
    JsonNode retrieveRoles(@HeaderMap Map<String, Object> headers);
}
