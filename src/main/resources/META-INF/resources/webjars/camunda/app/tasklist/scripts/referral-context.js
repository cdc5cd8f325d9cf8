// Loaded by Tasklist at start (config.js, customScripts). Words, not codes, and no dead ends for a
// referral coordinator:
// - Tasklist's raw task priority (50/70/90) is hidden from the list: each task lists its priority in words.
// - Camunda's end-of-life banner is hidden: 7.24 shows it to every user of a community edition, with no
//   setting to turn it off, and it is no business of a coordinator.
// - The link beside the process name leads to Cockpit, which coordinators may not open (403); it is
//   replaced by a link to the referral's row on the coordinators' "My referrals" page.
// - An error left from an earlier task is cleared when another task is opened, or the task completed.
// - The embedded HTML forms show whose referral it is through window.ersReferralContext.show (the
//   Camunda Forms show it from their own fields).
// - Tasklist shows a form's own validation refusal as "An error happened while submitting the task form"
//   with no words; the words are filled in from the fields the form marks, and the refusal goes once
//   they are corrected.
const myReferrals = new URL('../../../../my-referrals/', import.meta.url).href;

const style = document.createElement('style');
style.textContent = [
  '.ce-eol-banner { display: none !important; }',
  '.tasks-list .task .priority { display: none !important; }',
  '.task-card .instance-link { display: none !important; }',
  '.ers-my-referrals-link { margin-left: 0.5em; }'
].join('\n');
document.head.appendChild(style);

function currentTaskId() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('task');
}

// Closing through the notification's own button keeps Tasklist's list of notifications in step; the
// alert also holds the alert widget's own close button, hidden and bound to nothing.
const CLOSE = 'button.close[ng-click^="removeNotification"]';

function clearErrors() {
  document.querySelectorAll('.notifications .alert-danger ' + CLOSE).forEach(button => button.click());
}

let shownTask = currentTaskId();
window.addEventListener('hashchange', () => {
  const task = currentTaskId();
  if (task !== shownTask) {
    shownTask = task;
    clearErrors();
  }
});

function fieldProblems() {
  const problems = [];
  document.querySelectorAll('.fjs-form-field.fjs-has-errors').forEach(field => {
    const label = field.querySelector('.fjs-form-field-label');
    const error = field.querySelector('.fjs-form-field-error');
    const name = label ? label.textContent.replace(/\*$/, '').trim() : 'A field';
    const words = error ? error.textContent.trim().replace(/\.$/, '') : '';
    problems.push(name + (words ? ' (' + words + ')' : ''));
  });
  return problems;
}

// A refusal explained by the fields the form marks goes once no field is marked any more: it would
// otherwise cover the Complete button while the coordinator completes the corrected form.
function fillBlankMessages() {
  const fieldsMarked = document.querySelector('.fjs-form-field.fjs-has-errors') !== null;
  document.querySelectorAll('.notifications .alert-danger').forEach(alert => {
    const message = alert.querySelector('.message');
    if (alert.dataset.ersExplained === 'fields' && !fieldsMarked) {
      const close = alert.querySelector(CLOSE);
      if (close) {
        close.click();
      }
      return;
    }
    if (message && !message.textContent.trim() && !alert.dataset.ersExplained) {
      const problems = fieldProblems();
      alert.dataset.ersExplained = problems.length ? 'fields' : 'form';
      message.textContent = problems.length
        ? ' Check ' + (problems.length === 1 ? 'this field' : 'these fields') + ': ' + problems.join('; ') + '.'
        : ' The form could not be sent: check the fields marked in red and complete the task again.';
    }
  });
}

const requestIds = {};

async function requestIdOf(taskId) {
  if (!(taskId in requestIds)) {
    const engineApi = document.querySelector('base').getAttribute('engine-api');
    requestIds[taskId] = fetch(engineApi + 'engine/default/task/' + encodeURIComponent(taskId) + '/variables/requestId',
      {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
      .then(response => (response.ok ? response.json() : null))
      .then(variable => (variable && typeof variable.value === 'string' ? variable.value : null))
      .catch(() => null);
  }
  return requestIds[taskId];
}

async function linkToMyReferrals() {
  const taskId = currentTaskId();
  const heading = document.querySelector('.task-card .definition-name');
  if (!taskId || !heading) {
    return;
  }
  let link = heading.querySelector('a.ers-my-referrals-link');
  if (link && link.dataset.task === taskId) {
    return;
  }
  if (!link) {
    link = document.createElement('a');
    link.className = 'ers-my-referrals-link';
    link.textContent = 'Open in My referrals';
    heading.appendChild(link);
  }
  link.dataset.task = taskId;
  link.style.display = 'none';
  const requestId = await requestIdOf(taskId);
  if (requestId && link.dataset.task === taskId) {
    link.href = myReferrals + '#' + encodeURIComponent(requestId);
    link.style.display = '';
  }
}

new MutationObserver(() => {
  fillBlankMessages();
  linkToMyReferrals();
}).observe(document.documentElement, {childList: true, subtree: true});

// Whose referral an embedded form belongs to: drawn into its empty header (div.ers-referral-context)
// from the task's display variables, fetched with the form's variables and then dropped, so none of
// them is submitted back with the form.
const CONTEXT = ['patientDisplay', 'requestId', 'priorityDisplay', 'specialtyDisplay', 'ubrnDisplay'];

function labelled(label, ...parts) {
  const line = document.createElement('div');
  const strong = document.createElement('strong');
  strong.textContent = label + ':';
  line.append(strong, ' ', ...parts);
  return line;
}

window.ersReferralContext = {
  show(camForm, form) {
    CONTEXT.forEach(name => camForm.variableManager.fetchVariable(name));
    camForm.on('variables-fetched', () => {
      const shown = name => {
        const value = camForm.variableManager.variableValue(name);
        return value === null || value === undefined ? '' : String(value);
      };
      const priority = document.createElement('strong');
      priority.textContent = 'Priority:';
      const lines = [
        labelled('Patient', shown('patientDisplay')),
        labelled('Request', shown('requestId'), ' \u00b7 ', priority, ' ', shown('priorityDisplay'),
          shown('specialtyDisplay') ? ' \u00b7 ' + shown('specialtyDisplay') : '')
      ];
      if (shown('ubrnDisplay')) {
        lines.push(labelled('UBRN', shown('ubrnDisplay')));
      }
      form.querySelector('div.ers-referral-context').replaceChildren(...lines);
      CONTEXT.forEach(name => {
        if (camForm.variableManager.variable(name)) {
          camForm.variableManager.destroyVariable(name);
        }
      });
    });
  }
};
