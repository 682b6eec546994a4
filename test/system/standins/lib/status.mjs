// metav1.Status bodies and the JSON reply helper.

export function statusBody(code, reason, message, details) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export function sendJson(res, code, body) {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res, code, text) {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

export const unauthorized = () => statusBody(401, 'Unauthorized', 'Unauthorized');
export const notFound = () =>
  statusBody(404, 'NotFound', 'the server could not find the requested resource', {});
export const forbiddenPath = (user, method, path) =>
  statusBody(403, 'Forbidden', `forbidden: User "${user}" cannot ${method.toLowerCase()} path "${path}"`, {});
