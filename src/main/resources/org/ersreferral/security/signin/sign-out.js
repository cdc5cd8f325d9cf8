// Served at /camunda/app/sign-out.js while sign-in is on (SignInPages); without it the webapps keep their own
// log-out. People sign in to the webapps with OpenID Connect: "Log out" leads to the application's sign-out,
// which ends the session here and at the provider, instead of the webapp's own log-out, which would
// end the webapp's view of the session only. The account menu also gains "e-RS role", where a person
// changes the e-RS role they act in.
const signOut = new URL('../../logout', import.meta.url).href;
const ersRole = new URL('../../ers-role', import.meta.url).href;

document.addEventListener('click', event => {
  const item = event.target instanceof Element ? event.target.closest('li.logout') : null;
  if (item) {
    event.preventDefault();
    event.stopPropagation();
    window.location.assign(signOut);
  }
}, true);

// The menu is drawn (and redrawn) by the webapp: add the item beside "Log out" whenever it appears.
function addErsRole() {
  document.querySelectorAll('li.logout').forEach(logout => {
    if (logout.parentElement && !logout.parentElement.querySelector('li.ers-role')) {
      const item = document.createElement('li');
      item.className = 'ers-role';
      const link = document.createElement('a');
      link.href = ersRole;
      link.textContent = 'e-RS role';
      item.appendChild(link);
      logout.parentElement.insertBefore(item, logout);
    }
  });
}
new MutationObserver(addErsRole).observe(document.documentElement, {childList: true, subtree: true});
addErsRole();
