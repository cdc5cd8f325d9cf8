package org.ersreferral.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ersreferral.ers.ErsApiExamples;

/**
 * A stand-in for the stateless NHS sandbox built from the official examples in
 * {@code ../shared/ers-api}: a POST is answered only when its JSON body equals one of the
 * operation's example requests (arrays in order, {@code _baseUrl_} being this server), else 422
 * with the sandbox's error outcome (an example answer that is an OperationOutcome comes with 422 too);
 * reads are answered from the example answers they name (by id, or by the query of their self link).
 */
final class ExampleSandbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CODE_SYSTEMS = Map.of(
            "SPECIALTY", "SpecialtyCodeSystem.json",
            "CLINIC-TYPE", "ClinicTypeCodeSystem.json",
            "PRIORITY", "PriorityCodeSystem.json",
            "REFERRAL-CANCELLATION-REASON", "ReferralCancellationReasonCodeSystem.json",
            "APPOINTMENT-CANCELLATION-REASON", "AppointmentCancellationReasonCodeSystem.json");

    private final HttpServer server;
    /** Example requests that were matched, e.g. {@code stu3/createReferral/requests/MinimalRequest.json}. */
    final List<String> matched = new ArrayList<>();

    ExampleSandbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/referrals/FHIR", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/referrals/FHIR";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/referrals/FHIR".length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method)) {
                read(exchange, path, exchange.getRequestURI().getRawQuery());
            } else if (path.equals("/STU3/Binary")) {
                exchange.getResponseHeaders().add("Location", "Binary/50f0c0d5-7ed1-4587-8fce-889c8685eb54");
                exchange.sendResponseHeaders(201, -1);
            } else if (path.endsWith("/$ers.generatePatientLetter")) {
                send(exchange, 200, "application/pdf", ErsApiExamples.readBytes("stu3/generatePatientLetter/responses/"
                        + "000000070000_Appointment_Confirmation_Summary_20210603121353.pdf"));
            } else {
                String operation = operation(path);
                String example = operation == null ? null : matchingRequest(operation, body);
                if (example == null) {
                    fhir(exchange, 422, ErsApiExamples.read("stu3/STU3-SandboxErrorOutcome.json"));
                    return;
                }
                matched.add(example);
                String answer = answer(operation, example);
                // an example answer that is an OperationOutcome is the sandbox's refusal of that example
                int status = JSON.readTree(answer).path("resourceType").asText().equals("OperationOutcome") ? 422
                        : "bookOrDeferAppointment".equals(operation) || operation.startsWith("create") ? 201 : 200;
                fhir(exchange, status, answer);
            }
        }
    }

    private static String operation(String path) {
        if (path.endsWith("/$ers.searchHealthcareServicesForPatient")) {
            return "patientServiceSearch";
        }
        if (path.endsWith("/$ers.createReferral")) {
            return "createReferral";
        }
        if (path.endsWith("/$ers.createReferralAndSendForTriage")) {
            return "createReferralAndSendForTriage";
        }
        if (path.endsWith("/$ers.maintainReferralLetter")) {
            return "maintainReferralLetter";
        }
        if (path.equals("/STU3/Appointment")) {
            return "bookOrDeferAppointment";
        }
        if (path.endsWith("/$ers.cancelReferral")) {
            return "cancelReferral";
        }
        if (path.endsWith("/$ers.fetchworklist")) {
            return "retrieveWorklist";
        }
        if (path.endsWith("/$ers.changeShortlist")) {
            return "changeShortlist";
        }
        if (path.endsWith("/$ers.changeShortlistAndSendForTriage")) {
            return "changeShortlistAndSendForTriage";
        }
        if (path.startsWith("/STU3/Appointment/")) {
            return "updateAppointment";
        }
        return null;
    }

    private String matchingRequest(String operation, byte[] body) throws IOException {
        JsonNode sent;
        try {
            sent = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        Path folder = ErsApiExamples.root().resolve("examples/stu3").resolve(operation).resolve("requests");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                JsonNode example = JSON.readTree(withBaseUrl(Files.readString(file)));
                if (example.equals(sent)) {
                    return "stu3/" + operation + "/requests/" + file.getFileName();
                }
            }
        }
        return null;
    }

    private String answer(String operation, String request) {
        String file = switch (operation) {
            case "patientServiceSearch" -> "EmptyResponse.json";
            case "createReferral", "createReferralAndSendForTriage" -> "ReferralRequest.json";
            case "maintainReferralLetter" -> "ReferralRequestWithSingleDocumentReference.json";
            case "bookOrDeferAppointment", "changeShortlist", "updateAppointment" ->
                    request.substring(request.lastIndexOf('/') + 1);
            case "changeShortlistAndSendForTriage" -> "MinimalRequest.json";
            // MinimalAwaitingBooking.json -> AwaitingBooking.json, FilteringByService.json -> FilteredByService.json
            case "retrieveWorklist" -> request.substring(request.lastIndexOf('/') + 1).replaceFirst("^Minimal", "")
                    .replaceFirst("^Filtering", "Filtered");
            default -> "CancelledReferralRaisedInError.json";
        };
        return example("stu3/" + operation + "/responses/" + file);
    }

    private void read(HttpExchange exchange, String path, String rawQuery) throws IOException {
        if (path.equals("/R4/PractitionerRole")) {
            fhir(exchange, 200, example("r4/retrieveBusinessFunctions/responses/PractitionerRoleBundle.json"));
        } else if (path.startsWith("/STU3/CodeSystem/") && CODE_SYSTEMS.containsKey(path.substring(17))) {
            fhir(exchange, 200, example("stu3/getCodeSystem/responses/" + CODE_SYSTEMS.get(path.substring(17))));
        } else if (path.startsWith("/STU3/ReferralRequest/")) {
            String ubrn = path.substring(22);
            String found = answerWithId("stu3/retrieveReferralRequest/responses", ubrn);
            fhir(exchange, found == null ? 422 : 200, found == null
                    ? ErsApiExamples.read("stu3/STU3-SandboxErrorOutcome.json") : found);
        } else if (path.startsWith("/STU3/Appointment/")) {
            String found = answerWithId("stu3/retrieveAppointment/responses", path.substring(18));
            fhir(exchange, found == null ? 422 : 200, found == null
                    ? ErsApiExamples.read("stu3/STU3-SandboxErrorOutcome.json") : found);
        } else if (path.equals("/STU3/Task")) {
            String found = withSelfLink("stu3/availableActionsForUserList",
                    URLDecoder.decode(rawQuery, StandardCharsets.UTF_8));
            fhir(exchange, found == null ? 422 : 200, found == null
                    ? ErsApiExamples.read("stu3/STU3-SandboxErrorOutcome.json") : found);
        } else if (path.equals("/STU3/Slot")) {
            String query = URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
            if (query.contains("HealthcareService=11000") && query.contains("_count=5") && query.endsWith("page=5")) {
                fhir(exchange, 400, example("stu3/retrieveAppointmentSlots/responses/ErrorPage5.json"));
                return;
            }
            String found = withSelfLink("stu3/retrieveAppointmentSlots/responses", query);
            fhir(exchange, found == null ? 422 : 200, found == null
                    ? ErsApiExamples.read("stu3/STU3-SandboxErrorOutcome.json") : found);
        } else {
            fhir(exchange, 422, ErsApiExamples.read("stu3/STU3-SandboxErrorOutcome.json"));
        }
    }

    private String answerWithId(String folder, String id) throws IOException {
        try (Stream<Path> files = Files.list(ErsApiExamples.root().resolve("examples").resolve(folder))) {
            for (Path file : files.sorted().toList()) {
                String text = withBaseUrl(Files.readString(file));
                if (id.equals(JSON.readTree(text).path("id").asText())) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The example answer in this folder whose self link is this query (the query as the client sends it). */
    private String withSelfLink(String folder, String query) throws IOException {
        try (Stream<Path> files = Files.list(ErsApiExamples.root().resolve("examples").resolve(folder))) {
            for (Path file : files.sorted().toList()) {
                String text = withBaseUrl(Files.readString(file));
                for (JsonNode link : JSON.readTree(text).path("link")) {
                    if ("self".equals(link.path("relation").asText())) {
                        String self = URLDecoder.decode(link.path("url").asText(), StandardCharsets.UTF_8);
                        if (sameParameters(self.substring(self.indexOf('?') + 1), query)) {
                            return text;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static boolean sameParameters(String a, String b) {
        return List.of(a.split("&")).stream().sorted().toList().equals(List.of(b.split("&")).stream().sorted().toList());
    }

    private String example(String path) {
        return withBaseUrl(ErsApiExamples.read(path));
    }

    private String withBaseUrl(String text) {
        return text.replace("_baseUrl_", baseUrl()).replace("_baseurl_", baseUrl());
    }

    private static void fhir(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/fhir+json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
