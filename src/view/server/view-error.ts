/** A request the view refuses: the HTTP status and one line saying why (in the request's language). */
export class ViewError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ViewError';
  }
}
