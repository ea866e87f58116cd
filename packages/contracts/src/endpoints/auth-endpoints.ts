import { z } from 'zod';
import { CurrentUser, RefreshRequest, TokenPair, TokenRequest } from '../auth';
import { endpoint } from './endpoint';

const tags = ['auth'] as const;

/** Sign-in, token rotation, sign-out and who is signed in (docs/api.md#authentication). */
export const AUTH_ENDPOINTS = {
  signIn: endpoint({
    method: 'POST',
    path: '/api/auth/token/',
    tags,
    summary: 'Sign in: trade a username and password for tokens',
    body: TokenRequest,
    responses: { 200: TokenPair },
  }),
  refresh: endpoint({
    method: 'POST',
    path: '/api/auth/token/refresh/',
    tags,
    summary: 'Trade a refresh token for a new pair (each refresh token works once)',
    body: RefreshRequest,
    responses: { 200: TokenPair },
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout/',
    tags,
    summary: 'Revoke a refresh token and its family',
    body: RefreshRequest,
    responses: { 204: z.null() },
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/auth/me/',
    tags,
    summary: 'The signed-in user',
    responses: { 200: CurrentUser },
  }),
} as const;
