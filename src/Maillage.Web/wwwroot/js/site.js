// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Move focus to the error summary so keyboard and screen-reader users land on what needs fixing.
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }

  // Directory filters: apply a select's choice at once (the submit button stays for keyboard users).
  document.querySelectorAll('form.filters select').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });

  // Ask before irreversible actions.
  document.querySelectorAll('button.danger').forEach(function (button) {
    button.addEventListener('click', function (event) {
      var message = document.documentElement.lang === 'en' ? 'Are you sure?' : 'Confirmer cette action ?';
      if (!window.confirm(message)) {
        event.preventDefault();
      }
    });
  });
})();
