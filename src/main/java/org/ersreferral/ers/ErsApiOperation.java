package org.ersreferral.ers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the e-RS operation of a Feign method, so the HTTP log line can say which one it was. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ErsApiOperation {
    ErsOperation value();
}
