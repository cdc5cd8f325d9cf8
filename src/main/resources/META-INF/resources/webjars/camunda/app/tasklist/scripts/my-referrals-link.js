// Loaded by Tasklist (config.js, customScripts): a "My referrals" link in Tasklist's header, to the
// coordinators' page of their organisation's referrals; that page links back here.
const myReferrals = new URL('../../../../my-referrals/', import.meta.url).href;

// The header is drawn (and redrawn) by the webapp: add the link whenever its menu appears.
function addMyReferrals() {
  document.querySelectorAll('nav.cam-nav.app-menu > ul').forEach(menu => {
    if (!menu.querySelector('li.my-referrals')) {
      const item = document.createElement('li');
      item.className = 'my-referrals';
      const link = document.createElement('a');
      link.href = myReferrals;
      link.textContent = 'My referrals';
      item.appendChild(link);
      menu.insertBefore(item, menu.firstChild);
    }
  });
}
new MutationObserver(addMyReferrals).observe(document.documentElement, {childList: true, subtree: true});
addMyReferrals();
