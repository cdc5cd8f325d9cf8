// Loaded by Tasklist at start (config.js, customScripts). When a coordinator completes a task, the
// task pane says at once that the referral is being worked on, then opens the referral's next task,
// already claimed for them (POST /api/tasks/{id}/next waits for it while e-RS is asked), or says in
// words that the referral finished, waits for e-RS, or is with a colleague.
//
// Tasklist completes a task with POST .../api/engine/engine/<engine>/task/<id>/submit-form (or
// /complete) through its HTTP client; watching those requests in the page is the one place every
// form kind (Camunda Forms, embedded HTML forms, generic forms) goes through. Tasklist itself then
// drops the task from the address (#/?...&task=<id>), which is also how a task is opened again.

const nextTaskApi = new URL('../../../../api/tasks/', import.meta.url).href;
const COMPLETION = /\/api\/engine\/engine\/[^/]+\/task\/([^/?#]+)\/(?:submit-form|complete)(?:[?#]|$)/;
const PANEL_ID = 'next-task-status';
// How long, in all, the pane keeps asking while e-RS is slow; each ask waits up to the server's own limit.
const GIVE_UP_AFTER_MS = 15 * 60 * 1000;
const NETWORK_RETRIES = 5;

/** The follow-up under way, if any; replaced when another completion starts. */
let following = null;

function completedTaskId(method, url) {
  if (!method || method.toUpperCase() !== 'POST' || !url) {
    return null;
  }
  try {
    const match = COMPLETION.exec(new URL(String(url), document.baseURI).pathname);
    return match ? decodeURIComponent(match[1]) : null;
  } catch (notAnAddress) {
    // Never in the way of the page's own request: whatever it is, it is not a completion.
    return null;
  }
}

// --- noticing completions -------------------------------------------------------------------------

const open = XMLHttpRequest.prototype.open;
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.nextTaskCompleting = completedTaskId(method, url);
  return open.call(this, method, url, ...rest);
};
XMLHttpRequest.prototype.send = function (...args) {
  const taskId = this.nextTaskCompleting;
  if (taskId) {
    completing(taskId);
    this.addEventListener('loadend', () => completed(taskId, this.status >= 200 && this.status < 300));
  }
  return send.apply(this, args);
};

if (window.fetch) {
  const originalFetch = window.fetch;
  window.fetch = function (input, init) {
    const method = (init && init.method) || (input instanceof Request ? input.method : 'GET');
    const taskId = completedTaskId(method, input instanceof Request ? input.url : input);
    // fetch must be called on the window, whatever object the caller took it from.
    const answer = originalFetch.apply(window, arguments);
    if (taskId) {
      completing(taskId);
      answer.then(response => completed(taskId, response.ok), () => completed(taskId, false));
    }
    return answer;
  };
}

// --- the task pane --------------------------------------------------------------------------------

function pane() {
  return document.querySelector('section.task-details .three-cols-layout-cell.content');
}

/** Shows the state in the task pane; outside Angular's templates, so Tasklist redrawing the task leaves it. */
function show(state, text, final, openedTask) {
  const where = pane();
  if (!where) {
    return;
  }
  let panel = document.getElementById(PANEL_ID);
  if (!panel) {
    panel = document.createElement('div');
    panel.id = PANEL_ID;
    panel.setAttribute('role', 'status');
    panel.setAttribute('aria-live', 'polite');
    where.insertBefore(panel, where.firstChild);
  }
  panel.dataset.state = state;
  // A final state belongs to the task shown with it (none, or the one just opened); see the hashchange listener.
  if (final) {
    panel.dataset.task = openedTask || addressParams().get('task') || '';
  } else {
    delete panel.dataset.task;
  }
  panel.className = 'alert ' + ({FINISHED: 'alert-success', OPENED: 'alert-success', STUCK: 'alert-warning',
    WITH_COLLEAGUE: 'alert-info', FAILED: 'alert-warning'}[state] || 'alert-info');
  panel.style.cssText = 'margin: 10px 15px; font-size: 15px; display: flex; align-items: center; gap: 10px;';
  panel.replaceChildren();
  if (!final) {
    const spinner = document.createElement('span');
    spinner.className = 'glyphicon glyphicon-refresh';
    spinner.setAttribute('aria-hidden', 'true');
    // Turning only for those who have not asked their system for less motion.
    if (!window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      spinner.animate([{transform: 'rotate(0deg)'}, {transform: 'rotate(360deg)'}], {duration: 1200, iterations: Infinity});
    }
    panel.appendChild(spinner);
  }
  const words = document.createElement('span');
  words.className = 'next-task-message';
  words.textContent = text;
  words.style.flex = '1';
  panel.appendChild(words);
  if (final) {
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.setAttribute('aria-label', 'Dismiss');
    close.textContent = '\u00d7';
    close.addEventListener('click', () => panel.remove());
    panel.appendChild(close);
  }
}

function hide() {
  const panel = document.getElementById(PANEL_ID);
  if (panel) {
    panel.remove();
  }
}

// --- Tasklist's address ---------------------------------------------------------------------------

function addressParams() {
  const hash = window.location.hash || '';
  const query = hash.indexOf('?');
  return new URLSearchParams(query < 0 ? '' : hash.substring(query + 1));
}

function openTask(taskId) {
  const params = addressParams();
  params.delete('detailsTab');
  params.set('task', taskId);
  window.location.hash = '#/?' + params.toString();
}

// --- following the referral -----------------------------------------------------------------------

function completing(taskId) {
  if (following) {
    following.cancelled = true;
  }
  following = {taskId, cancelled: false, confirmed: false};
  show('WORKING', 'Working on it \u2014 e-RS is being asked\u2026', false);
}

function completed(taskId, ok) {
  const mine = following;
  if (!mine || mine.taskId !== taskId || mine.confirmed) {
    return;
  }
  if (!ok) {
    // Tasklist shows why the task could not be completed; the task stays open.
    following = null;
    hide();
    return;
  }
  mine.confirmed = true;
  follow(mine);
}

/** The person moved on (opened another task): their choice wins over the one this would open. */
function movedOn(mine) {
  const shown = addressParams().get('task');
  return mine.cancelled || (shown !== null && shown !== mine.taskId);
}

async function follow(mine) {
  const started = Date.now();
  let networkFailures = 0;
  while (!movedOn(mine)) {
    let answer;
    try {
      const response = await fetch(nextTaskApi + encodeURIComponent(mine.taskId) + '/next',
        {method: 'POST', credentials: 'same-origin', headers: {Accept: 'application/json'}});
      if (!response.ok) {
        if (!movedOn(mine)) {
          show('FAILED', 'The referral\u2019s next task could not be found for you. Pick it from the task list.', true);
        }
        return;
      }
      answer = await response.json();
      networkFailures = 0;
    } catch (unreachable) {
      if (++networkFailures > NETWORK_RETRIES) {
        if (!movedOn(mine)) {
          show('FAILED', 'The application could not be reached. Pick the referral\u2019s next task from the task list.', true);
        }
        return;
      }
      await new Promise(resume => setTimeout(resume, 1000 * networkFailures));
      continue;
    }
    if (movedOn(mine)) {
      return;
    }
    switch (answer.state) {
      case 'NEXT_TASK':
        openTask(answer.taskId);
        mine.cancelled = true;
        show('OPENED', 'Your next task is open and assigned to you: ' + answer.taskName, true, answer.taskId);
        return;
      case 'WORKING':
        show('WORKING', answer.message, false);
        break;
      case 'RETRYING': {
        const at = answer.retryAt ? new Date(answer.retryAt) : null;
        show('RETRYING', answer.message + (at ? ' Next try at ' + at.toLocaleTimeString('en-GB') + '.' : ''), false);
        break;
      }
      default:
        // FINISHED, WITH_COLLEAGUE, STUCK: nothing more to wait for here.
        show(answer.state, answer.message, true);
        return;
    }
    if (Date.now() - started > GIVE_UP_AFTER_MS) {
      show('FAILED', 'e-RS is taking a long time. The referral\u2019s next task will appear in your task list when it is ready.', true);
      return;
    }
  }
}

// Opening another task puts the state of the one before away.
window.addEventListener('hashchange', () => {
  const panel = document.getElementById(PANEL_ID);
  if (panel && panel.dataset.task !== undefined && (addressParams().get('task') || '') !== panel.dataset.task) {
    panel.remove();
  }
});
