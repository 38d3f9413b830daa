/* global window, navigator, document, atob, btoa */
// Passkeys (WebAuthn), a progressive enhancement: the pages work without this script, with a
// code from the authenticator app. Where the browser offers passkeys, the hidden passkey parts
// of the page are shown and run the ceremony against the server's JSON endpoints.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function toBytes(b64url) {
    var b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
    var bin = atob(b64 + '==='.slice((b64.length + 3) % 4));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes.buffer;
  }
  function toB64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function withIds(list) {
    return (list || []).map(function (c) {
      return { type: c.type || 'public-key', id: toBytes(c.id), transports: c.transports };
    });
  }
  function post(url, csrf, body) {
    body._csrf = csrf;
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error((json.error && json.error.code) || 'failed');
        return json;
      });
    });
  }
  function responseJson(cred) {
    var r = cred.response;
    var json = {
      id: cred.id,
      rawId: toB64url(cred.rawId),
      type: cred.type,
      clientExtensionResults: cred.getClientExtensionResults(),
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      response: { clientDataJSON: toB64url(r.clientDataJSON) },
    };
    if (r.attestationObject) {
      json.response.attestationObject = toB64url(r.attestationObject);
      json.response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      json.response.authenticatorData = toB64url(r.authenticatorData);
      json.response.signature = toB64url(r.signature);
      if (r.userHandle) json.response.userHandle = toB64url(r.userHandle);
    }
    return json;
  }

  function ceremony(part) {
    var kind = part.getAttribute('data-passkey');
    var csrf = part.getAttribute('data-csrf');
    var error = part.querySelector('.field-error');
    var button = part.querySelector('button');
    var nameInput = part.querySelector('input');
    part.hidden = false;
    var fallback = document.querySelector('[data-passkey-fallback]');
    if (fallback) fallback.hidden = true;
    button.addEventListener('click', function () {
      error.hidden = true;
      button.disabled = true;
      post(part.getAttribute('data-options'), csrf, {})
        .then(function (o) {
          if (kind === 'register') {
            o.challenge = toBytes(o.challenge);
            o.user.id = toBytes(o.user.id);
            o.excludeCredentials = withIds(o.excludeCredentials);
            return navigator.credentials.create({ publicKey: o });
          }
          o.challenge = toBytes(o.challenge);
          o.allowCredentials = withIds(o.allowCredentials);
          return navigator.credentials.get({ publicKey: o });
        })
        .then(function (cred) {
          var body = { response: responseJson(cred) };
          if (nameInput) body.name = nameInput.value;
          return post(part.getAttribute('data-verify'), csrf, body);
        })
        .then(function (result) {
          window.location.assign(result.redirect);
        })
        .catch(function () {
          error.hidden = false;
          button.disabled = false;
        });
    });
  }

  var parts = document.querySelectorAll('[data-passkey]');
  for (var i = 0; i < parts.length; i++) ceremony(parts[i]);
})();
