// Requests as the signed-in user: one refresh and retry when the access token was refused.
import type { TypedDocumentString } from '../gql/graphql';
import { refresh, session, signOut } from './session';
import { ApiError, rawRequest } from './transport';

export { ApiError };

export async function request<T, V>(doc: TypedDocumentString<T, V>, variables: V): Promise<T> {
  try {
    return await rawRequest(doc, variables, session()?.accessToken ?? null);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED' && (await refresh())) {
      return rawRequest(doc, variables, session()?.accessToken ?? null);
    }
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') await signOut();
    throw e;
  }
}
