/*
 * The analyst page: reads /api/analytics/* and a referral's timeline, and draws them with
 * charts.js. No libraries and no build step; the browser's own sign-in (HTTP basic) authorises
 * every call, as it did for the page itself.
 */
(function () {
  'use strict';

  var charts = window.AnalyticsCharts;
  var f = charts.format;

  // Plain words for the codes the API answers with.
  var OUTCOMES = {
    BOOKED: 'Appointment booked',
    APPOINTMENT_BOOKED: 'Appointment booked',
    DEFERRED_TO_PROVIDER: 'Booking deferred to provider',
    BOOKING_DEFERRED: 'Booking deferred to provider',
    SENT_FOR_TRIAGE: 'Sent for triage',
    AWAITING_PATIENT_BOOKING: 'Awaiting patient booking',
    CANCELLED: 'Referral cancelled',
    REFERRAL_CANCELLED: 'Referral cancelled',
    SEARCH_ABANDONED: 'Search abandoned',
    LEFT_IN_ERS: 'Given up, left in e-RS as it is'
  };
  var OUTCOME_ORDER = ['BOOKED', 'APPOINTMENT_BOOKED', 'DEFERRED_TO_PROVIDER', 'BOOKING_DEFERRED', 'SENT_FOR_TRIAGE',
    'AWAITING_PATIENT_BOOKING', 'CANCELLED', 'REFERRAL_CANCELLED', 'SEARCH_ABANDONED'];
  // Colour-blind-safe colours, one per outcome; the label beside each bar carries the meaning.
  var OUTCOME_COLORS = {
    BOOKED: '#007f3b', APPOINTMENT_BOOKED: '#007f3b', DEFERRED_TO_PROVIDER: '#005eb8', BOOKING_DEFERRED: '#005eb8',
    SENT_FOR_TRIAGE: '#7c2855', AWAITING_PATIENT_BOOKING: '#ae5b00', CANCELLED: '#4c6272', REFERRAL_CANCELLED: '#4c6272',
    SEARCH_ABANDONED: '#8a1538'
  };
  var PRIORITIES = {ROUTINE: 'Routine', URGENT: 'Urgent', TWO_WEEK_WAIT: 'Two-week wait'};
  var STATUSES = {ACTIVE: 'In progress', COMPLETED: 'Finished'};
  var HTTP_STATUSES = {
    0: 'no answer (timeout or network)', 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content',
    400: 'Bad request', 401: 'Not signed in', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict', 412: 'Version changed',
    422: 'Refused by e-RS rules', 423: 'Locked', 429: 'Too many requests', 500: 'e-RS error', 502: 'Bad gateway',
    503: 'e-RS unavailable', 504: 'Gateway timeout'
  };
  var INCIDENT_STATES = {
    RESOLVED: 'Resolved', DELETED: 'Closed without a fix (the step or referral was removed)', OPEN: 'Still open'
  };

  var state = {filters: {}, outcomes: null, durations: null, ers: null, followUp: null, specialtiesFor: null, generation: 0, searches: 0};

  function $(id) {
    return document.getElementById(id);
  }

  // A UBRN as people read and type it everywhere: 0000 4567 8901.
  function groupedUbrn(ubrn) {
    return /^\d{12}$/.test(ubrn) ? ubrn.replace(/(\d{4})(\d{4})(\d{4})/, '$1 $2 $3') : ubrn;
  }

  /** "FOO_BAR" as "Foo bar", for codes without a wording of their own. */
  function words(code) {
    if (!code) {
      return '';
    }
    var text = String(code).replace(/_/g, ' ').toLowerCase();
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** A process element's name, or its id in words: "Gateway_ReferralCreated" as "Referral created". */
  function stepName(name, activityId) {
    if (name && name !== activityId) {
      return name;
    }
    var bare = String(activityId || '').replace(/^[A-Za-z]+_/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    return bare ? bare.charAt(0).toUpperCase() + bare.slice(1) : 'Unnamed step';
  }

  /**
   * Decision points (gateways) and the end event an outcome entry repeats: kept out of the way
   * unless asked for, so the timeline reads as the steps a person cares about.
   */
  function isRoutine(entry, hasOutcome) {
    return entry.type === 'ACTIVITY' && /^Gateway_/.test(entry.activityId || '')
        || entry.type === 'ACTIVITY' && hasOutcome && /^EndEvent_/.test(entry.activityId || '')
            && FOLLOW_UP_ENDS.indexOf(entry.activityId) < 0;
  }

  function outcomeText(code) {
    return code ? (OUTCOMES[code] || words(code)) : 'Not finished yet';
  }

  function statusText(status) {
    var name = HTTP_STATUSES[status];
    return status === 0 ? name : status + (name ? ' ' + name : '');
  }

  /** Last defence: the API masks NHS numbers, but a full one must never reach the screen. */
  function maskedNhsNumber(value) {
    if (!value) {
      return 'not recorded';
    }
    var digits = String(value).replace(/\s/g, '');
    return /^\d{10}$/.test(digits) ? '*** *** ' + digits.slice(-4) : value;
  }

  // --- talking to the API ----------------------------------------------------------------------------

  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  function url(path, params) {
    // Built on the origin, not on the page's address: an address with user:password@ in it would
    // make fetch refuse the request.
    var target = new URL(path, window.location.origin);
    Object.keys(params || {}).forEach(function (key) {
      if (params[key] != null && params[key] !== '') {
        target.searchParams.set(key, params[key]);
      }
    });
    return target;
  }

  function api(path, params) {
    return fetch(url(path, params).toString(), {credentials: 'same-origin', headers: {Accept: 'application/json'}})
        .catch(function () {
          throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
        })
        .then(function (response) {
          if (response.ok) {
            return response.json();
          }
          return response.text().then(function (body) {
            throw new ApiError(response.status, problemText(response.status, body));
          });
        });
  }

  function problemText(status, body) {
    var said = null;
    try {
      var json = JSON.parse(body);
      said = json.message || json.detail || null;
    } catch (notJson) {
      // keep the wording below
    }
    switch (status) {
      case 401:
        return 'You are not signed in, or your password was not accepted. Reload the page to sign in again.';
      case 403:
        return 'Your account is not an analyst account. Ask an administrator to add you to the referral analysts group.';
      case 400:
        return said ? 'The filters were not accepted: ' + said : 'The filters were not accepted.';
      case 404:
        return said || 'Not found.';
      default:
        return 'The analytics service had a problem (HTTP ' + status + '). Try again in a minute.'
            + (said ? ' It said: ' + said : '');
    }
  }

  function showMessage(text) {
    var box = $('page-message');
    box.textContent = text;
    box.hidden = !text;
  }

  // --- filters ---------------------------------------------------------------------------------------

  function readFilters() {
    return {
      from: $('from').value || null,
      to: $('to').value || null,
      specialty: $('specialty').value || null,
      priority: $('priority').value || null
    };
  }

  function writeFilters(filters) {
    $('from').value = filters.from || '';
    $('to').value = filters.to || '';
    ensureSpecialtyOption(filters.specialty);
    $('specialty').value = filters.specialty || '';
    $('priority').value = filters.priority || '';
  }

  function filtersFromAddress() {
    var query = new URLSearchParams(window.location.search);
    return {
      from: query.get('from'), to: query.get('to'), specialty: query.get('specialty'), priority: query.get('priority')
    };
  }

  function rememberInAddress(filters) {
    var query = new URLSearchParams();
    Object.keys(filters).forEach(function (key) {
      if (filters[key]) {
        query.set(key, filters[key]);
      }
    });
    var text = query.toString();
    history.replaceState(null, '', window.location.pathname + (text ? '?' + text : '') + window.location.hash);
  }

  function ensureSpecialtyOption(code) {
    if (!code) {
      return;
    }
    var select = $('specialty');
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === code) {
        return;
      }
    }
    var option = document.createElement('option');
    option.value = code;
    option.textContent = words(code);
    select.appendChild(option);
  }

  /** The specialties that occur in the date range, so the choice lists only ones with data. */
  function loadSpecialties(from, to) {
    var key = from + '/' + to;
    if (state.specialtiesFor === key) {
      return;
    }
    state.specialtiesFor = key;
    api('/api/analytics/referrals', {from: from, to: to, limit: 500}).then(function (answer) {
      var seen = {};
      answer.referrals.forEach(function (r) {
        if (r.specialty) {
          seen[r.specialty] = true;
        }
      });
      Object.keys(seen).sort().forEach(ensureSpecialtyOption);
    }).catch(function () {
      // The list only helps choosing; the charts report any real problem.
    });
  }

  function describeRange(echo) {
    var days = Math.round((Date.parse(echo.to) - Date.parse(echo.from)) / 86400000) + 1;
    var parts = ['Referrals requested from ' + f.day(echo.from) + ' to ' + f.day(echo.to) + ' (' + f.plural(days, 'day') + ')'];
    parts.push(echo.specialty ? 'specialty ' + words(echo.specialty) : 'all specialties');
    parts.push(echo.priority ? 'priority ' + (PRIORITIES[echo.priority] || words(echo.priority)) : 'all priorities');
    return parts.join(', ') + '.';
  }

  function updateCsvLink(echo) {
    var target = url('/api/analytics/referrals.csv', {
      from: echo.from, to: echo.to, specialty: echo.specialty, priority: echo.priority
    });
    var link = $('csv-link');
    link.href = target.pathname + target.search;
    link.setAttribute('download', 'referrals-' + echo.from + '-to-' + echo.to + '.csv');
  }

  // --- the overview ------------------------------------------------------------------------------------

  var CHART_IDS = ['outcomes-chart', 'buckets-chart', 'per-day-chart', 'tasks-chart', 'operations-chart', 'errors-chart',
    'appointment-chart', 'returns-chart', 'services-table', 'chasers'];

  function loading() {
    CHART_IDS.forEach(function (id) {
      var box = $(id);
      box.setAttribute('aria-busy', 'true');
      box.innerHTML = '<p class="loading">Loading…</p>';
    });
    $('summary').innerHTML = '<p class="loading">Loading…</p>';
  }

  function failed(ids, error) {
    ids.forEach(function (id) {
      $(id).removeAttribute('aria-busy');
      charts.empty($(id), 'Not available: ' + error.message);
    });
  }

  function refresh() {
    var filters = readFilters();
    if (filters.from && filters.to && filters.from > filters.to) {
      showMessage('The first day comes after the last day. Choose a "from" day on or before the "to" day.');
      return;
    }
    showMessage('');
    rememberInAddress(filters);
    state.filters = filters;
    state.outcomes = state.durations = state.ers = state.followUp = null;
    // Answers to an earlier "Show" that arrive late must not overwrite this one's.
    var generation = ++state.generation;
    var current = function (answer) {
      if (generation !== state.generation) {
        throw new ApiError(-1, 'superseded');
      }
      return answer;
    };
    var unlessSuperseded = function (handle) {
      return function (error) {
        if (error.status !== -1) {
          handle(error);
        }
      };
    };
    loading();
    var problems = [];
    var outcomes = api('/api/analytics/outcomes', filters).then(current).then(function (answer) {
      state.outcomes = answer;
      if (!$('from').value || !$('to').value) {
        $('from').value = answer.from;
        $('to').value = answer.to;
      }
      $('range-note').textContent = describeRange(answer);
      updateCsvLink(answer);
      loadSpecialties(answer.from, answer.to);
      renderOutcomes();
    }).catch(unlessSuperseded(function (error) {
      problems.push(error);
      failed(['outcomes-chart', 'per-day-chart'], error);
      charts.empty($('summary'), 'Not available: ' + error.message);
    }));
    var durations = api('/api/analytics/durations', filters).then(current).then(function (answer) {
      state.durations = answer;
      renderDurations();
    }).catch(unlessSuperseded(function (error) {
      problems.push(error);
      failed(['buckets-chart', 'tasks-chart', 'operations-chart'], error);
    }));
    var ers = api('/api/analytics/ers', filters).then(current).then(function (answer) {
      state.ers = answer;
      renderErs();
    }).catch(unlessSuperseded(function (error) {
      problems.push(error);
      failed(['errors-chart'], error);
    }));
    var followUp = api('/api/analytics/follow-up', filters).then(current).then(function (answer) {
      state.followUp = answer;
      renderFollowUp();
    }).catch(unlessSuperseded(function (error) {
      problems.push(error);
      failed(['appointment-chart', 'returns-chart', 'services-table', 'chasers'], error);
    }));
    Promise.all([outcomes, durations, ers, followUp]).then(function () {
      if (generation !== state.generation) {
        return;
      }
      if (problems.length) {
        // One clear message for the page; the same reason also stands in each empty chart.
        showMessage(problems[0].message);
      } else {
        renderSummary();
      }
      document.body.setAttribute('data-loaded', problems.length ? 'error' : 'ok');
    });
    search();
  }

  function renderFollowUp() {
    var u = state.followUp;
    var a = u.sendingToFirstAppointment;
    var appointments = $('appointment-chart');
    appointments.removeAttribute('aria-busy');
    if (!a.booked) {
      charts.empty(appointments, a.followed
          ? 'None of the ' + f.plural(a.followed, 'referral') + ' followed in e-RS has had an appointment booked yet.'
          : 'No referral in these dates was sent and followed in e-RS.');
    } else {
      charts.columns(appointments, u.sendingToFirstAppointmentBuckets, {
        title: 'Time from sending to the first appointment',
        description: f.plural(a.booked, 'referral') + ' had a first appointment booked, ' + f.count(a.notBookedYet)
            + ' not yet. By time from sending: ' + u.sendingToFirstAppointmentBuckets.map(function (b) {
              return b.label + ': ' + f.count(b.count);
            }).join('; ') + '. Half within ' + f.duration(a.p50Ms) + ', 9 in 10 within ' + f.duration(a.p90Ms)
            + ', the longest wait ' + f.duration(a.maxMs) + '.',
        color: '#007f3b'
      });
    }

    var returns = $('returns-chart');
    returns.removeAttribute('aria-busy');
    if (!u.returnedByReason.length) {
      charts.empty(returns, u.returned.referrals
          ? 'No provider handed back any of the ' + f.plural(u.returned.referrals, 'referral') + ' followed in e-RS.'
          : 'No referral in these dates was followed in e-RS.');
    } else {
      var items = u.returnedByReason.map(function (r) {
        return {
          label: capitalised(r.statusName) + (r.reason ? ': ' + r.reason : r.reasonCode ? ': ' + words(r.reasonCode) : ''),
          value: r.count, note: '(' + f.percent(r.rate) + ' of referrals)'
        };
      });
      charts.bars(returns, items, {
        title: 'Handed back, by state and reason',
        description: 'Of ' + f.plural(u.returned.referrals, 'referral') + ' followed, ' + f.count(u.returned.returned) + ' ('
            + f.percent(u.returned.rate) + ') handed back at least once. ' + items.map(function (item) {
              return item.label + ': ' + f.count(item.value);
            }).join('; ') + '.',
        colors: items.map(function () { return '#8a1538'; })
      });
    }

    var services = $('services-table');
    services.removeAttribute('aria-busy');
    services.textContent = '';
    if (!u.returnedByService.length) {
      charts.empty(services, 'No service is named by the referrals followed in these dates.');
    } else {
      var table = document.createElement('table');
      table.innerHTML = '<caption class="visually-hidden">Referrals handed back, by service</caption>'
          + '<thead><tr><th scope="col">Service</th><th scope="col">Referrals followed</th>'
          + '<th scope="col">Handed back</th><th scope="col">Rate</th></tr></thead>';
      var body = document.createElement('tbody');
      u.returnedByService.forEach(function (s) {
        var row = document.createElement('tr');
        var service = document.createElement('th');
        service.scope = 'row';
        // Its name as e-RS's search gave it, with e-RS's id beside; the id alone when no referral kept the name.
        if (s.serviceName) {
          service.appendChild(document.createTextNode(s.serviceName + ' '));
          var id = document.createElement('span');
          id.className = 'service-id';
          id.textContent = '(' + s.serviceId + ')';
          service.appendChild(id);
        } else {
          service.textContent = s.serviceId;
        }
        row.appendChild(service);
        [f.count(s.referrals), f.count(s.returned), f.percent(s.rate)].forEach(function (text) {
          var cell = document.createElement('td');
          cell.textContent = text;
          row.appendChild(cell);
        });
        body.appendChild(row);
      });
      table.appendChild(body);
      services.appendChild(table);
    }

    var chasers = $('chasers');
    chasers.removeAttribute('aria-busy');
    chasers.textContent = '';
    var list = document.createElement('ul');
    list.className = 'chaser-list';
    u.chasers.forEach(function (c) {
      var li = document.createElement('li');
      li.textContent = stepName(c.name, c.taskKey) + ': ' + f.count(c.raised) + ' raised, ' + f.count(c.resolved)
          + ' resolved, ' + f.count(c.open) + ' still open.';
      list.appendChild(li);
    });
    chasers.appendChild(list);
  }

  function capitalised(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
  }

  function renderSummary() {
    var o = state.outcomes;
    var d = state.durations;
    var finished = o.outcomes.reduce(function (sum, item) { return sum + item.count; }, 0);
    var box = $('summary');
    box.innerHTML = '';
    var list = document.createElement('dl');
    list.className = 'figures';
    var figures = [
      ['Requested', f.count(o.total), 'referral' + (o.total === 1 ? '' : 's') + ' in these dates'],
      ['Finished', f.count(finished), 'with an outcome'],
      ['In progress', f.count(o.inProgress), 'still running']
    ];
    if (d && d.requestToOutcome && d.requestToOutcome.count > 0) {
      figures.push(['Half finished within', f.duration(d.requestToOutcome.p50Ms), 'from request to outcome']);
      figures.push(['9 in 10 finished within', f.duration(d.requestToOutcome.p90Ms),
        'the slowest took ' + f.duration(d.requestToOutcome.maxMs)]);
    }
    figures.forEach(function (figure) {
      var wrap = document.createElement('div');
      wrap.className = 'figure';
      var dt = document.createElement('dt');
      dt.textContent = figure[0];
      var dd = document.createElement('dd');
      var big = document.createElement('span');
      big.className = 'big';
      big.textContent = figure[1];
      var small = document.createElement('span');
      small.className = 'small';
      small.textContent = figure[2];
      dd.appendChild(big);
      dd.appendChild(small);
      wrap.appendChild(dt);
      wrap.appendChild(dd);
      list.appendChild(wrap);
    });
    box.appendChild(list);
  }

  function renderOutcomes() {
    var o = state.outcomes;
    var box = $('outcomes-chart');
    box.removeAttribute('aria-busy');
    var finished = o.outcomes.reduce(function (sum, item) { return sum + item.count; }, 0);
    if (!finished) {
      charts.empty(box, o.total
          ? 'None of the ' + f.plural(o.total, 'referral') + ' in these dates has finished yet.'
          : 'No referrals were requested in these dates with these filters.');
    } else {
      var items = o.outcomes.map(function (item) {
        return {
          code: item.outcome, label: outcomeText(item.outcome), value: item.count,
          note: '(' + f.percent(item.count / finished) + ')'
        };
      });
      var description = f.plural(finished, 'finished referral') + ': ' + items.map(function (item) {
        return item.label + ': ' + f.count(item.value);
      }).join('; ') + '.' + (o.inProgress ? ' ' + f.count(o.inProgress) + ' still in progress.' : '');
      charts.bars(box, items, {
        title: 'How referrals ended', description: description,
        colors: items.map(function (item) { return OUTCOME_COLORS[item.code] || '#425563'; })
      });
    }
    renderPerDay();
  }

  function renderPerDay() {
    var o = state.outcomes;
    var box = $('per-day-chart');
    box.removeAttribute('aria-busy');
    var requested = o.perDay.reduce(function (sum, d) { return sum + d.requested; }, 0);
    var completed = o.perDay.reduce(function (sum, d) { return sum + d.completed; }, 0);
    if (!requested && !completed) {
      charts.empty(box, 'No referrals were requested or finished in these dates with these filters.');
      return;
    }
    var busiest = o.perDay.reduce(function (best, d) { return d.requested > best.requested ? d : best; }, o.perDay[0]);
    var description = 'Over ' + f.plural(o.perDay.length, 'day') + ', ' + f.count(requested) + ' requested and '
        + f.count(completed) + ' finished. Busiest day: ' + f.day(busiest.date) + ' with ' + f.count(busiest.requested)
        + ' requested. The table below the chart gives every day.';
    var chartBox = document.createElement('div');
    box.textContent = '';
    box.appendChild(chartBox);
    charts.lines(chartBox, o.perDay, [
      {key: 'requested', label: 'Requested', className: 'requested', marker: 'circle'},
      {key: 'completed', label: 'Finished', className: 'completed', marker: 'square'}
    ], {title: 'Referrals per day', description: description});
    box.appendChild(dayTable(o.perDay));
  }

  function dayTable(days) {
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    summary.textContent = 'Show the numbers for each day';
    details.appendChild(summary);
    var table = document.createElement('table');
    table.innerHTML = '<caption class="visually-hidden">Referrals per day</caption>'
        + '<thead><tr><th scope="col">Day</th><th scope="col">Requested</th><th scope="col">Finished</th></tr></thead>';
    var body = document.createElement('tbody');
    days.forEach(function (d) {
      var row = document.createElement('tr');
      [f.day(d.date), f.count(d.requested), f.count(d.completed)].forEach(function (text, i) {
        var cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) {
          cell.scope = 'row';
        }
        cell.textContent = text;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    details.appendChild(table);
    return details;
  }

  function renderDurations() {
    var d = state.durations;
    var buckets = $('buckets-chart');
    buckets.removeAttribute('aria-busy');
    var total = d.requestToOutcomeBuckets.reduce(function (sum, b) { return sum + b.count; }, 0);
    if (!total) {
      charts.empty(buckets, 'No referral in these dates has finished yet, so there are no times to show.');
    } else {
      var r = d.requestToOutcome;
      charts.columns(buckets, d.requestToOutcomeBuckets, {
        title: 'Time from request to outcome',
        description: f.plural(total, 'finished referral') + ' by time taken: ' + d.requestToOutcomeBuckets.map(function (b) {
          return b.label + ': ' + f.count(b.count);
        }).join('; ') + '. Half finished within ' + f.duration(r.p50Ms) + ', 9 in 10 within ' + f.duration(r.p90Ms)
            + ', the slowest took ' + f.duration(r.maxMs) + '.',
        color: '#005eb8'
      });
    }
    durationChart($('tasks-chart'), d.userTasks.map(function (t) {
      return {label: t.name || words(t.taskKey), count: t.count, p50Ms: t.p50Ms, p90Ms: t.p90Ms, maxMs: t.maxMs};
    }), 'Coordinator tasks, slowest first', 'time', 'No coordinator task was completed for these referrals.', '#7c2855');
    durationChart($('operations-chart'), d.ersOperations.map(function (op) {
      return {label: op.operation + ' ' + (op.name || ''), count: op.count, p50Ms: op.p50Ms, p90Ms: op.p90Ms, maxMs: op.maxMs};
    }), 'e-RS calls, slowest first', 'call', 'No e-RS call was made for these referrals.', '#005eb8');
    if (state.outcomes) {
      renderSummary();
    }
  }

  function durationChart(box, rows, title, unit, emptyText, color) {
    box.removeAttribute('aria-busy');
    if (!rows.length) {
      charts.empty(box, emptyText);
      return;
    }
    charts.durations(box, rows, {
      title: title, unit: unit, color: color,
      description: rows.map(function (row) {
        return row.label + ' (' + f.plural(row.count, unit) + '): half within ' + f.duration(row.p50Ms)
            + ', 9 in 10 within ' + f.duration(row.p90Ms) + ', slowest ' + f.duration(row.maxMs);
      }).join('; ') + '.'
    });
  }

  function renderErs() {
    var box = $('errors-chart');
    box.removeAttribute('aria-busy');
    var operations = state.ers.operations;
    if (!operations.length) {
      charts.empty(box, 'No e-RS call was made for these referrals.');
      return;
    }
    var rows = operations.map(function (op) {
      // Answers in code order; "no answer" (0) last.
      var statuses = Object.keys(op.statuses || {}).map(Number).sort(function (a, b) {
        return (a === 0 ? 1000 : a) - (b === 0 ? 1000 : b);
      });
      return {
        label: op.operation + ' ' + (op.name || ''), calls: op.calls, errors: op.errors,
        errorRate: op.errorRate != null ? op.errorRate : (op.calls ? op.errors / op.calls : 0), retries: op.retries,
        answers: statuses.length ? statuses.map(function (s) {
          return statusText(s) + ' × ' + f.count(op.statuses[String(s)]);
        }) : ['none']
      };
    });
    var failing = rows.filter(function (row) { return row.errors > 0; });
    charts.errorRates(box, rows, {
      title: 'e-RS errors by operation',
      description: (failing.length ? f.plural(failing.length, 'operation') + ' had errors. ' : 'No e-RS call failed. ')
          + rows.map(function (row) {
            return row.label + ': ' + f.count(row.errors) + ' of ' + f.plural(row.calls, 'call') + ' failed ('
                + f.percent(row.errorRate) + '), ' + f.plural(row.retries, 'repeat');
          }).join('; ') + '.'
    });
  }

  // --- search ------------------------------------------------------------------------------------------

  function search(event) {
    if (event) {
      event.preventDefault();
    }
    var q = $('q').value.trim();
    var box = $('search-results');
    box.setAttribute('aria-busy', 'true');
    box.innerHTML = '<p class="loading">Searching…</p>';
    var params = Object.assign({}, state.filters, {q: q, limit: q ? 50 : 20});
    var generation = ++state.searches;
    api('/api/analytics/referrals', params).then(function (answer) {
      if (generation !== state.searches) {
        return;
      }
      box.removeAttribute('aria-busy');
      showResults(box, q, answer.referrals);
    }).catch(function (error) {
      if (generation !== state.searches) {
        return;
      }
      box.removeAttribute('aria-busy');
      charts.empty(box, 'The search did not work: ' + error.message);
    });
  }

  function showResults(box, q, referrals) {
    box.textContent = '';
    var heading = document.createElement('p');
    heading.className = 'result-count';
    heading.setAttribute('role', 'status');
    if (!referrals.length) {
      heading.className = 'empty';
      heading.textContent = q
          ? 'No referral in these dates and filters has a request id or UBRN starting with “' + q + '”.'
          : 'No referrals in these dates and filters.';
      box.appendChild(heading);
      return;
    }
    heading.textContent = q
        ? f.plural(referrals.length, 'referral') + ' found for “' + q + '”. Choose one to see its timeline.'
        : 'The newest ' + f.plural(referrals.length, 'referral') + ' in these dates. Choose one to see its timeline.';
    box.appendChild(heading);
    var wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    var table = document.createElement('table');
    table.className = 'results';
    table.innerHTML = '<caption class="visually-hidden">Referrals found</caption><thead><tr>'
        + '<th scope="col">Request id</th><th scope="col">UBRN</th><th scope="col">Specialty</th>'
        + '<th scope="col">Priority</th><th scope="col">Requested</th><th scope="col">Outcome</th></tr></thead>';
    var body = document.createElement('tbody');
    referrals.forEach(function (r) {
      var row = document.createElement('tr');
      var first = document.createElement('th');
      first.scope = 'row';
      var link = document.createElement('a');
      link.href = '#referral/' + encodeURIComponent(r.requestId);
      link.className = 'timeline-link';
      link.textContent = r.requestId;
      link.setAttribute('aria-label', 'Timeline of referral ' + r.requestId);
      first.appendChild(link);
      row.appendChild(first);
      [r.ubrn ? groupedUbrn(r.ubrn) : 'not created', words(r.specialty), PRIORITIES[r.priority] || words(r.priority), f.time(r.requestedAt),
        r.outcome ? outcomeText(r.outcome) : (STATUSES[r.status] || words(r.status))].forEach(function (text) {
        var cell = document.createElement('td');
        cell.textContent = text;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
  }

  // --- the timeline --------------------------------------------------------------------------------------

  function route() {
    var match = /^#referral\/(.+)$/.exec(window.location.hash);
    if (match) {
      $('overview').hidden = true;
      $('timeline-view').hidden = false;
      showTimeline(decodeURIComponent(match[1]));
    } else {
      $('timeline-view').hidden = true;
      $('overview').hidden = false;
    }
  }

  function showTimeline(requestId) {
    var box = $('timeline');
    box.setAttribute('aria-busy', 'true');
    box.innerHTML = '<p class="loading">Loading the timeline…</p>';
    $('timeline-heading').textContent = 'Referral ' + requestId;
    $('timeline-heading').focus();
    api('/api/referrals/' + encodeURIComponent(requestId) + '/timeline').then(function (timeline) {
      box.removeAttribute('aria-busy');
      renderTimeline(box, timeline);
    }).catch(function (error) {
      box.removeAttribute('aria-busy');
      charts.empty(box, error.status === 404 ? 'There is no referral with request id “' + requestId + '”.'
          : 'The timeline could not be shown: ' + error.message);
    });
  }

  function renderTimeline(box, t) {
    box.textContent = '';
    var facts = document.createElement('dl');
    facts.className = 'facts';
    var took = t.completedAt && t.requestedAt ? f.duration(Date.parse(t.completedAt) - Date.parse(t.requestedAt)) : null;
    [
      ['Request id', t.requestId],
      ['UBRN (e-RS referral id)', t.ubrn ? groupedUbrn(t.ubrn) : 'not created in e-RS'],
      ['NHS number', maskedNhsNumber(t.nhsNumber)],
      ['Specialty', words(t.specialty)],
      ['Priority', PRIORITIES[t.priority] || words(t.priority)],
      ['Status', STATUSES[t.status] || words(t.status)],
      ['Outcome', outcomeText(t.outcome)],
      ['Requested', f.time(t.requestedAt)],
      ['Finished', t.completedAt ? f.time(t.completedAt) + (took ? ' (took ' + took + ')' : '') : 'not yet']
    ].forEach(function (fact) {
      var wrap = document.createElement('div');
      var dt = document.createElement('dt');
      dt.textContent = fact[0];
      var dd = document.createElement('dd');
      dd.textContent = fact[1];
      if (fact[0] === 'NHS number') {
        dd.className = 'masked';
        dd.title = 'Masked: only the last four digits are shown';
      }
      wrap.appendChild(dt);
      wrap.appendChild(dd);
      facts.appendChild(wrap);
    });
    box.appendChild(facts);

    var entries = t.entries || [];
    if (!entries.length) {
      charts.empty(box, 'No steps have been recorded for this referral yet.');
      return;
    }
    var stepNames = {};
    entries.forEach(function (e) {
      if ((e.type === 'ACTIVITY' || e.type === 'USER_TASK') && e.activityId && e.name) {
        stepNames[e.activityId] = stepName(e.name, e.activityId);
      }
    });
    var hasOutcome = entries.some(function (e) { return e.type === 'OUTCOME'; });
    var routine = entries.filter(function (e) { return isRoutine(e, hasOutcome); }).length;
    var heading = document.createElement('h3');
    heading.textContent = 'What happened, in order';
    box.appendChild(heading);
    var list = document.createElement('ol');
    list.className = 'timeline';
    list.id = 'timeline-entries';
    if (routine) {
      var toggle = document.createElement('label');
      toggle.className = 'toggle';
      var showRoutine = document.createElement('input');
      showRoutine.type = 'checkbox';
      showRoutine.id = 'show-routine';
      showRoutine.setAttribute('aria-controls', list.id);
      showRoutine.addEventListener('change', function () {
        list.classList.toggle('show-routine', showRoutine.checked);
      });
      toggle.appendChild(showRoutine);
      toggle.appendChild(document.createTextNode(' Also show the ' + f.plural(routine, 'decision point')
          + ' the process passed (which way it went next)'));
      box.appendChild(toggle);
    }
    var start = Date.parse(t.requestedAt);
    entries.forEach(function (e) {
      var item = timelineEntry(e, start, stepNames);
      if (isRoutine(e, hasOutcome)) {
        item.classList.add('routine');
      }
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  var KINDS = {
    ACTIVITY: 'Step', USER_TASK: 'Coordinator task', ERS_CALL: 'e-RS call', INCIDENT: 'Problem', OUTCOME: 'Outcome',
    ACTING_USER: 'Acting user', ERS_STATE: 'In e-RS'
  };
  // The follow-up's ends say how the pathway ended after sending: never folded away with the referral's own end.
  // The e-RS states that hand a referral back to its referrer (as the follow-up report counts them).
  var HANDED_BACK = ['REJECTED', 'TRIAGE_RESPONSE', 'ASSESSMENT_RESULT', 'DID_NOT_ATTEND', 'APPT_CANCELLED_BY_PATIENT',
    'APPT_CANCELLED_BY_PROVIDER'];
  var FOLLOW_UP_ENDS = ['EndEvent_AppointmentPassed', 'EndEvent_ReferralCancelledInErs', 'EndEvent_CancelledByCoordinator'];

  function timelineEntry(e, start, stepNames) {
    var item = document.createElement('li');
    item.className = 'entry entry-' + String(e.type).toLowerCase().replace(/_/g, '-');
    var when = document.createElement('p');
    when.className = 'when';
    var time = document.createElement('time');
    time.dateTime = e.time;
    time.textContent = f.time(e.time);
    when.appendChild(time);
    var at = Date.parse(e.time);
    if (!isNaN(start) && !isNaN(at)) {
      var elapsed = document.createElement('span');
      elapsed.className = 'elapsed';
      elapsed.textContent = at - start <= 0 ? 'at the request' : f.duration(at - start) + ' after the request';
      when.appendChild(elapsed);
    }
    item.appendChild(when);

    var title = document.createElement('p');
    title.className = 'what';
    var kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = KINDS[e.type] || words(e.type);
    title.appendChild(kind);
    title.appendChild(document.createTextNode(' '));
    var name = document.createElement('span');
    name.className = 'name';
    title.appendChild(name);
    item.appendChild(title);

    var details = [];
    switch (e.type) {
      case 'ERS_CALL': {
        var failedCall = e.httpStatus === 0 || e.httpStatus >= 400 || e.failure;
        item.classList.add(failedCall ? 'failed' : 'succeeded');
        name.textContent = (e.operation ? e.operation + ' ' : '') + (e.name || '');
        details.push((failedCall ? '✗ Failed: ' : '✓ ') + (e.method ? e.method + ', ' : '') + 'answered '
            + statusText(e.httpStatus) + (e.durationMs != null ? ' in ' + f.duration(e.durationMs) : ''));
        if (e.attempt > 1) {
          details.push('Repeat: attempt ' + e.attempt + ' at this step');
        }
        if (e.activityId && stepNames[e.activityId]) {
          details.push('During the step “' + stepNames[e.activityId] + '”');
        }
        if (e.failure) {
          details.push('What went wrong: ' + e.failure);
        }
        details.push({code: 'Correlation id: ', value: e.correlationId || 'none'});
        break;
      }
      case 'USER_TASK':
        name.textContent = stepName(e.name, e.activityId);
        if (e.endTime) {
          details.push('Done by ' + (e.completedBy || 'an unknown user') + (e.durationMs != null
              ? ', ' + f.duration(e.durationMs) + ' after it appeared' : ''));
        } else {
          details.push('Waiting for a coordinator (not done yet)');
        }
        break;
      case 'INCIDENT':
        item.classList.add('incident-' + String(e.state || 'OPEN').toLowerCase());
        name.textContent = 'at “' + (stepNames[e.activityId] || stepName(e.name, e.activityId)) + '”';
        details.push(e.incidentType === 'failedJob'
            ? 'The step stopped with no automatic retries left and waited for an administrator.'
            : 'Incident: ' + words(e.incidentType) + '.');
        if (e.message) {
          details.push('Message: ' + e.message);
        }
        details.push((INCIDENT_STATES[e.state] || words(e.state))
            + (e.state === 'RESOLVED' ? (e.resolvedBy ? ' by ' + e.resolvedBy : '') + (e.endTime ? ' on ' + f.time(e.endTime) : '')
              : e.state === 'OPEN' ? ': an administrator can retry the step in Cockpit' : (e.endTime ? ' on ' + f.time(e.endTime) : '')));
        break;
      case 'OUTCOME':
        name.textContent = outcomeText(e.outcome);
        break;
      case 'ERS_STATE':
        if (HANDED_BACK.indexOf(e.status) >= 0) {
          item.classList.add('handed-back');
        }
        name.textContent = capitalised(String(e.name || '').replace(/^e-RS: /, ''));
        if (e.reason || e.reasonCode) {
          details.push('Reason: ' + (e.reason || words(e.reasonCode)));
        }
        if (e.comments) {
          details.push('The provider’s comments: ' + e.comments);
        }
        if (e.worklist) {
          details.push('Found on the e-RS worklist “' + words(e.worklist) + '”');
        }
        if (e.activityId && stepNames[e.activityId]) {
          details.push('Seen at “' + stepNames[e.activityId] + '”');
        }
        break;
      case 'ACTING_USER':
        name.textContent = e.name || ('e-RS calls act as ' + e.userId);
        break;
      default:
        name.textContent = stepName(e.name, e.activityId);
        if (!e.endTime) {
          details.push('Not finished yet');
        } else if (e.durationMs) {
          details.push('Took ' + f.duration(e.durationMs));
        }
    }
    if (details.length) {
      var list = document.createElement('ul');
      list.className = 'details';
      details.forEach(function (detail) {
        var li = document.createElement('li');
        if (typeof detail === 'string') {
          li.textContent = detail;
        } else {
          li.appendChild(document.createTextNode(detail.code));
          var code = document.createElement('code');
          code.textContent = detail.value;
          li.appendChild(code);
        }
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }

  // --- start -------------------------------------------------------------------------------------------

  /** Charts are drawn for their box's width: draw them again when it changes. */
  function redraw() {
    if (state.outcomes) {
      renderOutcomes();
    }
    if (state.durations) {
      renderDurations();
    }
    if (state.ers) {
      renderErs();
    }
  }

  /** Watches the overview's width (window resized, overview shown again) and redraws for the new width. */
  function redrawOnResize() {
    if (!window.ResizeObserver) {
      return;
    }
    var pending = null;
    var drawnFor = 0;
    new ResizeObserver(function (entries) {
      var width = Math.round(entries[0].contentRect.width);
      if (!width || Math.abs(width - drawnFor) < 8) {
        return;
      }
      drawnFor = width;
      clearTimeout(pending);
      pending = setTimeout(redraw, 120);
    }).observe($('overview'));
  }

  document.addEventListener('DOMContentLoaded', function () {
    writeFilters(filtersFromAddress());
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      refresh();
    });
    $('search').addEventListener('submit', search);
    $('back-link').addEventListener('click', function (event) {
      event.preventDefault();
      history.pushState(null, '', window.location.pathname + window.location.search);
      route();
      $('search-heading').scrollIntoView();
    });
    window.addEventListener('hashchange', route);
    window.addEventListener('popstate', route);
    redrawOnResize();
    refresh();
    route();
  });
})();
