// POST /graphql with typed documents; GraphQL errors become a thrown ApiError.
import type { TypedDocumentString } from '../gql/graphql';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function rawRequest<T, V>(
  doc: TypedDocumentString<T, V>,
  variables: V,
  token: string | null,
): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: doc.toString(), variables }),
  });
  let answer: Answer<T>;
  try {
    answer = (await response.json()) as Answer<T>;
  } catch {
    throw new ApiError(`HTTP ${response.status}`, 'INTERNAL');
  }
  const first = answer.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code);
  if (answer.data == null) throw new ApiError(`HTTP ${response.status}: no data`, 'INTERNAL');
  return answer.data;
}
