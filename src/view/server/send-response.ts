import type { ServerResponse } from 'node:http';

/** Writes whole responses, every body passed through `redact` first (see secretRedactor). */
export interface Responder {
  json(response: ServerResponse, status: number, document: unknown, headers?: Record<string, string>): void;
  html(response: ServerResponse, status: number, page: string, headers?: Record<string, string>): void;
  redirect(response: ServerResponse, location: string, headers?: Record<string, string>): void;
}

/** A Responder whose bodies are cleaned by `redact`. */
export function responder(redact: (text: string) => string): Responder {
  const send = (response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string>) => {
    const bytes = Buffer.from(redact(body));
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length });
    response.end(bytes);
  };
  return {
    json: (response, status, document, headers = {}) =>
      send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(document)}\n`, headers),
    html: (response, status, page, headers = {}) => send(response, status, 'text/html; charset=utf-8', page, headers),
    redirect: (response, location, headers = {}) => {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      response.writeHead(303, { Location: location, 'Content-Length': 0 });
      response.end();
    },
  };
}
