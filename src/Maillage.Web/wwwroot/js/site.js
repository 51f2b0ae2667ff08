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

// Portal: suggestions while typing, from two letters (the search itself works without them).
(function () {
  'use strict';
  document.querySelectorAll('input[data-suggest]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    var timer = null;
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      var value = input.value.trim();
      if (!list || value.length < 2) { return; }
      timer = window.setTimeout(function () {
        fetch(input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(value), { headers: { 'Accept': 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (words) {
            var prefix = value.lastIndexOf(' ') >= 0 ? value.slice(0, value.lastIndexOf(' ') + 1) : '';
            list.replaceChildren.apply(list, words.map(function (word) {
              var option = document.createElement('option');
              option.value = prefix + word;
              return option;
            }));
          })
          .catch(function () { /* suggestions are a comfort, not a need */ });
      }, 150);
    });
  });
})();
