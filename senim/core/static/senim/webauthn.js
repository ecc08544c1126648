// Security keys and passkeys on Senim's own pages (sign-in, confirming again, adding a key).
//
// The ceremony itself is django-allauth's (static/mfa/js/webauthn.js with webauthn-json.js):
// this file only starts it from a button marked data-webauthn="authenticate" or "add", and
// says in the page's language what went wrong. No inline script: the Content-Security-Policy
// allows scripts from this origin only; the options come from a json_script block, the
// messages from data- attributes written by the template.
//
// <button type="button" id="..." data-webauthn="authenticate|add"
//         data-credential="id of the hidden credential input" data-options="id of json_script"
//         data-problem="id of an element with role=alert">
// The problem element carries data-cancelled, data-registered, data-failed and data-unsupported.
(function () {
  'use strict'

  function say (problem, key) {
    if (!problem) return
    problem.textContent = ''
    const line = document.createElement('p')
    line.className = 'flash flash-error'
    line.textContent = problem.dataset[key] || problem.dataset.failed || ''
    problem.appendChild(line)
  }

  function start (button) {
    const mode = button.dataset.webauthn
    const problem = document.getElementById(button.dataset.problem)
    const forms = window.allauth && window.allauth.webauthn && window.allauth.webauthn.forms
    if (!window.PublicKeyCredential || !forms) {
      button.disabled = true
      say(problem, 'unsupported')
      return
    }
    // Before allauth's own handler, so that a new failure is not wiped out.
    button.addEventListener('click', function () {
      if (problem) problem.textContent = ''
    })
    const ids = { credential: button.dataset.credential, data: button.dataset.options }
    if (mode === 'add') {
      ids.add = button.id
      forms.addForm({ ids })
      // Enter in the name field would post the form without a key: run the key instead.
      const form = button.form || document.getElementById(ids.credential).form
      if (form) {
        form.addEventListener('submit', function (event) {
          if (!document.getElementById(ids.credential).value) {
            event.preventDefault()
            button.click()
          }
        })
      }
    } else {
      ids.authenticate = button.id
      forms.authenticateForm({ ids })
    }
    document.addEventListener('allauth.error', function (event) {
      event.preventDefault()
      const name = event.detail && event.detail.exception && event.detail.exception.name
      if (name === 'NotAllowedError' || name === 'AbortError') {
        say(problem, 'cancelled')
      } else if (name === 'InvalidStateError') {
        say(problem, mode === 'add' ? 'registered' : 'failed')
      } else {
        say(problem, 'failed')
      }
    })
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('button[data-webauthn]').forEach(start)
  })
})()
