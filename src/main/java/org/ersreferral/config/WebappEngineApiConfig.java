package org.ersreferral.config;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.ersreferral.process.ReferralInputRefused;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Tasklist submits start and task forms through the webapps' own engine API
 * ({@code /camunda/api/engine}), which would show a coordinator the engine's wrapped text
 * ("Cannot submit task form …: ENGINE-03051 … Message: '…'") and answer 500 when one of the
 * referral's checks refuses the input. Camunda registers that servlet only when none of its name
 * exists yet, so it is registered here first: the same resources, plus mappers that answer such a
 * refusal with 400 and its own words. Every other failure is answered as Camunda would.
 */
@Configuration(proxyBeanMethods = false)
class WebappEngineApiConfig {

    /** The name Camunda's webapp initializer looks for before it registers its own. */
    static final String ENGINE_API_SERVLET = "Engine Api";

    @Bean
    ServletRegistrationBean<ServletContainer> webappEngineApi(CamundaBpmProperties camunda) {
        ServletRegistrationBean<ServletContainer> registration = new ServletRegistrationBean<>(new ServletContainer(),
                camunda.getWebapp().getApplicationPath() + "/api/engine/*");
        registration.setName(ENGINE_API_SERVLET);
        registration.addInitParameter(ServletProperties.JAXRS_APPLICATION_CLASS, RefusalAwareEngineApi.class.getName());
        // Before Camunda's initializer, which then keeps this registration.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Camunda's webapp engine API with the refusal mappers; Jersey instantiates it by name. */
    public static class RefusalAwareEngineApi extends EngineRestApplication {
        @Override
        public Set<Class<?>> getClasses() {
            Set<Class<?>> classes = new HashSet<>(super.getClasses());
            classes.add(RefusedWebappRequest.class);
            classes.add(RefusedWebappEngineCall.class);
            return classes;
        }
    }

    static Response respond(Throwable failure) {
        return EngineRestConfig.respond(failure, ReferralInputRefused.class);
    }

    // Same exception types as Camunda's own mappers, with a higher priority, so Jersey picks these.
    @Provider
    @Priority(1)
    public static class RefusedWebappRequest implements ExceptionMapper<RestException> {
        @Override
        public Response toResponse(RestException exception) {
            return respond(exception);
        }
    }

    @Provider
    @Priority(1)
    public static class RefusedWebappEngineCall implements ExceptionMapper<ProcessEngineException> {
        @Override
        public Response toResponse(ProcessEngineException exception) {
            return respond(exception);
        }
    }
}
