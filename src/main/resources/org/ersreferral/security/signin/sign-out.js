// Served at /camunda/app/sign-out.js while sign-in is on (SignInPages); without it the webapps keep their own
// log-out. People sign in to the webapps with OpenID Connect: "Log out" leads to the application's sign-out,
// which ends the session here and at the provider, instead of the webapp's own log-out, which would
// end the webapp's view of the session only.
const signOut = new URL('../../logout', import.meta.url).href;

document.addEventListener('click', event => {
  const item = event.target instanceof Element ? event.target.closest('li.logout') : null;
  if (item) {
    event.preventDefault();
    event.stopPropagation();
    window.location.assign(signOut);
  }
}, true);
