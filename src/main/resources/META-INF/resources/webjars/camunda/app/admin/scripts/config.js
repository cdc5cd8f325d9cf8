// Loaded by the webapp at start; see ../sign-out.js.
export default {
  customScripts: ['../sign-out']
};
