package org.ersreferral.config;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * The engine REST API as Camunda ships it, with one change: when a listener refuses input (a bad
 * start, a task completion that breaks e-RS rules, a duplicate request id) the engine wraps the
 * refusal and REST would answer 500. Callers get 400 and the refusal's own words instead.
 */
@Component
public class EngineRestConfig extends CamundaJerseyResourceConfig {

    @Override
    protected void registerAdditionalResources() {
        register(RefusedRestRequest.class);
        register(RefusedEngineRequest.class);
    }

    static Response respond(Throwable failure) {
        return respond(failure, BadUserRequestException.class);
    }

    /**
     * 400 with the message of the first {@code refusalType} among the failure's causes; otherwise
     * Camunda's own answer. Shared by {@code /engine-rest} and the webapps' engine API.
     */
    static Response respond(Throwable failure, Class<? extends BadUserRequestException> refusalType) {
        if (ofAnotherOrganisation(failure)) {
            // Another organisation's task or instance: as if it did not exist (the engine would answer 500).
            ExceptionDto body = new ExceptionDto();
            body.setType("NotFoundException");
            body.setMessage("Not found");
            return Response.status(Response.Status.NOT_FOUND).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (refusalType.isInstance(cause)) {
                BadUserRequestException refusal = refusalType.cast(cause);
                ExceptionDto body = new ExceptionDto();
                body.setType(refusal.getClass().getSimpleName());
                body.setMessage(refusal.getMessage());
                return Response.status(Response.Status.BAD_REQUEST).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
            }
        }
        return ExceptionHandlerHelper.getInstance().getResponse(failure);
    }

    /** The engine's tenant check refusing a command on another tenant's (organisation's) object: ENGINE-13034. */
    private static boolean ofAnotherOrganisation(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ProcessEngineException && cause.getMessage() != null
                    && cause.getMessage().contains("because it belongs to no authenticated tenant")) {
                return true;
            }
        }
        return false;
    }

    @Provider
    @Priority(1)
    public static class RefusedRestRequest implements ExceptionMapper<RestException> {
        @Override
        public Response toResponse(RestException exception) {
            return respond(exception);
        }
    }

    @Provider
    @Priority(1)
    public static class RefusedEngineRequest implements ExceptionMapper<ProcessEngineException> {
        @Override
        public Response toResponse(ProcessEngineException exception) {
            return respond(exception);
        }
    }
}
