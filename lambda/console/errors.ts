/**
 * The router's answers: a value on success, an ApiError (status, code, one plain sentence) on
 * failure. Nothing else reaches a user: an unexpected error becomes a 500 without its stack.
 */
import type { ConsoleResponse } from './contract.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** One line per problem (a refused correction). */
    readonly problems?: string[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, problems?: string[]): ApiError => new ApiError(400, 'bad-request', message, problems);
export const notFound = (message: string): ApiError => new ApiError(404, 'not-found', message);

export function errorResponse(error: ApiError): ConsoleResponse {
  return { status: error.status, body: { error: { code: error.code, message: error.message, ...(error.problems ? { problems: error.problems } : {}) } } };
}
