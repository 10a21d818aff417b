// A real OpenID Connect provider for the tests: panva's certified oidc-provider on 127.0.0.1.
// Configuration comes as JSON in argv[2]: { port, clients: [...], accounts: { id: claims } }.
// Its own small login page lets a test choose the account and the assurance level (acr) the login gives, so that
// the service's checks of acr and auth_time are tested rather than the provider's.
import http from 'node:http';
import { URLSearchParams } from 'node:url';
import Provider, { interactionPolicy } from 'oidc-provider';

const settings = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${settings.port}`;
const PERSON_NUMBER_SCOPE = 'https://id.oidc.se/scope/naturalPersonNumber';

const policy = interactionPolicy.base();
// The service must refuse a too-low acr itself: the provider does not re-prompt for one.
for (const check of ['essential_acrs', 'essential_acr']) {
  try { policy.get('login').checks.remove(check); } catch { /* not in this version */ }
}

const provider = new Provider(issuer, {
  clients: settings.clients,
  pkce: { required: () => true },
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name'],
    staff: ['roles', 'unit'],
    [PERSON_NUMBER_SCOPE]: [
      'https://id.oidc.se/claim/personalIdentityNumber',
      'https://id.oidc.se/claim/coordinationNumber',
      'https://id.oidc.se/claim/authnProvider',
    ],
  },
  scopes: ['openid', 'profile', 'staff', PERSON_NUMBER_SCOPE],
  acrValues: settings.acrValues,
  features: {
    devInteractions: { enabled: false },
    claimsParameter: { enabled: true },
    rpInitiatedLogout: { enabled: true, logoutSource: async (ctx, form) => {
      ctx.body = `<!DOCTYPE html><title>Sign out</title>${form}<button form="op.logoutForm" name="logout" value="yes">Sign out</button>`;
    } },
  },
  findAccount: async (ctx, id) => {
    const claims = settings.accounts[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['test-only-cookie-key'] },
  jwks: settings.jwks,
  ttl: { AuthorizationCode: 60, IdToken: 3600, AccessToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
});
provider.proxy = false;

const page = (uid, account) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title></head>
<body><h1>Test provider: sign in</h1>
<form method="post" action="/interaction/${uid}/login">
<label for="account">Account</label> <input id="account" name="account" value="${account || ''}">
<label for="acr">Assurance level</label> <select id="acr" name="acr">
${settings.acrValues.map((v) => `<option>${v}</option>`).join('')}<option value="">none</option></select>
<button type="submit">Sign in</button></form></body></html>`;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (action === undefined) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(uid, details.params.login_hint));
    return;
  }
  const form = await readForm(req);
  const accountId = form.account;
  if (!settings.accounts[accountId]) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(uid, ''));
    return;
  }
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const requested = details.params.claims ? JSON.parse(details.params.claims) : {};
  const claimNames = [...Object.keys(requested.id_token || {}), ...Object.keys(requested.userinfo || {})];
  if (claimNames.length) grant.addOIDCClaims(claimNames);
  const grantId = await grant.save();
  const login = { accountId, amr: ['pwd'] };
  if (form.acr) login.acr = form.acr;
  await provider.interactionFinished(req, res, { login, consent: { grantId } }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
http.createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
  if (!match) return callback(req, res);
  try {
    await interaction(req, res, match[1], req.method === 'POST' ? 'login' : undefined);
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(String(err));
  }
}).listen(settings.port, '127.0.0.1', () => console.log(`ready ${issuer}`));
