// People and credentials for the security suites: members invited into a tenant and signed in,
// and the one question every credential check asks ("who am I?").
import { ACCEPT, gql, STRONG_PASSWORD, type GqlResult } from './api.js';

/** The cheapest signed-in question: answered 200 with the user, or 401 before any resolver runs. */
export const VIEWER = '{ viewer { user { id } } }';

export function viewer(
  baseUrl: string,
  token: string,
): Promise<GqlResult<{ viewer: { user: { id: string } } }>> {
  return gql<{ viewer: { user: { id: string } } }>(baseUrl, VIEWER, {}, token);
}

export interface Member {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  inviteToken: string;
}

let seq = 0;

/** The tenant admin invites a person with `role`; the person accepts and is signed in. */
export async function inviteMember(
  baseUrl: string,
  adminToken: string,
  role: 'TENANT_ADMIN' | 'SUPERVISOR' | 'AGENT',
  opts: { email?: string; name?: string } = {},
): Promise<Member> {
  seq += 1;
  const email = opts.email ?? `member-${process.pid}-${Date.now().toString(36)}-${seq}@brand.test`;
  const invite = await gql<{ inviteUser: { token: string } }>(
    baseUrl,
    'mutation($email: String!, $name: String!, $role: TenantRole!) { inviteUser(email: $email, name: $name, role: $role) { token } }',
    { email, name: opts.name ?? `Member ${seq}`, role },
    adminToken,
  );
  if (!invite.data) throw new Error(`invite failed: ${JSON.stringify(invite.errors)}`);
  const inviteToken = invite.data.inviteUser.token;
  const accepted = await gql<{ acceptInvitation: { accessToken: string; refreshToken: string } }>(
    baseUrl,
    ACCEPT,
    {
      token: inviteToken,
      name: opts.name ?? `Member ${seq}`,
      password: STRONG_PASSWORD,
    },
  );
  if (!accepted.data) throw new Error(`accept failed: ${JSON.stringify(accepted.errors)}`);
  const me = await viewer(baseUrl, accepted.data.acceptInvitation.accessToken);
  if (!me.data) throw new Error(`viewer failed: ${JSON.stringify(me.errors)}`);
  return {
    userId: me.data.viewer.user.id,
    email,
    password: STRONG_PASSWORD,
    accessToken: accepted.data.acceptInvitation.accessToken,
    refreshToken: accepted.data.acceptInvitation.refreshToken,
    inviteToken,
  };
}

/** Creates an API key in the admin's tenant; returns its id and its (once-shown) secret. */
export async function createApiKey(
  baseUrl: string,
  adminToken: string,
  scopes: string[] = ['TENANT_READ'],
  name = 'Security suite key',
): Promise<{ id: string; secret: string }> {
  const r = await gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    baseUrl,
    `mutation($name: String!) { createApiKey(name: $name, scopes: [${scopes.join(', ')}]) { secret apiKey { id } } }`,
    { name },
    adminToken,
  );
  if (!r.data) throw new Error(`createApiKey failed: ${JSON.stringify(r.errors)}`);
  return { id: r.data.createApiKey.apiKey.id, secret: r.data.createApiKey.secret };
}
