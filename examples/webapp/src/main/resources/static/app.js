// The example's page: plain JavaScript, no build step. It talks to the server with fetch (JSON,
// the CSRF token in a header) and follows the sign-in and each transfer with an EventSource.
'use strict';

const $ = (id) => document.getElementById(id);

/** What /config gives: chain, sign-in path, devnet test wallet, CSRF token. */
let config = null;
/** The sign-in request being shown: its event source and countdown. */
let signIn = { source: null, timer: null, id: null, link: null };
/** The event sources of the transfers on the page, by transfer id. */
const transferSources = new Map();

// ------------------------------------------------------------------ server calls

async function loadConfig() {
  const r = await fetch('/config', { cache: 'no-store' });
  if (!r.ok) {
    throw new Error('the server did not answer /config: ' + r.status);
  }
  config = await r.json();
}

async function call(method, url, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && config && config.csrf) {
    headers[config.csrf.headerName] = config.csrf.token;
  }
  const r = await fetch(url, {
    method, headers, cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = { error: text };
  }
  if (!r.ok) {
    const reason = data && (data.error || data.reason || data.message);
    const err = new Error(reason ? String(reason) + (data.reason && data.error ? ' (' + data.reason + ')' : '')
      : method + ' ' + url + ': HTTP ' + r.status);
    err.status = r.status;
    throw err;
  }
  return data;
}

// ------------------------------------------------------------------ small helpers

function show(el, visible) {
  el.hidden = !visible;
}

function pageError(message) {
  const el = $('page-error');
  el.textContent = message || '';
  show(el, !!message);
}

/** Puts the server's SVG QR code into {@code box} (our own server's markup, without its XML declaration). */
function renderQr(box, svg, link) {
  box.innerHTML = String(svg).replace(/^<\?xml[^>]*\?>\s*/, '');
  box.dataset.link = link;
  // whole screen pixels per module (crisp, evenly sized modules scan best), centred in the box
  const el = box.querySelector('svg');
  const side = el && el.viewBox && el.viewBox.baseVal ? el.viewBox.baseVal.width : 0;
  const room = box.clientWidth || 300;
  if (side > 0 && room >= side) {
    const px = Math.floor(room / side) * side;
    el.style.width = px + 'px';
    el.style.height = px + 'px';
    el.style.margin = ((room - px) / 2) + 'px';
  }
}

/** Counts down to {@code expiresAt} in {@code el}; returns the timer. */
function countdown(el, expiresAt, label) {
  const end = Date.parse(expiresAt);
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const m = Math.floor(left / 60);
    const s = String(left % 60).padStart(2, '0');
    el.textContent = left > 0 ? label + ' ' + m + ':' + s : 'The request expired.';
  };
  tick();
  return setInterval(tick, 1000);
}

function short(id) {
  return id.length > 16 ? id.slice(0, 8) + '…' + id.slice(-8) : id;
}

// ------------------------------------------------------------------ signed out: sign in

function closeSignIn() {
  if (signIn.source) {
    signIn.source.close();
  }
  if (signIn.timer) {
    clearInterval(signIn.timer);
  }
  signIn = { source: null, timer: null, id: null, link: null };
}

function signInStatus(text, isError) {
  const el = $('signin-status');
  el.textContent = text;
  el.classList.toggle('error', !!isError);
}

async function showSignedOut() {
  show($('signed-in'), false);
  show($('signed-out'), true);
  document.body.dataset.view = 'signed-out';
  const dev = config.devWallet && config.devAccounts.length > 0;
  show($('signin-dev'), dev);
  if (dev && $('dev-account').options.length === 0) {
    for (const a of config.devAccounts) {
      const o = document.createElement('option');
      o.value = a;
      o.textContent = a + '@active';
      $('dev-account').appendChild(o);
    }
  }
  await newSignInRequest();
}

async function newSignInRequest() {
  closeSignIn();
  show($('signin-retry'), false);
  $('signin-link').removeAttribute('data-link');
  signInStatus('Creating an identity request…');
  let req;
  try {
    req = await call('POST', config.signInPath + '/requests', { chainId: config.chainId });
  } catch (e) {
    signInStatus('No identity request: ' + e.message, true);
    show($('signin-retry'), true);
    return;
  }
  signIn.id = req.id;
  signIn.link = req.link;
  renderQr($('signin-qr'), req.qrSvg, req.link);
  $('signin-link').href = req.link;
  $('signin-link').dataset.link = req.link;
  $('signin-link-text').textContent = req.link;
  signIn.timer = countdown($('signin-countdown'), req.expiresAt, 'Waiting for your wallet');
  signInStatus('Waiting for your wallet…');

  const source = new EventSource(config.signInPath + '/requests/' + encodeURIComponent(req.id) + '/events');
  signIn.source = source;
  const id = req.id;
  source.addEventListener('verified', async (e) => {
    if (signIn.id !== id) {
      return;
    }
    const who = JSON.parse(e.data);
    closeSignIn();
    signInStatus('Your wallet proved ' + who.actor + '@' + who.permission + '; signing in…');
    try {
      await call('POST', config.signInPath + '/requests/' + encodeURIComponent(id) + '/complete');
      await loadConfig(); // the web session changed its id: take its CSRF token again
      await enter();
    } catch (err) {
      signInStatus('The sign-in did not complete: ' + err.message, true);
      show($('signin-retry'), true);
    }
  });
  source.addEventListener('failed', (e) => {
    const reason = JSON.parse(e.data).reason;
    closeSignIn();
    signInStatus('The wallet\'s answer was refused (' + reason + ').', true);
    show($('signin-retry'), true);
  });
  source.addEventListener('expired', () => {
    closeSignIn();
    signInStatus('The request expired before your wallet answered.', true);
    show($('signin-retry'), true);
  });
}

async function answerSignInWithDevWallet() {
  if (!signIn.link) {
    return;
  }
  const account = $('dev-account').value;
  signInStatus('The devnet test wallet answers as ' + account + '@active…');
  try {
    await call('POST', '/dev/wallet/answer', { link: signIn.link, account });
  } catch (e) {
    signInStatus('The devnet test wallet failed: ' + e.message, true);
  }
}

// ------------------------------------------------------------------ signed in

async function enter() {
  const r = await fetch('/api/me', { cache: 'no-store' });
  if (r.status === 401) {
    await showSignedOut();
    return;
  }
  if (!r.ok) {
    throw new Error('GET /api/me: HTTP ' + r.status);
  }
  showSignedIn(await r.json());
}

function showSignedIn(me) {
  closeSignIn();
  show($('signed-out'), false);
  show($('signed-in'), true);
  document.body.dataset.view = 'signed-in';
  $('account').textContent = me.account;
  $('account-chain').textContent = me.chainName + ' (' + short(me.chainId) + ')';
  $('service-account').textContent = config.serviceAccount;
  loadBalances();
}

async function loadBalances() {
  const list = $('balances');
  list.setAttribute('aria-busy', 'true');
  try {
    const b = await call('GET', '/api/balances');
    list.replaceChildren();
    for (const asset of b.balances) {
      const li = document.createElement('li');
      li.textContent = asset;
      list.appendChild(li);
    }
    if (b.balances.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'no tokens on ' + b.contract;
      list.appendChild(li);
    }
    list.dataset.loaded = String(Date.now());
  } catch (e) {
    list.replaceChildren();
    const li = document.createElement('li');
    li.className = 'error';
    li.textContent = 'Balances unavailable: ' + e.message;
    list.appendChild(li);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

async function signOut() {
  for (const s of transferSources.values()) {
    s.close();
  }
  transferSources.clear();
  try {
    await call('POST', '/api/session/forget');
  } catch (e) {
    // the web session may be gone already: signing out goes on
  }
  await call('POST', '/logout');
  $('transfers').replaceChildren();
  show($('transfers-empty'), true);
  $('transfer-form').reset();
  $('balances').replaceChildren();
  delete $('balances').dataset.loaded;
  await loadConfig();
  await showSignedOut();
}

// ------------------------------------------------------------------ transfers

async function submitTransfer(event) {
  event.preventDefault();
  const form = $('transfer-form');
  const error = $('transfer-error');
  show(error, false);
  const body = {
    to: form.elements.to.value.trim(),
    quantity: form.elements.quantity.value.trim(),
    memo: form.elements.memo.value,
    signer: form.elements.signer.value,
  };
  $('transfer-submit').disabled = true;
  try {
    const started = await call('POST', '/api/transfers', body);
    follow(started.id, started.signer);
  } catch (e) {
    error.textContent = e.message;
    show(error, true);
  } finally {
    $('transfer-submit').disabled = false;
  }
}

const STEPS = {
  signing: { wallet: 'Waiting for your wallet to sign', service: 'Signing with the service\'s key' },
  signed: { wallet: 'Signed by your wallet', service: 'Signed by the service' },
  broadcasting: { wallet: 'Broadcasting', service: 'Broadcasting' },
};

/** Shows transfer {@code id} and follows its events until it ends. */
function follow(id, signer) {
  const card = $('transfer-template').content.firstElementChild.cloneNode(true);
  card.dataset.transferId = id;
  card.dataset.signer = signer;
  card.dataset.state = 'started';
  $('transfers').prepend(card);
  show($('transfers-empty'), false);
  const q = (sel) => card.querySelector(sel);
  const list = q('.status-list');
  let timer = null;
  let lastSeq = -1;

  const item = (text, state, cls) => {
    const li = document.createElement('li');
    li.textContent = text;
    if (state) {
      li.dataset.state = state;
    }
    if (cls) {
      li.className = cls;
    }
    list.appendChild(li);
    return li;
  };
  const hidePrompt = () => {
    show(q('.transfer-prompt'), false);
    if (timer) {
      clearInterval(timer);
      timer = null;
    }
  };

  const source = new EventSource('/api/transfers/' + encodeURIComponent(id) + '/events');
  transferSources.set(id, source);
  const on = (name, handler) => source.addEventListener(name, (e) => {
    const seq = Number(e.lastEventId);
    if (!Number.isNaN(seq) && e.lastEventId !== '') {
      if (seq <= lastSeq) {
        return; // replayed after a reconnection: seen already
      }
      lastSeq = seq;
    }
    handler(e.data ? JSON.parse(e.data) : {});
  });
  const finish = () => {
    source.close();
    transferSources.delete(id);
    hidePrompt();
  };

  on('started', (d) => {
    q('.transfer-title').textContent = d.quantity + ' from ' + d.from + ' to ' + d.to
      + (d.memo ? ' · “' + d.memo + '”' : '') + ' · signed by ' + d.signedBy;
    item('Started', 'STARTED');
  });
  on('progress', (d) => {
    if (!STEPS[d.step]) {
      return; // 'broadcast': the accepted event says it with the transaction's id
    }
    item(STEPS[d.step][signer] || d.step, 'STEP_' + d.step.toUpperCase());
  });
  on('prompt', (d) => {
    const box = q('.transfer-prompt');
    q('.prompt-body').textContent = d.body;
    renderQr(q('.transfer-qr'), d.qrSvg, d.link);
    q('.transfer-link').href = d.link;
    q('.transfer-link').dataset.link = d.link;
    q('.transfer-link-text').textContent = d.link;
    const dev = q('.transfer-dev-answer');
    show(dev, !!config.devWallet);
    dev.disabled = false;
    dev.onclick = async () => {
      dev.disabled = true;
      try {
        await call('POST', '/dev/wallet/answer', { link: d.link });
      } catch (e) {
        item('The devnet test wallet failed: ' + e.message, null, 'error');
        dev.disabled = false;
      }
    };
    if (timer) {
      clearInterval(timer);
    }
    timer = d.expiresAt ? countdown(q('.transfer-countdown'), d.expiresAt, 'Waiting for your wallet') : null;
    show(box, true);
    card.dataset.state = 'prompt';
  });
  on('prompt-closed', () => hidePrompt());
  on('accepted', (d) => {
    const p = q('.transfer-id');
    p.querySelector('code').textContent = d.transactionId;
    p.dataset.transactionId = d.transactionId;
    show(p, true);
    item('Transaction ' + short(d.transactionId) + ' accepted by the node', 'ACCEPTED');
    card.dataset.state = 'accepted';
  });
  on('status', (d) => {
    let text = d.state;
    if (d.state === 'IRREVERSIBLE') {
      text += ' in block ' + d.blockNumber + ' (last irreversible block ' + d.irreversibleNumber + ')';
    } else if (d.state === 'IN_BLOCK' && d.blockNumber) {
      text += ' in block ' + d.blockNumber + ' (head ' + d.headNumber + ', irreversible ' + d.irreversibleNumber + ')';
    } else {
      text += ' (head ' + d.headNumber + ')';
    }
    item(text, d.state, d.final ? 'final' : null);
    card.dataset.state = d.state;
    if (d.final) {
      loadBalances();
    }
  });
  on('done', () => finish());
  on('failed', (d) => {
    item('Failed: ' + d.reason, 'FAILED', 'error');
    card.dataset.state = 'FAILED';
    finish();
  });
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      item('The server closed the event stream.', null, 'error');
      finish();
    }
  };
  q('.transfer-cancel').onclick = async () => {
    try {
      await call('POST', '/api/transfers/' + encodeURIComponent(id) + '/cancel');
    } catch (e) {
      item('Not cancelled: ' + e.message, null, 'error');
    }
  };
}

// ------------------------------------------------------------------ start

async function main() {
  $('signin-retry').addEventListener('click', () => newSignInRequest());
  $('signin-dev-answer').addEventListener('click', () => answerSignInWithDevWallet());
  $('sign-out').addEventListener('click', () => signOut().catch((e) => pageError('Sign-out failed: ' + e.message)));
  $('refresh-balances').addEventListener('click', () => loadBalances());
  $('transfer-form').addEventListener('submit', submitTransfer);
  try {
    await loadConfig();
    $('chain-name').textContent = config.chainName;
    $('chain-id').textContent = short(config.chainId);
    $('chain-id').title = config.chainId;
    await enter();
  } catch (e) {
    pageError(e.message);
  }
}

main();
