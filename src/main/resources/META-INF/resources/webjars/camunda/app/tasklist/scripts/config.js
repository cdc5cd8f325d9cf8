// Loaded by Tasklist at start; see ../sign-out.js, referral-context.js, my-referrals-link.js and next-task.js.
// The shortcuts are Tasklist's own defaults.
export default {
  customScripts: ['../sign-out', 'scripts/referral-context', 'scripts/my-referrals-link', 'scripts/next-task'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
