package org.ersreferral.nexttask;

import java.security.Principal;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/tasks/{taskId}/next}: asked by Tasklist (its script {@code scripts/next-task.js})
 * right after a coordinator completed a task, so they land on the referral's next task, claimed for
 * them, or read why there is none. Only the person who completed the task, in a referral of their
 * organisation, gets an answer; for anyone else the task does not exist (404).
 */
@RestController
class NextTaskController {

    static final String PATH = "/api/tasks/{taskId}/next";

    /** Engine ids (UUIDs, or numbers with dashes): anything else cannot be a task. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final NextTaskFinder finder;

    NextTaskController(NextTaskFinder finder) {
        this.finder = finder;
    }

    @PostMapping(PATH)
    ResponseEntity<?> next(@PathVariable String taskId, Principal user) {
        if (!TASK_ID.matcher(taskId).matches()) {
            return problem(HttpStatus.BAD_REQUEST, "taskId must be the id of a task (letters, digits and '-', at most 64)");
        }
        return finder.completedBy(taskId, user == null ? null : user.getName())
                .<ResponseEntity<?>>map(completed -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(finder.next(completed)))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No task you completed has this id"));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
