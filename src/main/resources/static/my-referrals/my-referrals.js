/*
 * The coordinators' "My referrals" page: lists /api/referrals, opens tasks in Tasklist, downloads patient
 * letters and cancels referrals with a reason from e-RS's list. No libraries and no build step; the
 * Tasklist sign-in (the same session) authorises every call.
 */
(function () {
  'use strict';

  var TASKLIST = '/camunda/app/tasklist/default/';
  /** How often, and how many times, a referral being cancelled is read again until it shows finished. */
  var FOLLOW_EVERY_MS = 2000;
  var FOLLOW_TIMES = 45;

  var state = {page: 1, status: '', q: '', reasons: null, cancelling: null, generation: 0, highlighted: null};

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text != null) {
      element.textContent = text;
    }
    return element;
  }

  // --- talking to the API ----------------------------------------------------------------------------

  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  function url(path, params) {
    // Built on the origin: an address with user:password@ in it would make fetch refuse the request.
    var target = new URL(path, window.location.origin);
    Object.keys(params || {}).forEach(function (key) {
      if (params[key] != null && params[key] !== '') {
        target.searchParams.set(key, params[key]);
      }
    });
    return target.toString();
  }

  function call(method, path, params, body) {
    var options = {method: method, credentials: 'same-origin', headers: {Accept: 'application/json'}};
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(url(path, params), options)
        .catch(function () {
          throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
        })
        .then(function (response) {
          return response.text().then(function (text) {
            var json = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch (notJson) {
              json = null;
            }
            if (response.ok) {
              return json;
            }
            throw new ApiError(response.status, problemText(response.status, json));
          });
        });
  }

  /** Words for a refusal: the server's own sentence when it gave one, never a blank or a code. */
  function problemText(status, json) {
    var said = json && (json.detail || json.message) || null;
    if (json && Array.isArray(json.problems) && json.problems.length) {
      said = json.problems.join('; ');
    }
    switch (status) {
      case 401:
        return 'You are not signed in any more. Reload the page to sign in again.';
      case 403:
        return 'Your account may not do this. My referrals is for referral coordinators.';
      case 404:
        return 'That referral was not found in your organisation.';
      case 400:
      case 409:
        return said || 'The request was not accepted.';
      default:
        return 'The application had a problem (HTTP ' + status + '). Try again in a minute.' + (said ? ' It said: ' + said : '');
    }
  }

  function showProblem(text) {
    var box = $('page-message');
    box.textContent = text || '';
    box.hidden = !text;
  }

  function showDone(text) {
    var box = $('page-status');
    box.textContent = text || '';
    box.hidden = !text;
  }

  // --- the list --------------------------------------------------------------------------------------

  function load() {
    var generation = ++state.generation;
    $('list-note').textContent = 'Loading…';
    return call('GET', '/api/referrals', {status: state.status, q: state.q, page: state.page})
        .then(function (answer) {
          if (generation !== state.generation) {
            return;
          }
          showProblem('');
          render(answer);
          return answer;
        })
        .catch(function (error) {
          if (generation !== state.generation) {
            return;
          }
          $('list-note').textContent = '';
          showProblem(error.message);
        });
  }

  function render(answer) {
    var rows = $('rows');
    rows.textContent = '';
    var referrals = answer.referrals || [];
    if (!referrals.length) {
      var empty = el('tr', 'placeholder');
      var cell = el('td', null, state.q ? 'No referral of your organisation matches “' + state.q + '”.'
          : state.status ? 'No referrals to show with this choice.' : 'Your organisation has no referrals yet.');
      cell.colSpan = 8;
      empty.appendChild(cell);
      rows.appendChild(empty);
    }
    referrals.forEach(function (referral) {
      rows.appendChild(row(referral));
    });
    $('list-note').textContent = referrals.length ? 'Showing ' + referrals.length + ' referral'
        + (referrals.length === 1 ? '' : 's') + (state.page > 1 ? ' (page ' + state.page + ')' : '') + '.' : '';
    $('newer').hidden = state.page <= 1;
    $('older').hidden = !answer.more;
    $('page-number').textContent = state.page > 1 || answer.more ? 'Page ' + state.page : '';
    highlightFromAddress();
  }

  function row(referral) {
    var tr = el('tr', 'referral');
    tr.id = 'referral-' + referral.requestId;
    tr.setAttribute('data-request-id', referral.requestId);
    tr.setAttribute('data-status', referral.status);

    var patient = el('td', 'patient');
    if (referral.patient) {
      if (referral.patient.name) {
        patient.appendChild(el('span', 'patient-name', referral.patient.name));
      }
      if (referral.patient.nhsNumber) {
        var nhs = el('span', 'nhs-number');
        nhs.appendChild(el('span', 'label', 'NHS number '));
        nhs.appendChild(document.createTextNode(referral.patient.nhsNumber));
        patient.appendChild(nhs);
      }
    } else {
      patient.appendChild(el('span', 'muted', 'Not kept any more'));
    }
    tr.appendChild(patient);

    var reference = el('td', 'reference');
    var link = el('a', 'request-id', referral.requestId);
    link.href = '#' + encodeURIComponent(referral.requestId);
    reference.appendChild(link);
    reference.appendChild(el('span', 'ubrn', referral.ubrn ? 'UBRN ' + referral.ubrn : 'No UBRN yet'));
    tr.appendChild(reference);

    var need = el('td', 'need');
    need.appendChild(el('span', 'specialty', referral.specialty || 'Specialty not chosen yet'));
    need.appendChild(el('span', 'priority priority-' + String(referral.priorityCode || '').toLowerCase(), referral.priority || ''));
    tr.appendChild(need);

    var status = el('td', 'status status-' + String(referral.status || '').toLowerCase());
    status.appendChild(el('span', 'status-text', referral.statusText));
    if (referral.ersState) {
      // Once sent, the referral is followed in e-RS: its latest state there, and whether someone must act.
      status.appendChild(el('span', 'ers-state', 'In e-RS: ' + referral.ersState));
    }
    if (referral.needsAction) {
      status.appendChild(el('strong', 'needs-action', 'Needs action'));
    }
    tr.appendChild(status);

    var now = el('td', 'steps');
    (referral.currentSteps || []).forEach(function (step) {
      var item = el('div', 'step');
      if (step.taskId) {
        item.appendChild(el('span', 'step-name', step.name));
        var open = el('a', 'open-task', 'Open task');
        open.href = TASKLIST + '#/?task=' + encodeURIComponent(step.taskId);
        open.setAttribute('aria-label', 'Open task: ' + step.name);
        item.appendChild(open);
        if (step.assignee) {
          item.appendChild(el('span', 'assignee', 'Claimed by ' + step.assignee));
        }
      } else {
        item.classList.add('working');
        item.appendChild(el('span', 'step-name', 'The application is working on it: ' + step.name));
      }
      now.appendChild(item);
    });
    if (!(referral.currentSteps || []).length) {
      now.appendChild(el('span', 'muted', referral.status === 'COMPLETED' ? 'Nothing left to do' : '—'));
    }
    tr.appendChild(now);

    var outcome = el('td', 'outcome');
    outcome.appendChild(el('span', 'outcome-text', referral.outcome || (referral.status === 'COMPLETED' ? 'Finished' : 'Not finished yet')));
    if (referral.finishedAt) {
      outcome.appendChild(el('span', 'when', 'on ' + when(referral.finishedAt)));
    }
    tr.appendChild(outcome);

    tr.appendChild(el('td', 'requested', when(referral.requestedAt)));

    var actions = el('td', 'actions');
    if (referral.patientLetter) {
      var letter = el('a', 'patient-letter', 'Patient letter (PDF)');
      letter.href = referral.patientLetter;
      letter.setAttribute('download', '');
      actions.appendChild(letter);
    }
    if (referral.cancellable) {
      var cancel = el('button', 'cancel secondary', 'Cancel…');
      cancel.type = 'button';
      cancel.setAttribute('aria-label', 'Cancel referral ' + referral.requestId + '…');
      cancel.addEventListener('click', function () {
        openCancel(referral);
      });
      actions.appendChild(cancel);
    }
    tr.appendChild(actions);
    return tr;
  }

  function when(instant) {
    if (!instant) {
      return '';
    }
    return new Date(instant).toLocaleString('en-GB', {day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit'});
  }

  // --- a row's own address: /my-referrals/#<requestId> ----------------------------------------------------

  function addressedRequestId() {
    var hash = window.location.hash.replace(/^#/, '');
    try {
      return hash ? decodeURIComponent(hash) : null;
    } catch (malformed) {
      return null;
    }
  }

  function highlightFromAddress() {
    var requestId = addressedRequestId();
    if (state.highlighted) {
      state.highlighted.classList.remove('highlighted');
      state.highlighted = null;
    }
    if (!requestId) {
      return true;
    }
    var target = document.getElementById('referral-' + requestId);
    if (!target) {
      return false;
    }
    target.classList.add('highlighted');
    target.scrollIntoView({block: 'center'});
    state.highlighted = target;
    return true;
  }

  /** A referral addressed by the page's address but not on this page: search for it. */
  function showAddressed() {
    if (!highlightFromAddress()) {
      var requestId = addressedRequestId();
      state.q = requestId;
      state.status = '';
      state.page = 1;
      $('q').value = requestId;
      $('status').value = '';
      load().then(function () {
        if (!document.getElementById('referral-' + requestId)) {
          showProblem('Referral “' + requestId + '” was not found in your organisation.');
        }
      });
    }
  }

  // --- cancelling ---------------------------------------------------------------------------------------

  function loadReasons() {
    if (state.reasons) {
      return Promise.resolve(state.reasons);
    }
    return call('GET', '/api/referrals/cancellation/reasons').then(function (reasons) {
      state.reasons = reasons || [];
      var select = $('cancel-reason');
      state.reasons.forEach(function (reason) {
        var option = el('option', null, reason.display);
        option.value = reason.code;
        select.appendChild(option);
      });
      return state.reasons;
    });
  }

  function openCancel(referral) {
    state.cancelling = referral;
    showDone('');
    $('cancel-heading').textContent = 'Cancel referral ' + referral.requestId;
    var who = [];
    if (referral.patient && referral.patient.name) {
      who.push(referral.patient.name);
    }
    if (referral.patient && referral.patient.nhsNumber) {
      who.push('NHS number ' + referral.patient.nhsNumber);
    }
    who.push((referral.specialty || 'specialty not chosen yet') + ', ' + (referral.priority || '').toLowerCase());
    $('cancel-who').textContent = who.join(' · ');
    $('cancel-reason').value = '';
    $('cancel-comment').value = '';
    fieldProblem('');
    cancelProblem('');
    $('cancel-confirm').disabled = false;
    $('cancel-dialog').showModal();
    loadReasons().catch(function (error) {
      cancelProblem('The cancellation reasons could not be read: ' + error.message);
    });
    $('cancel-reason').focus();
  }

  function fieldProblem(text) {
    var box = $('cancel-reason-problem');
    box.textContent = text;
    box.hidden = !text;
    $('cancel-reason').setAttribute('aria-invalid', text ? 'true' : 'false');
  }

  function cancelProblem(text) {
    var box = $('cancel-problem');
    box.textContent = text;
    box.hidden = !text;
  }

  function confirmCancel(event) {
    event.preventDefault();
    var referral = state.cancelling;
    var reason = $('cancel-reason').value;
    if (!reason) {
      fieldProblem('Choose why the referral is cancelled.');
      $('cancel-reason').focus();
      return;
    }
    fieldProblem('');
    cancelProblem('');
    var body = {reason: reason};
    var comment = $('cancel-comment').value.trim();
    if (comment) {
      body.comment = comment;
    }
    var button = $('cancel-confirm');
    button.disabled = true;
    button.textContent = 'Cancelling…';
    call('POST', '/api/referrals/' + encodeURIComponent(referral.requestId) + '/cancel', null, body)
        .then(function () {
          $('cancel-dialog').close();
          showProblem('');
          showDone('Referral ' + referral.requestId + ': the cancellation was sent to e-RS. This row shows when it is done.');
          followCancellation(referral.requestId, 0);
          return load();
        })
        .catch(function (error) {
          cancelProblem('The referral was not cancelled: ' + error.message);
        })
        .then(function () {
          button.disabled = false;
          button.textContent = 'Cancel the referral';
        });
  }

  /** Reads the referral again until it has finished, then says how it ended. */
  function followCancellation(requestId, times) {
    if (times >= FOLLOW_TIMES) {
      showDone('Referral ' + requestId + ' is still being cancelled in e-RS. Refresh later to see it finished.');
      return;
    }
    window.setTimeout(function () {
      call('GET', '/api/referrals', {q: requestId, size: 5}).then(function (answer) {
        var match = (answer.referrals || []).filter(function (r) {
          return r.requestId === requestId;
        })[0];
        if (match && match.status === 'COMPLETED') {
          showDone('Referral ' + requestId + ' has finished: ' + (match.outcome || 'finished') + '.');
          load();
        } else {
          followCancellation(requestId, times + 1);
        }
      }).catch(function () {
        followCancellation(requestId, times + 1);
      });
    }, FOLLOW_EVERY_MS);
  }

  // --- wiring ----------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', function () {
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      state.status = $('status').value;
      state.q = $('q').value.trim();
      state.page = 1;
      showDone('');
      load();
    });
    $('refresh').addEventListener('click', function () {
      load();
    });
    $('newer').addEventListener('click', function () {
      state.page = Math.max(1, state.page - 1);
      load();
    });
    $('older').addEventListener('click', function () {
      state.page += 1;
      load();
    });
    $('cancel-form').addEventListener('submit', confirmCancel);
    $('cancel-keep').addEventListener('click', function () {
      $('cancel-dialog').close();
    });
    $('cancel-reason').addEventListener('change', function () {
      if ($('cancel-reason').value) {
        fieldProblem('');
      }
    });
    window.addEventListener('hashchange', showAddressed);
    load().then(function () {
      if (addressedRequestId()) {
        showAddressed();
      }
    });
  });
})();
