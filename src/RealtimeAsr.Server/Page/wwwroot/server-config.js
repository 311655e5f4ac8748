// What the page learns from its server: the models, how to authenticate, and why a connection was refused.

/** GET /page/config: {models: [{id, engine, languages}], auth: "open"|"token"|"unavailable", realtime_path}. */
export async function loadConfig() {
  const response = await fetch('page/config', { cache: 'no-store' });
  if (!response.ok) throw new Error(`The server's page configuration could not be read (HTTP ${response.status}).`);
  return response.json();
}

/** Reads an error body shaped like the handshake's ({code, message}); falls back to the status text. */
async function readError(response) {
  try {
    const body = await response.json();
    if (body && body.message) return body.code ? `${body.code}: ${body.message}` : body.message;
  } catch {
    // Not JSON: say what the status says.
  }
  return `HTTP ${response.status} ${response.statusText}`.trim();
}

/** POST /page/client_secret: a short-lived token for one connection to `model`. Throws with a readable message. */
export async function fetchClientSecret(model) {
  let response;
  try {
    response = await fetch('page/client_secret', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model }),
      cache: 'no-store',
    });
  } catch (error) {
    throw new Error(`The server could not be reached for a page token: ${error.message}`);
  }
  if (!response.ok) throw new Error(`The server refused a page token: ${await readError(response)}`);
  const body = await response.json();
  if (!body || typeof body.value !== 'string') throw new Error('The server answered the page token request without a token.');
  return body.value;
}

/**
 * Why a WebSocket handshake was refused. Browsers hide the HTTP status of a refused upgrade (the socket just closes
 * with 1006), so the page asks the same URL again as a plain GET: the server checks the key and the model before it
 * looks for an upgrade and answers with the same JSON error. A page token cannot travel on a plain GET, so with
 * tokens only the model and engine checks can be told apart.
 */
export async function explainRefusedConnection(realtimePath, model, auth, servedModels) {
  if (auth !== 'open' && !servedModels.some((served) => served.id === model)) {
    // The server checks the key first, so with tokens the probe below could not say this. (Without keys the probe
    // tells it in the server's own words.)
    const names = servedModels.map((served) => served.id).join(', ') || 'none';
    return `The model "${model}" is not served here. Models: ${names}.`;
  }
  let response;
  try {
    response = await fetch(`${realtimePath}?model=${encodeURIComponent(model)}`, { cache: 'no-store' });
  } catch {
    return 'The server cannot be reached. Is it still running?';
  }
  if (response.status === 400 || (response.status === 401 && auth === 'token')) {
    // 400: the model and key are fine and only the upgrade was missing; 401 with a token: the probe had none.
    return auth === 'token'
      ? `The server refused the connection to "${model}": the page token was refused or expired, or the server is busy (too many sessions). Try again.`
      : `The server refused the connection to "${model}": it may be busy (too many sessions). Try again shortly.`;
  }
  return `The server refused the connection: ${await readError(response)}`;
}
