// The reset and invitation pages: read the token from the link, send the
// form as JSON to the API, and show the answer (a problem's detail and its
// field messages on failure). No dependencies; DOM nodes only, never HTML
// strings, under a CSP that allows nothing but this origin's files.
(function () {
  'use strict';

  const flows = {
    reset: {
      url: '/api/v1/auth/reset-password',
      body: (f, token) => ({ token: token, new_password: f.new_password.value }),
      check: (f) => f.new_password.value !== f.repeat.value ? 'The two passwords differ.' : '',
      done: () => 'Your password is set. Sign in with it; every earlier session has ended.',
    },
    invite: {
      url: '/api/v1/invites/accept',
      body: (f, token) => {
        const b = { token: token };
        for (const k of ['password', 'first_name', 'last_name']) {
          if (f[k].value !== '') b[k] = f[k].value;
        }
        return b;
      },
      check: () => '',
      done: (r) => r.account_created
        ? 'Welcome! Your account for ' + r.email + ' is ready and you joined as ' + r.role + '. Sign in with your email and the password you chose.'
        : 'You joined as ' + r.role + '. Sign in as ' + r.email + ' as usual.',
    },
  };

  const form = document.getElementById('form');
  const status = document.getElementById('status');
  const submit = document.getElementById('submit');
  const flow = flows[form.dataset.flow];
  const token = new URLSearchParams(location.search).get('token') || '';
  if (token !== '') {
    history.replaceState(null, '', location.pathname); // keep the token out of the history and the address bar
  }

  // show displays an outcome (kind ok or error) or progress (kind '');
  // data-outcomes counts the outcomes shown, for tests and assistive tools.
  function show(kind, text, items) {
    status.className = 'status ' + kind;
    if (kind) status.dataset.outcomes = String(Number(status.dataset.outcomes || 0) + 1);
    status.replaceChildren(text);
    if (items && items.length) {
      const ul = document.createElement('ul');
      for (const it of items) {
        const li = document.createElement('li');
        li.textContent = it;
        ul.append(li);
      }
      status.append(ul);
    }
  }

  if (token === '') {
    show('error', 'This link has no token. Open the link from the email again, whole.');
    submit.disabled = true;
    return;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const wrong = flow.check(form);
    if (wrong) {
      show('error', wrong);
      return;
    }
    submit.disabled = true;
    show('', 'Sending…');
    try {
      const res = await fetch(flow.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(flow.body(form, token)),
        credentials: 'omit',
      });
      const answer = await res.json().catch(() => ({}));
      if (res.ok) {
        form.hidden = true;
        show('ok', flow.done(answer));
        return;
      }
      const fields = (answer.errors || []).map((e) => e.field + ': ' + e.message);
      show('error', answer.detail || 'The server answered ' + res.status + '.', fields);
    } catch (e) {
      show('error', 'The server could not be reached. Try again in a moment.');
    }
    submit.disabled = false;
  });
})();
